using System.Net;
using System.Text.Json;
using Spm.Plugins.Tests;
using Spm.WebApi.Tests.Fixture;
using static Spm.WebApi.Tests.Fixture.Json;

namespace Spm.WebApi.Tests;

/// <summary>GET on entity sets with the OData query options, as the sales ops admin over a quarter of deals.</summary>
[TestClass]
public sealed class QueryTests
{
    private const string Admin = WebApiOrganization.Admin;
    private static WebApiOrganization _api = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => _api = await WebApiOrganization.StartAsync(api => api.SeedQuarter());

    [ClassCleanup]
    public static async Task StopAsync() => await _api.DisposeAsync();

    [TestMethod]
    [DataRow("estimatedvalue gt 100000", "Adventure Works upgrade|Contoso renewal")]
    [DataRow("estimatedvalue ge 85000 and estimatedvalue le 120000", "Contoso renewal|Fabrikam expansion")]
    [DataRow("estimatedvalue eq 47250.5", "Wingtip analytics")]
    [DataRow("closeprobability lt 30 or closeprobability eq 90", "Northwind pilot|Tailspin support")]
    [DataRow("closeprobability ne 50 and closeprobability gt 59", "Contoso renewal|Fabrikam expansion|Tailspin support")]
    [DataRow("not (closeprobability ge 40)", "Northwind pilot|Wingtip analytics")]
    [DataRow("not (closeprobability lt 40 or contains(name,'o'))", "")]
    [DataRow("contains(name,'pilot')", "Northwind pilot")]
    [DataRow("startswith(name,'Li')", "Litware platform")]
    [DataRow("endswith(name,'support')", "Tailspin support")]
    [DataRow("not contains(name,'o')", "Wingtip analytics")]
    [DataRow("statecode eq 1", "Contoso renewal|Fabrikam expansion")]
    [DataRow("estimatedclosedate lt 2026-03-01", "Contoso renewal|Litware platform")]
    [DataRow("modifiedon gt 2026-02-01T00:00:00Z", "Contoso renewal|Fabrikam expansion")]
    [DataRow("_ownerid_value eq a0000000-0000-0000-0000-0000000000e2", "Adventure Works upgrade|Tailspin support")]
    [DataRow("_transactioncurrencyid_value eq c0000000-0000-0000-0000-000000000002", "Adventure Works upgrade")]
    [DataRow("actualvalue ne null", "Contoso renewal|Fabrikam expansion")]
    [DataRow("actualvalue eq null and closeprobability gt 80", "Tailspin support")]
    [DataRow("_parentaccountid_value eq null and 100000 lt estimatedvalue", "Adventure Works upgrade|Contoso renewal")]
    public async Task Filter_selects_exactly_the_matching_rows(string filter, string expected)
    {
        var (status, body, _) = await _api.GetAsync(Admin, "opportunities?$select=name&$orderby=name&$filter=" + Uri.EscapeDataString(filter));

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(expected, string.Join("|", Column(body, "name")));
    }

    [TestMethod]
    public async Task Filter_on_a_statement_lookup_finds_the_reps_statement()
    {
        var (status, body, _) = await _api.GetAsync(Admin, $"spm_statements?$select=spm_credited&$filter=_spm_participantid_value eq {SpmOrganization.Ava}");

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(120000m, Rows(body).Single().GetProperty("spm_credited").GetDecimal());
    }

    [TestMethod]
    public async Task Select_returns_the_named_columns_then_the_primary_key()
    {
        Guid deal = _api.Deals["Contoso renewal"];

        var (status, body, _) = await _api.GetAsync(Admin, $"opportunities({deal})?$select=closeprobability,name");

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreSequenceEqual(new[] { "@odata.context", "@odata.etag", "closeprobability", "name", "opportunityid" }, PropertyNames(body).ToArray());
        Assert.AreEqual($"{_api.Host.ApiUrl}$metadata#opportunities(closeprobability,name)/$entity", body.GetProperty("@odata.context").GetString());
        Assert.AreEqual(80, body.GetProperty("closeprobability").GetInt32());
        Assert.AreEqual(deal, body.GetProperty("opportunityid").GetGuid());
    }

