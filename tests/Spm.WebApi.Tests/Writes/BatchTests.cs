using System.Net;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Plugins.Tests;
using Spm.WebApi.Tests.Fixture;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.WebApi.Tests.Writes;

/// <summary>$batch: requests outside change sets one by one, each change set all or nothing, answers in request order.</summary>
[TestClass]
public sealed class BatchTests : OrganizationTestClass<BatchTests>
{
    private const string Batch = "batch_7f3c";
    private const string Changes = "changeset_91ab";

    [TestMethod]
    public async Task A_change_set_commits_its_writes_and_a_later_request_binds_to_the_row_an_earlier_one_created()
    {
        string[] body =
        [
            $"--{Batch}", $"Content-Type: multipart/mixed; boundary={Changes}", string.Empty,
            .. Part(Changes, "1", "POST", "/api/data/v9.2/accounts", """{"name": "Lucerne Publishing"}"""),
            .. Part(Changes, "2", "POST", "/api/data/v9.2/opportunities", """{"name": "Lucerne Publishing e-books", "estimatedvalue": 31000, "customerid_account@odata.bind": "$1"}"""),
            .. Part(Changes, "3", "PATCH", "$1", """{"accountnumber": "LP-0042"}"""),
            $"--{Changes}--", string.Empty,
            .. Part(Batch, null, "GET", "/api/data/v9.2/accounts?$select=name,accountnumber&$filter=name eq 'Lucerne Publishing'", null),
            $"--{Batch}--", string.Empty,
        ];

        WriteAnswer answer = await Api.BatchAsync(WebApiOrganization.Ava, Batch, body, Cancel);

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Text);
        IReadOnlyList<BatchPart> parts = answer.Parts();
        Assert.AreSequenceEqual(new[] { HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.OK }, parts.Select(p => p.Status).ToArray(), answer.Text);
        Assert.AreSequenceEqual(new[] { "1", "2", "3", null }, parts.Select(p => p.ContentId).ToArray());
        Assert.AreSequenceEqual(new[] { true, true, true, false }, parts.Select(p => p.InChangeSet).ToArray());
        Assert.IsTrue(parts.All(p => p.Headers["OData-Version"] == "4.0"), "each answer says its OData version");
        Guid account = IdOf(parts[0]);
        Assert.AreEqual(parts[0].Headers["OData-EntityId"], parts[2].Headers["OData-EntityId"], "$1 is the account request 1 created");
        Entity opportunity = Api.Org.Store.Snapshot(S.Opportunity.Table, IdOf(parts[1]), null)!;
        Assert.AreEqual(new EntityReference("account", account), opportunity["customerid"]);
        Assert.AreEqual(new Money(31_000m), opportunity[S.Opportunity.EstimatedValue]);
        Assert.AreEqual(new EntityReference(S.SystemUser.Table, SpmOrganization.Ava), opportunity["createdby"], "the batch runs as its caller");
        Assert.AreEqual("LP-0042", parts[3].Json.GetProperty("value")[0].GetProperty("accountnumber").GetString());
    }

    [TestMethod]
    public async Task A_change_set_whose_second_request_fails_stores_nothing_and_answers_that_error_once()
    {
        Guid missing = new("0b0b0b0b-0000-4000-8000-000000000404");
        int accounts = Count("account");
        string[] body =
        [
            $"--{Batch}", $"Content-Type: multipart/mixed; boundary={Changes}", string.Empty,
            .. Part(Changes, "1", "POST", "/api/data/v9.2/accounts", """{"name": "Humongous Insurance"}"""),
            .. Part(Changes, "2", "PATCH", $"/api/data/v9.2/opportunities({missing})", """{"description": "Renewal"}""", ("If-Match", "*")),
            $"--{Changes}--", string.Empty,
            .. Part(Batch, null, "POST", "/api/data/v9.2/accounts", """{"name": "Never reached"}"""),
            $"--{Batch}--", string.Empty,
        ];

        WriteAnswer answer = await Api.BatchAsync(WebApiOrganization.Ava, Batch, body, Cancel);

        Assert.AreEqual(HttpStatusCode.NotFound, answer.Status, "a batch that stops at a failure answers with its status");
        BatchPart failure = answer.Parts().Single();
        Assert.AreEqual(HttpStatusCode.NotFound, failure.Status);
        Assert.AreEqual($"opportunity With Id = {missing} Does Not Exist", failure.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.AreEqual(accounts, Count("account"), "the first request was rolled back and the last never ran");
    }

    [TestMethod]
    public async Task A_plugin_refusal_in_a_change_set_rolls_back_the_requests_before_it()
    {
        Guid won = Api.Deals["Fabrikam expansion"];
        int opportunities = Count(S.Opportunity.Table);
        int ledger = Api.Org.Ledger().Count;
        string[] body =
        [
            $"--{Batch}", $"Content-Type: multipart/mixed; boundary={Changes}", string.Empty,
            .. Part(Changes, "1", "POST", "/api/data/v9.2/opportunities", """{"name": "Fabrikam phase 2", "estimatedvalue": 40000}"""),
            .. Part(Changes, "2", "PATCH", $"/api/data/v9.2/opportunities({won})", """{"actualclosedate": null}"""),
            $"--{Changes}--", string.Empty,
            $"--{Batch}--", string.Empty,
        ];

        WriteAnswer answer = await Api.BatchAsync(WebApiOrganization.Ben, Batch, body, Cancel);

        BatchPart failure = answer.Parts().Single();
        Assert.AreEqual(HttpStatusCode.BadRequest, failure.Status);
        Assert.AreEqual("0x80040265", failure.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.AreEqual(
            "Actual Close Date of 'Fabrikam expansion' cannot be cleared while the opportunity is won: it dates the commission credit. Reopen the opportunity first, or set the date it was won.",
            failure.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.AreEqual(opportunities, Count(S.Opportunity.Table));
        Assert.HasCount(ledger, Api.Org.Ledger());
    }

    [TestMethod]
    public async Task With_continue_on_error_the_requests_after_a_failure_still_run()
    {
        string[] body =
        [
            .. Part(Batch, null, "POST", "/api/data/v9.2/accounts", """{"name": 404}"""),
            .. Part(Batch, null, "POST", "/api/data/v9.2/accounts", """{"name": "Southridge Video"}"""),
            $"--{Batch}--", string.Empty,
        ];

        WriteAnswer answer = await Api.BatchAsync(WebApiOrganization.Ava, Batch, body, Cancel, ("Prefer", "odata.continue-on-error"));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Text);
        Assert.AreEqual("odata.continue-on-error", answer.Header("Preference-Applied"));
        IReadOnlyList<BatchPart> parts = answer.Parts();
        Assert.AreSequenceEqual(new[] { HttpStatusCode.BadRequest, HttpStatusCode.NoContent }, parts.Select(p => p.Status).ToArray());
        Assert.AreEqual(
            "Cannot convert the literal '404' for property 'name' of account to the expected type 'Edm.String'.",
            parts[0].Json.GetProperty("error").GetProperty("message").GetString());
        Assert.AreEqual("Southridge Video", Api.Org.Store.Snapshot("account", IdOf(parts[1]), null)!["name"]);
    }

    [TestMethod]
    public async Task Without_continue_on_error_the_batch_stops_at_the_first_failure()
    {
        int accounts = Count("account");
        string[] body =
        [
            .. Part(Batch, null, "POST", "/api/data/v9.2/accounts", """{"nmae": "Typo"}"""),
            .. Part(Batch, null, "POST", "/api/data/v9.2/accounts", """{"name": "Not run"}"""),
            $"--{Batch}--", string.Empty,
        ];

        WriteAnswer answer = await Api.BatchAsync(WebApiOrganization.Ava, Batch, body, Cancel);

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status);
        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Parts().Single().Status);
        Assert.AreEqual(accounts, Count("account"));
    }

    [TestMethod]
    public async Task A_win_in_a_change_set_runs_the_win_steps_when_the_set_commits()
    {
        Guid deal = Api.Org.CreateOpportunity("Datum pipeline audit", SpmOrganization.Ava, 22_000m, new DateTime(2026, 3, 25));
        Api.Org.Today(new DateTime(2026, 3, 25));
        string win = $$$"""{"Status": 3, "OpportunityClose": {"subject": "Won", "opportunityid@odata.bind": "/opportunities({{{deal}}})", "actualrevenue": 22000, "actualend": "2026-03-25"}}""";
        string[] body =
        [
            $"--{Batch}", $"Content-Type: multipart/mixed; boundary={Changes}", string.Empty,
            .. Part(Changes, "1", "PATCH", $"/api/data/v9.2/opportunities({deal})", """{"description": "Audit signed"}"""),
            .. Part(Changes, "2", "POST", "/api/data/v9.2/WinOpportunity", win),
            $"--{Changes}--", string.Empty,
            $"--{Batch}--", string.Empty,
        ];

        WriteAnswer answer = await Api.BatchAsync(WebApiOrganization.Ava, Batch, body, Cancel);

        Assert.AreSequenceEqual(new[] { HttpStatusCode.NoContent, HttpStatusCode.NoContent }, answer.Parts().Select(p => p.Status).ToArray(), answer.Text);
        Entity credit = Api.Org.Ledger(SpmOrganization.Ava).Single(c => c.GetAttributeValue<string>(S.Credit.DealKey) == deal.ToString("D"));
        Assert.AreEqual(new Money(22_000m), credit[S.Credit.Revenue]);
    }

    [TestMethod]
    [DataRow("POST", "/api/data/v9.2/$batch", """{"name": "x"}""", "A batch request cannot contain another batch request.", DisplayName = "A batch in a batch")]
    [DataRow("POST", "/api/data/v9.2/opportunities", """{"name": "Woodgrove loan desk", "customerid_account@odata.bind": "$7"}""",
        "Content-ID Reference: '$7' does not exist in the batch context.", DisplayName = "A bind to no request of the set")]
    public async Task A_change_set_with_a_request_it_cannot_run_is_refused_whole(string method, string url, string json, string message)
    {
        int accounts = Count("account");
        string[] body =
        [
            $"--{Batch}", $"Content-Type: multipart/mixed; boundary={Changes}", string.Empty,
            .. Part(Changes, "1", "POST", "/api/data/v9.2/accounts", """{"name": "Woodgrove Bank"}"""),
            .. Part(Changes, "2", method, url, json),
            $"--{Changes}--", string.Empty,
            $"--{Batch}--", string.Empty,
        ];

        WriteAnswer answer = await Api.BatchAsync(WebApiOrganization.Ava, Batch, body, Cancel);

        BatchPart failure = answer.Parts().Single();
        Assert.AreEqual(HttpStatusCode.BadRequest, failure.Status, answer.Text);
        Assert.AreEqual(message, failure.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.AreEqual(accounts, Count("account"));
    }

    [TestMethod]
    [DataRow("GET", "/api/data/v9.2/accounts",
        "An invalid HTTP method 'GET' was detected for a request in a change set. Requests in change sets only support the HTTP methods 'POST', 'PUT', 'DELETE', and 'PATCH'.",
        DisplayName = "A GET in a change set")]
    [DataRow("PATCH", "$7", "Request Id reference [7] in Uri [$7] is not found in effective depends-on-Ids [1] of the request.", DisplayName = "A URL naming no request of the set")]
    public async Task A_batch_the_OData_reader_refuses_is_answered_400_and_runs_nothing(string method, string url, string message)
    {
        int accounts = Count("account");
        string[] body =
        [
            $"--{Batch}", $"Content-Type: multipart/mixed; boundary={Changes}", string.Empty,
            .. Part(Changes, "1", "POST", "/api/data/v9.2/accounts", """{"name": "Woodgrove Bank"}"""),
            .. Part(Changes, "2", method, url, method == "GET" ? null : """{"name": "x"}"""),
            $"--{Changes}--", string.Empty,
            $"--{Batch}--", string.Empty,
        ];

        WriteAnswer answer = await Api.BatchAsync(WebApiOrganization.Ava, Batch, body, Cancel);

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status);
        Assert.AreEqual(("0x80040203", "The $batch request is not a valid multipart/mixed batch: " + message), answer.Error);
        Assert.AreEqual(accounts, Count("account"));
    }

    [TestMethod]
    public async Task A_body_that_is_no_multipart_batch_is_refused()
    {
        HttpClient client = await Api.SignedInAsync(WebApiOrganization.Ava);

        using HttpResponseMessage response = await client.PostAsync("$batch", new StringContent("""{"name": "Contoso"}""", System.Text.Encoding.UTF8, "application/json"), Cancel);
        var answer = new WriteAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(Cancel), response);

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status);
        Assert.StartsWith("The $batch request is not a valid multipart/mixed batch: ", answer.Error.Message);
    }

    /// <summary>The lines of one request of a batch or change set.</summary>
    private static IEnumerable<string> Part(string boundary, string? contentId, string method, string url, string? json, params (string Name, string Value)[] headers)
    {
        yield return $"--{boundary}";
        yield return "Content-Type: application/http";
        yield return "Content-Transfer-Encoding: binary";
        if (contentId is not null)
        {
            yield return $"Content-ID: {contentId}";
        }

        yield return string.Empty;
        yield return $"{method} {url} HTTP/1.1";
        if (json is not null)
        {
            yield return "Content-Type: application/json";
        }

        foreach ((string name, string value) in headers)
        {
            yield return $"{name}: {value}";
        }

        yield return string.Empty;
        yield return json ?? string.Empty;
    }

    private static Guid IdOf(BatchPart part)
    {
        string entityId = part.Headers["OData-EntityId"];
        return Guid.Parse(entityId.Substring(entityId.LastIndexOf('(') + 1, 36));
    }

    private static int Count(string table) =>
        Api.Org.Raw.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(false) }).Entities.Count;
}
