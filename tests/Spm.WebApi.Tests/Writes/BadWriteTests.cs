using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Xrm.Sdk.Query;
using Spm.WebApi.Tests.Fixture;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.WebApi.Tests.Writes;

/// <summary>Bodies and URLs a write refuses: a clear error naming what is wrong, and nothing stored.</summary>
[TestClass]
public sealed class BadWriteTests : OrganizationTestClass<BadWriteTests>
{
    [TestMethod]
    [DataRow("""{"name": "Contoso" """, "0x80060888",
        "The request body is not valid JSON (line 1, byte 20): Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.",
        DisplayName = "Malformed JSON")]
    [DataRow("", "0x80060888", "The request body is empty: a JSON object is expected.", DisplayName = "No body")]
    [DataRow("""["Contoso"]""", "0x80060888", "The body of a row of opportunity must be a JSON object, not an array.", DisplayName = "An array")]
    [DataRow("""{"nmae": "Contoso"}""", "0x80060888",
        "The property 'nmae' does not exist on type 'Microsoft.Dynamics.CRM.opportunity'. Make sure to only use property names that are defined by the type.",
        DisplayName = "Unknown column")]
    [DataRow("""{"name": "Contoso", "closeprobability": "high"}""", "0x80060888",
        "Cannot convert the literal 'high' for property 'closeprobability' of opportunity to the expected type 'Edm.Int32'.", DisplayName = "Text for a whole number")]
    [DataRow("""{"name": "Contoso", "closeprobability": 12.5}""", "0x80060888",
        "Cannot convert the literal '12.5' for property 'closeprobability' of opportunity to the expected type 'Edm.Int32'.", DisplayName = "A fraction for a whole number")]
    [DataRow("""{"name": "Contoso", "estimatedvalue": true}""", "0x80060888",
        "Cannot convert the literal 'true' for property 'estimatedvalue' of opportunity to the expected type 'Edm.Decimal'.", DisplayName = "A boolean for money")]
    [DataRow("""{"name": "Contoso", "estimatedclosedate": "next Friday"}""", "0x80060888",
        "Cannot convert the literal 'next Friday' for property 'estimatedclosedate' of opportunity to the expected type 'Edm.Date'.", DisplayName = "Not a date")]
    [DataRow("""{"name": 42}""", "0x80060888", "Cannot convert the literal '42' for property 'name' of opportunity to the expected type 'Edm.String'.", DisplayName = "A number for text")]
    [DataRow("""{"name": "Contoso", "ownerid": "a0000000-0000-0000-0000-0000000000a1"}""", "0x80060888",
        "'ownerid' is a lookup: set it with \"ownerid@odata.bind\": \"/systemusers(<id>)\".", DisplayName = "A lookup set as a value")]
    [DataRow("""{"name": "Contoso", "_ownerid_value": "a0000000-0000-0000-0000-0000000000a1"}""", "0x80060888",
        "'_ownerid_value' is read-only: set the lookup with \"ownerid@odata.bind\": \"/systemusers(<id>)\".", DisplayName = "A lookup's read-only value")]
    [DataRow("""{"name": "Contoso", "owner@odata.bind": "/systemusers(a0000000-0000-0000-0000-0000000000a1)"}""", "0x80060888",
        "'owner@odata.bind': opportunity has no single-valued navigation property 'owner' (a lookup column).", DisplayName = "Unknown navigation property")]
    [DataRow("""{"name": "Contoso", "transactioncurrencyid_transactioncurrency@odata.bind": "/transactioncurrencies(c0000000-0000-0000-0000-000000000001)"}""", "0x80060888",
        "'transactioncurrencyid_transactioncurrency@odata.bind': opportunity has no single-valued navigation property 'transactioncurrencyid_transactioncurrency' (a lookup column).",
        DisplayName = "A table suffix on a lookup with one target (only polymorphic lookups have one per table)")]
    [DataRow("""{"name": "Contoso", "ownerid@odata.bind": "/spm_periods(a0000000-0000-0000-0000-0000000000a1)"}""", "0x80060888",
        "'ownerid@odata.bind': '/spm_periods(a0000000-0000-0000-0000-0000000000a1)' is a row of spm_period; opportunity.ownerid points to systemuser or team.",
        DisplayName = "A bind to a row of another table")]
    [DataRow("""{"name": "Contoso", "ownerid@odata.bind": 7}""", "0x80060888",
        "'ownerid@odata.bind' takes the URL of a row, such as \"/systemusers(<id>)\", not '7'.", DisplayName = "A bind that is no URL")]
    [DataRow("""{"name": "Contoso", "ownerid@odata.bind": "Ava Chen"}""", "0x80040203",
        "'Ava Chen' is not the URL of a row (/<entity set>(<id>)): Resource not found for the segment 'Ava Chen'.", DisplayName = "A bind to an unknown URL")]
    [DataRow("""{"name": "Contoso", "transactioncurrencyid@odata.bind": "/transactioncurrencies(isocurrencycode='XAU')"}""", "0x80040203",
        "'/transactioncurrencies(isocurrencycode='XAU')' names no row: no transactioncurrency has isocurrencycode XAU.", DisplayName = "A bind to an alternate key no row has")]
    [DataRow("""{"name": "Contoso", "transactioncurrencyid@odata.bind": "/transactioncurrencies(currencyname='Euro')"}""", "0x80040203",
        "'/transactioncurrencies(currencyname='Euro')' is not the URL of a row (/<entity set>(<id>)): The key in the request URI is not valid for resource 'Microsoft.Dynamics.CRM.transactioncurrency'. " +
        "Ensure that the names and number of key properties match the declared or alternate key properties for the resource 'Microsoft.Dynamics.CRM.transactioncurrency'.", DisplayName = "A bind to columns that are no key")]
    [DataRow("""{"name": "Contoso", "ownerid@odata.bind": "$1"}""", "0x80040203",
        "'$1' refers to a request of a change set: Content-ID references are only valid inside a $batch change set.", DisplayName = "A Content-ID outside a batch")]
    [DataRow("""{"name": "Contoso", "closeprobability": 250}""", "0x8004432f",
        "A validation error occurred. The value 250 of 'closeprobability' on record of type 'opportunity' is outside the valid range. Accepted Values: 0 to 100.",
        DisplayName = "A whole number out of the column's range")]
    public async Task A_bad_body_is_refused_with_400_naming_the_problem_and_nothing_is_stored(string body, string code, string message)
    {
        int before = Opportunities();

        WriteAnswer answer = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Post, "opportunities", body, Cancel);

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Text);
        Assert.AreEqual((code, message), answer.Error);
        Assert.AreEqual(before, Opportunities());
    }

    [TestMethod]
    public async Task A_write_to_an_unknown_entity_set_is_404()
    {
        WriteAnswer answer = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Post, "widgets", """{"name": "Contoso"}""", Cancel);

        Assert.AreEqual(HttpStatusCode.NotFound, answer.Status);
        Assert.AreEqual(("0x80060888", "Resource not found for the segment 'widgets'."), answer.Error);
    }

    [TestMethod]
    public async Task A_body_over_the_hosts_limit_is_refused_with_413_before_anything_is_stored()
    {
        await using WebApiHost small = await WebApiHost.StartAsync(Api.Org.Pipeline, Api.Org.Store.Metadata, new WebApiHostOptions { MaxRequestBodySize = 4096 }, Cancel);
        using var client = new HttpClient { BaseAddress = small.ApiUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", small.IssueToken(WebApiOrganization.Ava));
        string description = new('x', 5000);
        int before = Opportunities();

        using HttpResponseMessage response = await client.PostAsync(
            "opportunities", new StringContent($$"""{"name": "Contoso", "description": "{{description}}"}""", Encoding.UTF8, "application/json"), Cancel);
        var answer = new WriteAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(Cancel), response);

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, answer.Status, answer.Text);
        Assert.AreEqual("0x80040203", answer.Error.Code);
        Assert.Contains("4096", answer.Error.Message);
        Assert.AreEqual(before, Opportunities());
    }

    private static int Opportunities() =>
        Api.Org.Raw.RetrieveMultiple(new QueryExpression(S.Opportunity.Table) { ColumnSet = new ColumnSet(false) }).Entities.Count;
}