    [TestMethod]
    public async Task Without_select_every_column_is_written_null_where_empty_with_money_dates_and_lookups_typed()
    {
        Guid deal = _api.Deals["Contoso renewal"];

        var (status, body, _) = await _api.GetAsync(Admin, $"opportunities({deal})");

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(JsonValueKind.Null, body.GetProperty("description").ValueKind);
        Assert.AreEqual(JsonValueKind.Null, body.GetProperty("_parentaccountid_value").ValueKind);
        Assert.AreEqual(JsonValueKind.Number, body.GetProperty("estimatedvalue").ValueKind);
        Assert.AreEqual(120000m, body.GetProperty("actualvalue").GetDecimal());
        Assert.AreEqual("2026-02-27", body.GetProperty("actualclosedate").GetString());
        Assert.AreEqual("2026-02-27T10:00:00Z", body.GetProperty("modifiedon").GetString());
        Assert.AreEqual(SpmOrganization.Ava, body.GetProperty("_ownerid_value").GetGuid());
        Assert.AreEqual(1, body.GetProperty("statecode").GetInt32());
    }

    [TestMethod]
    public async Task Every_row_carries_its_row_version_as_a_weak_etag()
    {
        var (_, body, _) = await _api.GetAsync(Admin, "opportunities?$select=name");

        foreach (JsonElement row in Rows(body))
        {
            string? version = _api.Org.Store.Snapshot("opportunity", row.GetProperty("opportunityid").GetGuid(), null)!.RowVersion;
            Assert.AreEqual($"W/\"{version}\"", row.GetProperty("@odata.etag").GetString());
        }

        Assert.HasCount(7, Rows(body));
    }

    [TestMethod]
    [DataRow("closeprobability desc", 3, "Tailspin support|Contoso renewal|Fabrikam expansion")]
    [DataRow("_ownerid_value asc,estimatedvalue desc", 7, "Contoso renewal|Wingtip analytics|Northwind pilot|Fabrikam expansion|Litware platform|Adventure Works upgrade|Tailspin support")]
    [DataRow("estimatedclosedate", 2, "Litware platform|Contoso renewal")]
    public async Task Orderby_sorts_by_each_column_in_turn_and_top_keeps_the_first(string orderBy, int top, string expected)
    {
        var (status, body, _) = await _api.GetAsync(Admin, $"opportunities?$select=name&$orderby={orderBy}&$top={top}");

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(expected, string.Join("|", Column(body, "name")));
        Assert.IsFalse(body.TryGetProperty("@odata.nextLink", out _));
    }

    [TestMethod]
    public async Task Count_is_the_number_of_matching_rows_not_of_the_page()
    {
        var (status, body, _) = await _api.GetAsync(Admin, "opportunities?$select=name&$filter=statecode eq 0&$count=true&$top=1&$orderby=name");

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(5, body.GetProperty("@odata.count").GetInt32());
        Assert.AreEqual("Adventure Works upgrade", Column(body, "name").Single());
    }

    [TestMethod]
    public async Task Expand_nests_the_owner_with_its_own_select_and_writes_null_for_an_empty_lookup()
    {
        var (status, body, _) = await _api.GetAsync(Admin, "opportunities?$select=name&$filter=startswith(name,'Contoso')&$expand=ownerid($select=fullname,domainname),parentaccountid($select=name)");

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        JsonElement row = Rows(body).Single();
        JsonElement owner = row.GetProperty("ownerid");
        Assert.AreSequenceEqual(new[] { "@odata.etag", "fullname", "domainname", "systemuserid" }, PropertyNames(owner).ToArray());
        Assert.AreEqual("Ava Chen", owner.GetProperty("fullname").GetString());
        Assert.AreEqual(WebApiOrganization.Ava, owner.GetProperty("domainname").GetString());
        Assert.AreEqual(SpmOrganization.Ava, owner.GetProperty("systemuserid").GetGuid());
        Assert.AreEqual(JsonValueKind.Null, row.GetProperty("parentaccountid").ValueKind);
        Assert.IsFalse(row.TryGetProperty("_ownerid_value", out _), "an expanded lookup is not selected by $expand alone");
    }

    [TestMethod]
    public async Task Expand_of_a_statement_reaches_its_period_and_participant()
    {
        var (status, body, _) = await _api.GetAsync(Admin, $"spm_statements?$select=spm_credited&$filter=_spm_participantid_value eq {SpmOrganization.Ben}&$expand=spm_periodid($select=spm_name),spm_participantid($select=fullname)");

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        JsonElement statement = Rows(body).Single();
        Assert.AreEqual("FY2026-Q1", statement.GetProperty("spm_periodid").GetProperty("spm_name").GetString());
        Assert.AreEqual("Ben Okafor", statement.GetProperty("spm_participantid").GetProperty("fullname").GetString());
        Assert.AreEqual(90000m, statement.GetProperty("spm_credited").GetDecimal());
    }

