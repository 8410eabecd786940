using System.Net;
using Microsoft.Xrm.Sdk;
using Spm.Plugins.Tests;
using Spm.WebApi.Tests.Fixture;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.WebApi.Tests.Writes;

[TestClass]
public sealed class RowWriteTests : OrganizationTestClass<RowWriteTests>
{
    [TestMethod]
    public async Task Post_stores_each_column_as_its_typed_value_and_answers_204_with_the_rows_OData_EntityId()
    {
        string body = $$"""
            {
              "name": "Trey Research fleet telematics",
              "estimatedvalue": 48250.75,
              "estimatedclosedate": "2026-03-27",
              "closeprobability": 70,
              "isrevenuesystemcalculated": false,
              "description": "Three-year subscription, 400 vehicles",
              "transactioncurrencyid@odata.bind": "/transactioncurrencies({{SpmOrganization.Eur}})",
              "ownerid@odata.bind": "/systemusers({{SpmOrganization.Ava}})"
            }
            """;

        WriteAnswer answer = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Post, "opportunities", body, Cancel);

        Assert.AreEqual(HttpStatusCode.NoContent, answer.Status, answer.Text);
        Assert.AreEqual(string.Empty, answer.Text);
        string entityId = answer.Header("OData-EntityId")!;
        Assert.StartsWith(Api.Host.ApiUrl + "opportunities(", entityId);
        Guid id = Guid.Parse(entityId.Substring(entityId.IndexOf('(') + 1, 36));
        Entity row = Api.Org.Store.Snapshot(S.Opportunity.Table, id, null)!;
        Assert.AreEqual("Trey Research fleet telematics", row[S.Opportunity.Name]);
        Assert.AreEqual(new Money(48250.75m), row[S.Opportunity.EstimatedValue]);
        Assert.AreEqual(new DateTime(2026, 3, 27, 0, 0, 0, DateTimeKind.Utc), row[S.Opportunity.EstimatedCloseDate]);
        Assert.AreEqual(70, row[S.Opportunity.CloseProbability]);
        Assert.IsFalse((bool)row["isrevenuesystemcalculated"]);
        Assert.AreEqual("Three-year subscription, 400 vehicles", row["description"]);
        Assert.AreEqual(new EntityReference(S.TransactionCurrency.Table, SpmOrganization.Eur), row[S.Opportunity.Currency]);
        Assert.AreEqual(new EntityReference(S.SystemUser.Table, SpmOrganization.Ava), row[S.Opportunity.Owner]);
    }

    [TestMethod]
    public async Task Post_with_return_representation_answers_201_with_the_selected_columns_as_stored()
    {
        WriteAnswer answer = await Api.SendAsync(
            WebApiOrganization.Ava, HttpMethod.Post, "opportunities?$select=name,estimatedvalue,closeprobability",
            """{"name": "Alpine Ski House renewal", "estimatedvalue": 12000, "closeprobability": 35}""", Cancel, ("Prefer", "return=representation"));

        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Text);
        Assert.AreEqual("return=representation", answer.Header("Preference-Applied"));
        Assert.AreEqual(Api.Host.ApiUrl + "$metadata#opportunities(name,estimatedvalue,closeprobability)/$entity", answer.Json.GetProperty("@odata.context").GetString());
        Assert.AreEqual("Alpine Ski House renewal", answer.Json.GetProperty("name").GetString());
        Assert.AreEqual(12000m, answer.Json.GetProperty("estimatedvalue").GetDecimal());
        Assert.AreEqual(35, answer.Json.GetProperty("closeprobability").GetInt32());
        Guid id = answer.Json.GetProperty("opportunityid").GetGuid();
        Assert.AreEqual(Api.Host.ApiUrl + $"opportunities({id})", answer.Header("OData-EntityId"));
        Assert.IsFalse(answer.Json.TryGetProperty("description", out _), "only the selected columns come back");
    }

    [TestMethod]
    [DataRow("/systemusers({0})")]
    [DataRow("systemusers({0})")]
    [DataRow("{1}systemusers({0})")]
    public async Task A_lookup_is_set_with_odata_bind_in_each_url_form(string form)
    {
        string bind = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, SpmOrganization.Ben, Api.Host.ApiUrl);
        string body = $$"""{"spm_name": "Spot bonus: Fabrikam reference call", "spm_amount": 250.00, "spm_participantid@odata.bind": "{{bind}}"}""";

        WriteAnswer answer = await Api.SendAsync(WebApiOrganization.Admin, HttpMethod.Post, "spm_adjustments", body, Cancel);

        Assert.AreEqual(HttpStatusCode.NoContent, answer.Status, answer.Text);
        Entity row = Api.Org.Store.Snapshot(S.Adjustment.Table, IdOf(answer), null)!;
        Assert.AreEqual(new EntityReference(S.SystemUser.Table, SpmOrganization.Ben), row[S.Adjustment.Participant]);
        Assert.AreEqual(new Money(250m), row[S.Adjustment.Amount]);
    }

    [TestMethod]
    public async Task A_lookup_is_bound_by_the_alternate_key_of_its_target()
    {
        WriteAnswer answer = await Api.SendAsync(
            WebApiOrganization.Ava, HttpMethod.Post, "opportunities", """{"name": "Bistro Cafe chain", "transactioncurrencyid@odata.bind": "/transactioncurrencies(isocurrencycode='EUR')"}""", Cancel);

        Assert.AreEqual(HttpStatusCode.NoContent, answer.Status, answer.Text);
        Assert.AreEqual(new EntityReference(S.TransactionCurrency.Table, SpmOrganization.Eur), Api.Org.Store.Snapshot(S.Opportunity.Table, IdOf(answer), null)![S.Opportunity.Currency]);
    }

    [TestMethod]
    public async Task A_lookup_to_several_tables_is_bound_through_the_navigation_property_of_the_target()
    {
        Guid account = Api.Org.Raw.Create(new Entity("account") { ["name"] = "Wide World Importers" });

        WriteAnswer answer = await Api.SendAsync(
            WebApiOrganization.Ava, HttpMethod.Post, "opportunities", $$"""{"name": "Wide World Importers pilot", "customerid_account@odata.bind": "/accounts({{account}})"}""", Cancel);

        Assert.AreEqual(HttpStatusCode.NoContent, answer.Status, answer.Text);
        Assert.AreEqual(new EntityReference("account", account), Api.Org.Store.Snapshot(S.Opportunity.Table, IdOf(answer), null)!["customerid"]);
    }

    [TestMethod]
    public async Task Patch_changes_only_the_columns_it_sends()
    {
        Guid deal = Api.Deals["Litware platform"];

        WriteAnswer answer = await Api.SendAsync(
            WebApiOrganization.Ben, HttpMethod.Patch, $"opportunities({deal})", """{"closeprobability": 65, "description": "Security review passed"}""", Cancel);

        Assert.AreEqual(HttpStatusCode.NoContent, answer.Status, answer.Text);
        Assert.AreEqual(Api.Host.ApiUrl + $"opportunities({deal})", answer.Header("OData-EntityId"));
        Entity row = Api.Org.Store.Snapshot(S.Opportunity.Table, deal, null)!;
        Assert.AreEqual(65, row[S.Opportunity.CloseProbability]);
        Assert.AreEqual("Security review passed", row["description"]);
        Assert.AreEqual("Litware platform", row[S.Opportunity.Name]);
        Assert.AreEqual(new Money(60_000m), row[S.Opportunity.EstimatedValue]);
    }

    [TestMethod]
    public async Task Patch_with_return_representation_answers_200_with_the_row_after_the_update()
    {
        Guid deal = Api.Deals["Tailspin support"];

        WriteAnswer answer = await Api.SendAsync(
            WebApiOrganization.Noah, HttpMethod.Patch, $"opportunities({deal})?$select=name,closeprobability", """{"closeprobability": 95}""", Cancel,
            ("Prefer", "return=representation"));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Text);
        Assert.AreEqual(95, answer.Json.GetProperty("closeprobability").GetInt32());
        Assert.AreEqual("Tailspin support", answer.Json.GetProperty("name").GetString());
        Assert.AreEqual($"W/\"{Api.Org.Store.Snapshot(S.Opportunity.Table, deal, null)!.RowVersion}\"", answer.Json.GetProperty("@odata.etag").GetString());
    }

    [TestMethod]
    public async Task Patch_of_a_row_that_does_not_exist_creates_it_with_the_id_of_the_url()
    {
        var id = new Guid("7d1c0b7e-0a3f-4c55-9a41-3f0f5d2a9e01");

        WriteAnswer answer = await Api.SendAsync(
            WebApiOrganization.Ava, HttpMethod.Patch, $"opportunities({id})", """{"name": "Coho Winery tasting-room POS", "estimatedvalue": 8400}""", Cancel);

        Assert.AreEqual(HttpStatusCode.NoContent, answer.Status, answer.Text);
        Entity row = Api.Org.Store.Snapshot(S.Opportunity.Table, id, null)!;
        Assert.AreEqual("Coho Winery tasting-room POS", row[S.Opportunity.Name]);
        Assert.AreEqual(new Money(8400m), row[S.Opportunity.EstimatedValue]);
    }

    [TestMethod]
    public async Task Put_of_one_column_sets_its_value_and_delete_of_it_clears_it()
    {
        Guid deal = Api.Deals["Wingtip analytics"];

        WriteAnswer put = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Put, $"opportunities({deal})/description", """{"value": "Waiting for the CFO"}""", Cancel);
        string? afterPut = Api.Org.Store.Snapshot(S.Opportunity.Table, deal, null)!.GetAttributeValue<string>("description");
        WriteAnswer delete = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Delete, $"opportunities({deal})/description", null, Cancel);

        Assert.AreEqual(HttpStatusCode.NoContent, put.Status, put.Text);
        Assert.AreEqual("Waiting for the CFO", afterPut);
        Assert.AreEqual(HttpStatusCode.NoContent, delete.Status, delete.Text);
        Assert.IsFalse(Api.Org.Store.Snapshot(S.Opportunity.Table, deal, null)!.Contains("description"));
    }

    [TestMethod]
    public async Task Delete_removes_the_row_and_a_second_delete_is_404()
    {
        Guid deal = Api.Org.CreateOpportunity("Proseware duplicate entry", SpmOrganization.Ben, 1_000m, new DateTime(2026, 3, 30));

        WriteAnswer first = await Api.SendAsync(WebApiOrganization.Ben, HttpMethod.Delete, $"opportunities({deal})", null, Cancel);
        WriteAnswer second = await Api.SendAsync(WebApiOrganization.Ben, HttpMethod.Delete, $"opportunities({deal})", null, Cancel);

        Assert.AreEqual(HttpStatusCode.NoContent, first.Status, first.Text);
        Assert.IsNull(Api.Org.Store.Snapshot(S.Opportunity.Table, deal, null));
        Assert.AreEqual(HttpStatusCode.NotFound, second.Status);
        Assert.AreEqual(("0x80040217", $"opportunity With Id = {deal} Does Not Exist"), second.Error);
    }

    [TestMethod]
    public async Task A_post_to_a_row_is_405_and_changes_nothing()
    {
        Guid deal = Api.Deals["Northwind pilot"];

        WriteAnswer answer = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Post, $"opportunities({deal})", """{"name": "Renamed"}""", Cancel);

        Assert.AreEqual(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.AreEqual("POST is not allowed on a row: use PATCH (update), DELETE or GET.", answer.Error.Message);
        Assert.AreEqual("Northwind pilot", Api.Org.Store.Snapshot(S.Opportunity.Table, deal, null)![S.Opportunity.Name]);
    }

    private static Guid IdOf(WriteAnswer answer)
    {
        string entityId = answer.Header("OData-EntityId")!;
        return Guid.Parse(entityId.Substring(entityId.LastIndexOf('(') + 1, 36));
    }
}
