using System.Net;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse;
using Spm.Dataverse.Security;
using Spm.Dataverse.Store;
using Spm.Plugins.Tests;
using Spm.WebApi.Errors;
using Spm.WebApi.Tests.Fixture;
using static Spm.WebApi.Tests.Fixture.Json;

namespace Spm.WebApi.Tests;

/// <summary>Refused reads: Dataverse's error body, code and status for each, and the store's security decides what a rep reads.</summary>
[TestClass]
public sealed class ErrorTests
{
    private const string Admin = WebApiOrganization.Admin;
    private static WebApiOrganization _api = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _api = await WebApiOrganization.StartAsync(api =>
        {
            api.SeedQuarter();

            // Ava overlays Ben's won deal: her credit row points to an opportunity a rep may not read.
            api.Org.AddSplit(api.Deals["Fabrikam expansion"], SpmOrganization.Ava, 25m, overlay: true);
        });
        _api.Org.Store.EnforceSecurity = true;
    }

    [ClassCleanup]
    public static async Task StopAsync() => await _api.DisposeAsync();

    [TestMethod]
    public async Task A_row_that_does_not_exist_is_404_with_the_platforms_message()
    {
        var missing = new Guid("0badf00d-0000-0000-0000-000000000000");

        var (status, body, _) = await _api.GetAsync(Admin, $"opportunities({missing})?$select=name");

        Assert.AreEqual(HttpStatusCode.NotFound, status);
        Assert.AreEqual(("0x80040217", $"opportunity With Id = {missing} Does Not Exist"), Error(body));
    }

    [TestMethod]
    [DataRow("opportunitys", HttpStatusCode.NotFound, "Resource not found for the segment 'opportunitys'.")]
    [DataRow("opportunities?$select=name,estimatedrevenue", HttpStatusCode.BadRequest, "Could not find a property named 'estimatedrevenue' on type 'Microsoft.Dynamics.CRM.opportunity'.")]
    [DataRow("opportunities?$filter=estimatedrevenue gt 5", HttpStatusCode.BadRequest, "Could not find a property named 'estimatedrevenue' on type 'Microsoft.Dynamics.CRM.opportunity'.")]
    [DataRow("opportunities?$orderby=revenue desc", HttpStatusCode.BadRequest, "Could not find a property named 'revenue' on type 'Microsoft.Dynamics.CRM.opportunity'.")]
    [DataRow("opportunities?$filter=name eqq 'Contoso renewal'", HttpStatusCode.BadRequest, "Syntax error at position 8 in 'name eqq 'Contoso renewal''.")]
    [DataRow("opportunities?$filter=closeprobability eq 'high'", HttpStatusCode.BadRequest, "A binary operator with incompatible types was detected. Found operand types 'Edm.Int32' and 'Edm.String' for operator kind 'Equal'.")]
    [DataRow("opportunities?$filter=closeprobability eq 1.5", HttpStatusCode.BadRequest, "The $filter literal 1.5 in 'closeprobability Equal 1.5' is not a value of column 'closeprobability' (Integer).")]
    [DataRow("opportunities?$filter=name gt null", HttpStatusCode.BadRequest, "The $filter comparison 'name GreaterThan null' compares with null using 'GreaterThan': only eq null and ne null are allowed.")]
    [DataRow("opportunities?$expand=spm_credits", HttpStatusCode.BadRequest, "Could not find a property named 'spm_credits' on type 'Microsoft.Dynamics.CRM.opportunity'.")]
    [DataRow("opportunities?$skip=2", HttpStatusCode.BadRequest, "The query parameter $skip is not supported: page with Prefer: odata.maxpagesize and @odata.nextLink.")]
    [DataRow("opportunities?$skiptoken=page2", HttpStatusCode.BadRequest, "The $skiptoken 'page2' is not a paging cookie this service issued: follow the @odata.nextLink as it was returned.")]
    [DataRow("opportunities?fetchXml=%3Cfetch%3E%3Centity", HttpStatusCode.BadRequest, "The fetchXml parameter is not well-formed XML:")]
    public async Task A_bad_url_is_refused_naming_what_is_wrong(string url, HttpStatusCode expected, string message)
    {
        var (status, body, response) = await _api.GetAsync(Admin, url);

        Assert.AreEqual(expected, status, body.ToString());
        Assert.StartsWith(message, Error(body).Message);
        Assert.AreEqual("4.0", response.Headers.GetValues("OData-Version").Single());
        Assert.AreEqual("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [TestMethod]
    public async Task A_rep_reads_their_own_statement_and_nobody_elses_by_any_query()
    {
        Guid bens = StatementOf(SpmOrganization.Ben);
        string fetch = Uri.EscapeDataString("<fetch><entity name=\"spm_statement\"><attribute name=\"spm_credited\" /></entity></fetch>");

        var (collection, all, _) = await _api.GetAsync(WebApiOrganization.Ava, "spm_statements?$select=_spm_participantid_value,spm_credited");
        var (filtered, bensOnly, _) = await _api.GetAsync(WebApiOrganization.Ava, $"spm_statements?$select=spm_credited&$filter=_spm_participantid_value eq {SpmOrganization.Ben}");
        var (fetched, viaFetch, _) = await _api.GetAsync(WebApiOrganization.Ava, "spm_statements?fetchXml=" + fetch);
        var (byId, refused, _) = await _api.GetAsync(WebApiOrganization.Ava, $"spm_statements({bens})?$select=spm_credited");

        Assert.AreEqual(HttpStatusCode.OK, collection, all.ToString());
        Assert.AreEqual(SpmOrganization.Ava, Rows(all).Single().GetProperty("_spm_participantid_value").GetGuid());
        Assert.AreEqual((HttpStatusCode.OK, 0), (filtered, Rows(bensOnly).Count));
        Assert.AreEqual(142500m, Rows(viaFetch).Single().GetProperty("spm_credited").GetDecimal(), fetched.ToString());
        Assert.AreEqual(HttpStatusCode.Forbidden, byId, refused.ToString());
        Assert.AreEqual(ErrorCodes.Format(SecurityErrors.AccessDenied), Error(refused).Code);
    }

    [TestMethod]
    public async Task An_expanded_row_the_caller_may_not_read_comes_back_null()
    {
        var (status, body, _) = await _api.GetAsync(WebApiOrganization.Ava, "spm_credits?$select=spm_revenue&$orderby=spm_sequence&$expand=spm_opportunityid($select=name)");

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(
            "Contoso renewal|",
            string.Join("|", Rows(body).Select(r => Text(r, "spm_opportunityid") == null ? string.Empty : r.GetProperty("spm_opportunityid").GetProperty("name").GetString())));
    }

    [TestMethod]
    [DataRow(DataverseErrors.ObjectDoesNotExist, HttpStatusCode.NotFound)]
    [DataRow(DataverseErrors.ConcurrencyVersionMismatch, HttpStatusCode.PreconditionFailed)]
    [DataRow(DataverseErrors.DuplicateRecordEntityKey, HttpStatusCode.PreconditionFailed)]
    [DataRow(SecurityErrors.PrivilegeDenied, HttpStatusCode.Forbidden)]
    [DataRow(SecurityErrors.AccessDenied, HttpStatusCode.Forbidden)]
    [DataRow(SecurityErrors.SecuredColumnUpdateDenied, HttpStatusCode.Forbidden)]
    [DataRow(DataverseErrors.InvalidArgument, HttpStatusCode.BadRequest)]
    [DataRow(-2147220891, HttpStatusCode.BadRequest)]
    public void Each_fault_code_answers_the_status_dataverse_gives_it(int code, HttpStatusCode expected)
    {
        var fault = new DataverseFaultException(code, "refused");

        Assert.AreEqual(expected, ErrorResponse.StatusOf(fault));
        Assert.AreEqual(ErrorCodes.Format(code), ErrorResponse.Describe(fault).Code);
    }

    [TestMethod]
    public void A_plugin_may_choose_its_status_and_keeps_its_message()
    {
        var plugin = new InvalidPluginExecutionException("Period FY2026-Q1 is locked.", PluginHttpStatusCode.Conflict);
        var fault = new DataverseFaultException(-2147220891, plugin.Message, plugin);

        Assert.AreEqual((HttpStatusCode.Conflict, "0x80040265", "Period FY2026-Q1 is locked."), ErrorResponse.Describe(fault));
    }

    private static Guid StatementOf(Guid participant) =>
        _api.Org.Raw.RetrieveMultiple(new QueryExpression("spm_statement")
        {
            ColumnSet = new ColumnSet(false),
            Criteria = { Conditions = { new ConditionExpression("spm_participantid", ConditionOperator.Equal, participant) } },
        }).Entities.Single().Id;
}