    [TestMethod]
    public async Task Maxpagesize_pages_through_every_row_once_in_order_with_next_links()
    {
        var names = new List<string>();
        var pageSizes = new List<int>();
        string? url = "opportunities?$select=name&$orderby=name";
        while (url != null)
        {
            var (status, body, response) = await _api.GetAsync(Admin, url, ("Prefer", "odata.maxpagesize=3"));
            Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
            Assert.AreEqual("odata.maxpagesize=3", string.Join(",", response.Headers.GetValues("Preference-Applied")));
            names.AddRange(Column(body, "name"));
            pageSizes.Add(Rows(body).Count);
            url = body.TryGetProperty("@odata.nextLink", out JsonElement next) ? next.GetString() : null;
            Assert.IsTrue(url == null || url.StartsWith(_api.Host.ApiUrl + "opportunities?", StringComparison.Ordinal), url);
        }

        Assert.AreSequenceEqual(new[] { 3, 3, 1 }, pageSizes);
        Assert.AreSequenceEqual(
            new[] { "Adventure Works upgrade", "Contoso renewal", "Fabrikam expansion", "Litware platform", "Northwind pilot", "Tailspin support", "Wingtip analytics" },
            names);
    }

    [TestMethod]
    public async Task Next_link_carries_a_skiptoken_with_the_paging_cookie_and_the_next_page()
    {
        var (_, body, _) = await _api.GetAsync(Admin, "opportunities?$select=name&$filter=statecode eq 0", ("Prefer", "odata.maxpagesize=2"));

        var next = new Uri(body.GetProperty("@odata.nextLink").GetString()!);
        string skipToken = System.Web.HttpUtility.ParseQueryString(next.Query)["$skiptoken"]!;
        var cookie = System.Xml.Linq.XElement.Parse(skipToken);
        Assert.AreEqual("2", (string?)cookie.Attribute("pagenumber"));
        Assert.StartsWith("<cookie page=\"1\"><opportunityid last=", Uri.UnescapeDataString((string)cookie.Attribute("pagingcookie")!));
        Assert.AreEqual("statecode eq 0", System.Web.HttpUtility.ParseQueryString(next.Query)["$filter"]);
    }

    [TestMethod]
    public async Task FetchXml_on_the_entity_set_returns_its_columns_with_link_entity_columns_named_as_the_web_api_does()
    {
        string fetch = $"""
            <fetch>
              <entity name="opportunity">
                <attribute name="name" />
                <attribute name="estimatedvalue" />
                <filter><condition attribute="ownerid" operator="eq" value="{SpmOrganization.Ben}" /></filter>
                <order attribute="name" />
                <link-entity name="systemuser" from="systemuserid" to="ownerid" alias="owner"><attribute name="fullname" /></link-entity>
              </entity>
            </fetch>
            """;

        var (status, body, _) = await _api.GetAsync(Admin, "opportunities?fetchXml=" + Uri.EscapeDataString(fetch));

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual("Fabrikam expansion|Litware platform", string.Join("|", Column(body, "name")));
        Assert.AreEqual("Ben Okafor|Ben Okafor", string.Join("|", Column(body, "owner_x002e_fullname")));
        Assert.AreEqual(60000m, Rows(body)[1].GetProperty("estimatedvalue").GetDecimal());
    }

    [TestMethod]
    public async Task FetchXml_paging_answers_the_paging_cookie_and_more_records_when_asked_for()
    {
        string fetch = """<fetch count="4" page="1"><entity name="opportunity"><attribute name="name" /><order attribute="name" /></entity></fetch>""";

        var (status, body, _) = await _api.GetAsync(Admin, "opportunities?fetchXml=" + Uri.EscapeDataString(fetch), ("Prefer", "odata.include-annotations=\"*\""));

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.HasCount(4, Rows(body));
        Assert.IsTrue(body.GetProperty("@Microsoft.Dynamics.CRM.morerecords").GetBoolean());
        var cookie = System.Xml.Linq.XElement.Parse(body.GetProperty("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie").GetString()!);
        Assert.AreEqual("2", (string?)cookie.Attribute("pagenumber"));
    }

    [TestMethod]
    public async Task FetchXml_of_another_table_than_the_entity_set_is_refused()
    {
        string fetch = """<fetch><entity name="spm_statement"><attribute name="spm_credited" /></entity></fetch>""";

        var (status, body, _) = await _api.GetAsync(Admin, "opportunities?fetchXml=" + Uri.EscapeDataString(fetch));

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        Assert.AreEqual("The FetchXML queries 'spm_statement', but the request is on the entity set 'opportunities' (opportunity).", Error(body).Message);
    }
}
