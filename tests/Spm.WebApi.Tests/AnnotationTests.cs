using System.Net;
using System.Text.Json;
using Spm.Plugins.Tests;
using Spm.WebApi.Tests.Fixture;
using static Spm.WebApi.Tests.Fixture.Json;

namespace Spm.WebApi.Tests;

/// <summary>Prefer: odata.include-annotations: formatted values and lookup annotations, only when and as asked for.</summary>
[TestClass]
public sealed class AnnotationTests
{
    private const string Admin = WebApiOrganization.Admin;
    private const string Formatted = "@OData.Community.Display.V1.FormattedValue";
    private static WebApiOrganization _api = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => _api = await WebApiOrganization.StartAsync(api => api.SeedQuarter());

    [ClassCleanup]
    public static async Task StopAsync() => await _api.DisposeAsync();

    [TestMethod]
    [DataRow("Contoso renewal", "estimatedvalue", "$120,000.00")]
    [DataRow("Adventure Works upgrade", "estimatedvalue", "€240,000.00")]
    [DataRow("Wingtip analytics", "estimatedvalue", "$47,250.50")]
    [DataRow("Contoso renewal", "statecode", "Won")]
    [DataRow("Northwind pilot", "statecode", "Open")]
    [DataRow("Contoso renewal", "closeprobability", "80")]
    [DataRow("Contoso renewal", "estimatedclosedate", "2/27/2026")]
    [DataRow("Contoso renewal", "modifiedon", "2/27/2026 10:00 AM")]
    [DataRow("Contoso renewal", "_ownerid_value", "Ava Chen")]
    [DataRow("Adventure Works upgrade", "_transactioncurrencyid_value", "Euro")]
    public async Task Formatted_values_are_written_as_the_web_api_formats_them(string deal, string property, string expected)
    {
        var (status, body, _) = await _api.GetAsync(Admin, $"opportunities({_api.Deals[deal]})?$select={property}", ("Prefer", "odata.include-annotations=\"*\""));

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(expected, body.GetProperty(property + Formatted).GetString());
    }

    [TestMethod]
    public async Task A_lookup_names_its_navigation_property_and_table_before_its_value()
    {
        var (_, body, response) = await _api.GetAsync(Admin, $"opportunities({_api.Deals["Fabrikam expansion"]})?$select=_ownerid_value", ("Prefer", "odata.include-annotations=\"*\""));

        Assert.AreEqual("odata.include-annotations=\"*\"", string.Join(",", response.Headers.GetValues("Preference-Applied")));
        Assert.AreSequenceEqual(
            new[] { "_ownerid_value" + Formatted, "_ownerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty", "_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname", "_ownerid_value" },
            PropertyNames(body).Where(p => p.StartsWith("_ownerid_value", StringComparison.Ordinal)).ToArray());
        Assert.AreEqual("Ben Okafor", body.GetProperty("_ownerid_value" + Formatted).GetString());
        Assert.AreEqual("ownerid", body.GetProperty("_ownerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty").GetString());
        Assert.AreEqual("systemuser", body.GetProperty("_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").GetString());
        Assert.AreEqual(SpmOrganization.Ben, body.GetProperty("_ownerid_value").GetGuid());
    }

    [TestMethod]
    public async Task A_choice_of_an_spm_table_is_labelled_from_the_solution()
    {
        var (status, body, _) = await _api.GetAsync(Admin, $"spm_periods?$select=spm_name,spm_status,spm_kind&$filter=spm_name eq 'FY2026-Q1'", ("Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""));

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        JsonElement period = Rows(body).Single();
        Assert.AreEqual("Open", period.GetProperty("spm_status" + Formatted).GetString());
        Assert.AreEqual("Quarter", period.GetProperty("spm_kind" + Formatted).GetString());
    }

    [TestMethod]
    public async Task Asking_for_formatted_values_only_leaves_out_the_lookup_annotations()
    {
        var (_, body, _) = await _api.GetAsync(Admin, $"opportunities({_api.Deals["Fabrikam expansion"]})?$select=_ownerid_value", ("Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""));

        Assert.AreSequenceEqual(new[] { "_ownerid_value" + Formatted, "_ownerid_value" }, PropertyNames(body).Where(p => p.StartsWith("_ownerid_value", StringComparison.Ordinal)).ToArray());
    }

    [TestMethod]
    public async Task Asking_for_the_dynamics_annotations_by_namespace_leaves_out_formatted_values()
    {
        var (_, body, _) = await _api.GetAsync(Admin, $"opportunities({_api.Deals["Fabrikam expansion"]})?$select=_ownerid_value,estimatedvalue", ("Prefer", "odata.include-annotations=\"Microsoft.Dynamics.CRM.*\""));

        Assert.DoesNotContain(p => p.EndsWith(Formatted, StringComparison.Ordinal), PropertyNames(body), body.ToString());
        Assert.AreEqual("systemuser", body.GetProperty("_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").GetString());
    }

    [TestMethod]
    public async Task Without_the_preference_no_annotation_is_written()
    {
        var (_, body, response) = await _api.GetAsync(Admin, "opportunities?$select=name,estimatedvalue,_ownerid_value,statecode&$expand=ownerid($select=fullname)");

        Assert.IsFalse(response.Headers.Contains("Preference-Applied"));
        foreach (JsonElement row in Rows(body))
        {
            Assert.DoesNotContain(p => p.Contains('@', StringComparison.Ordinal) && p != "@odata.etag", PropertyNames(row), row.ToString());
        }
    }

    [TestMethod]
    public async Task Expanded_rows_carry_their_own_annotations()
    {
        var (_, body, _) = await _api.GetAsync(Admin, $"spm_statements?$select=spm_credited&$filter=_spm_participantid_value eq {SpmOrganization.Ava}&$expand=spm_periodid($select=spm_status)", ("Prefer", "odata.include-annotations=\"*\""));

        JsonElement statement = Rows(body).Single();
        Assert.AreEqual("$120,000.00", statement.GetProperty("spm_credited" + Formatted).GetString());
        Assert.AreEqual("Open", statement.GetProperty("spm_periodid").GetProperty("spm_status" + Formatted).GetString());
    }
}
