using Microsoft.Xrm.Sdk;

namespace Xrm.Sdk.Facade.Tests;

[TestClass]
public sealed class ExceptionAndFaultTests
{
    [TestMethod]
    public void InvalidPluginExecutionException_is_sealed()
    {
        Assert.IsTrue(typeof(InvalidPluginExecutionException).IsSealed);
        Assert.AreEqual(typeof(Exception), typeof(InvalidPluginExecutionException).BaseType);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_carries_message_and_inner_exception()
    {
        var inner = new InvalidOperationException("split percentages sum to 90%");

        var error = new InvalidPluginExecutionException("Credit splits must sum to 100%.", inner);

        Assert.AreEqual("Credit splits must sum to 100%.", error.Message);
        Assert.AreSame(inner, error.InnerException);
        Assert.AreEqual(OperationStatus.Failed, error.Status);
        Assert.AreEqual(PluginHttpStatusCode.NotSet, error.HttpStatus);
        Assert.IsNull(error.ExceptionDetails);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_without_a_code_has_System_Exceptions_HResult_as_ErrorCode()
    {
        const int CorEException = -2146233088;

        Assert.AreEqual(CorEException, new InvalidPluginExecutionException("Period is locked.").ErrorCode);
        Assert.AreEqual(CorEException, new InvalidPluginExecutionException().ErrorCode);
        Assert.AreEqual(CorEException, new InvalidPluginExecutionException("Period is locked.", PluginHttpStatusCode.Conflict).ErrorCode);
        Assert.AreEqual(CorEException, new InvalidPluginExecutionException(OperationStatus.Failed, 0, "A zero code means none.").ErrorCode);
        Assert.AreEqual(CorEException, new InvalidPluginExecutionException("Wrapped.", new InvalidOperationException("inner")).ErrorCode);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_with_only_a_status_has_an_empty_message()
    {
        var error = new InvalidPluginExecutionException(OperationStatus.Canceled);

        Assert.AreEqual(string.Empty, error.Message);
        Assert.AreEqual(OperationStatus.Canceled, error.Status);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_wrapping_another_takes_its_http_status()
    {
        var inner = new InvalidPluginExecutionException("Period is locked.", PluginHttpStatusCode.Conflict);

        var error = new InvalidPluginExecutionException("Posting refused.", inner);

        Assert.AreEqual(PluginHttpStatusCode.Conflict, error.HttpStatus);
        Assert.AreEqual(PluginHttpStatusCode.NotSet, new InvalidPluginExecutionException("Posting refused.", new InvalidOperationException()).HttpStatus);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_carries_status_code_and_http_status()
    {
        var error = new InvalidPluginExecutionException(OperationStatus.Canceled, 42, "Period is locked.", PluginHttpStatusCode.Conflict);

        Assert.AreEqual(OperationStatus.Canceled, error.Status);
        Assert.AreEqual(42, error.ErrorCode);
        Assert.AreEqual("Period is locked.", error.Message);
        Assert.AreEqual(PluginHttpStatusCode.Conflict, error.HttpStatus);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_keeps_the_callers_details_dictionary_itself()
    {
        var details = new Dictionary<string, string> { ["period"] = "2025-Q1" };

        var error = new InvalidPluginExecutionException("Period is locked.", PluginHttpStatusCode.BadRequest, details);
        details["period"] = "changed";

        Assert.AreSame(details, error.ExceptionDetails);
        Assert.AreEqual("changed", error.ExceptionDetails["period"]);
        Assert.AreEqual(PluginHttpStatusCode.BadRequest, error.HttpStatus);
        Assert.AreSame(details, new InvalidPluginExecutionException("Period is locked.", details).ExceptionDetails);
        Assert.AreSame(details, new InvalidPluginExecutionException(OperationStatus.Failed, "Period is locked.", details).ExceptionDetails);
    }

    [TestMethod]
    public void OrganizationServiceFault_chains_inner_faults_and_details()
    {
        var fault = new OrganizationServiceFault
        {
            ErrorCode = -2147220891,
            Message = "Outer",
            TraceText = "trace",
            Timestamp = new DateTime(2025, 1, 31, 0, 0, 0, DateTimeKind.Utc),
            InnerFault = new OrganizationServiceFault { Message = "Inner" },
        };
        fault.ErrorDetails["OperationStatus"] = "0";

        Assert.IsInstanceOfType<BaseServiceFault>(fault);
        Assert.AreEqual(-2147220891, fault.ErrorCode);
        Assert.AreEqual("Inner", fault.InnerFault.Message);
        Assert.IsNull(fault.InnerFault.InnerFault);
        Assert.AreEqual("0", fault.ErrorDetails["OperationStatus"]);
        Assert.AreEqual(DateTimeKind.Utc, fault.Timestamp.Kind);
        Assert.AreEqual("trace", fault.TraceText);
    }
}
