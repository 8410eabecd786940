using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using Spm.Dataverse.Security;
using Spm.Dataverse.Store;
using Spm.Dataverse.Tests.Pipeline;

namespace Spm.Dataverse.Tests.Security;

/// <summary>
/// Security through the plug-in pipeline: a request runs with its caller's privileges, a plug-in's service for the
/// calling user has that user's privileges and its SYSTEM service has all, and a Custom API needs its execute privilege.
/// </summary>
[TestClass]
public sealed class PipelineSecurityTests
{
    private const string Statements = "spm_CountStatements";

    /// <summary>A Custom API whose plug-in counts the statements it reads as the caller and as SYSTEM.</summary>
    private static PluginPipeline Pipeline(SecuredOrg org, string? executePrivilege)
    {
        var pipeline = new PluginPipeline(org.Store);
        pipeline.RegisterCustomApi(Statements, new DelegatePlugin(local =>
        {
            var query = new QueryExpression("spm_statement") { ColumnSet = new ColumnSet("spm_name") };
            local.Context.OutputParameters["AsCaller"] = local.Factory.CreateOrganizationService(Guid.Empty).RetrieveMultiple(query).Entities.Count;
            local.Context.OutputParameters["AsSystem"] = local.Factory.CreateOrganizationService(null).RetrieveMultiple(query).Entities.Count;
        }), isFunction: true, executePrivilegeName: executePrivilege);
        return pipeline;
    }

    [DataRow("Ava", 1)]
    [DataRow("Marco", 3)]
    [DataRow("Priya", 1)]
    [DataRow("Sofia", 4)]
    [TestMethod]
    public void A_plug_in_reads_with_the_callers_privileges_for_the_caller_and_with_all_as_system(string caller, int asCaller)
    {
        var org = new SecuredOrg();
        PluginPipeline pipeline = Pipeline(org, "prvReadspm_statement");

        OrganizationResponse response = pipeline.CreateOrganizationService(org[caller]).Execute(new OrganizationRequest(Statements));

        Assert.AreEqual(asCaller, response["AsCaller"]);
        Assert.AreEqual(4, response["AsSystem"]);
    }

    [TestMethod]
    public void A_custom_api_refuses_a_caller_without_its_execute_privilege_before_anything_runs()
    {
        var org = new SecuredOrg();
        PluginPipeline pipeline = Pipeline(org, "prvReadspm_statement");
        var validation = new ContextProbe();
        pipeline.Register(Statements, null, PipelineStage.PreValidation, validation);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => pipeline.CreateOrganizationService(org["Omar"]).Execute(new OrganizationRequest(Statements)));

        Assert.AreEqual(SecurityErrors.PrivilegeDenied, fault.ErrorCode);
        Assert.AreEqual(org.PrivilegeDenied("Omar", "prvReadspm_statement", "spm_statement", "Salesperson"), fault.Message);
        Assert.IsEmpty(validation.Seen);
        Assert.IsEmpty(pipeline.Executions);
    }

    [TestMethod]
    public void A_custom_api_without_an_execute_privilege_runs_for_anyone_and_its_plug_in_still_reads_as_them()
    {
        var org = new SecuredOrg();
        PluginPipeline pipeline = Pipeline(org, executePrivilege: null);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => pipeline.CreateOrganizationService(org["Omar"]).Execute(new OrganizationRequest(Statements)));

        // The API ran; Omar's own read inside it is what was refused.
        Assert.AreEqual(SecurityErrors.PrivilegeDenied, fault.ErrorCode);
        Assert.AreEqual(org.PrivilegeDenied("Omar", "prvReadspm_statement", "spm_statement", "Salesperson"), fault.Message);
        Assert.AreEqual(PipelineStage.MainOperation, pipeline.Executions.Single().Stage);
    }

    [TestMethod]
    public void The_pipelines_system_user_is_trusted_by_its_store_and_a_refused_write_rolls_back_its_steps()
    {
        var org = new SecuredOrg();
        Guid system = new("5b0e5c3a-0000-4000-8000-0000000005a5");
        var pipeline = new PluginPipeline(org.Store, new PluginPipelineOptions { SystemUserId = system });
        var preOperation = new ContextProbe(local => local.Factory.CreateOrganizationService(null).Create(new Entity("spm_recognition")
        {
            ["spm_name"] = "Written by a step before the core operation",
            ["spm_participantid"] = new EntityReference("systemuser", org["Ava"]),
        }));
        pipeline.Register("Create", "spm_statement", PipelineStage.PreOperation, preOperation);
        int recognitions = org.Store.Count("spm_recognition");

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => pipeline.CreateOrganizationService(org["Ava"]).Create(new Entity("spm_statement") { ["spm_name"] = "Ava's own figures" }));
        pipeline.CreateOrganizationService(null).Create(new Entity("spm_statement") { ["spm_name"] = "Written as SYSTEM", ["ownerid"] = new EntityReference("systemuser", org["Ava"]) });

        Assert.AreEqual(SecurityErrors.PrivilegeDenied, fault.ErrorCode);
        Assert.AreEqual(recognitions + 1, org.Store.Count("spm_recognition"), "only the SYSTEM create's step wrote");
        Assert.HasCount(2, preOperation.Seen);
        Assert.AreEqual(5, org.Store.Count("spm_statement"));
    }
}
