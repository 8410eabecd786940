using System.Net;
using System.Text.Json;
using Microsoft.Xrm.Sdk;
using Spm.Plugins.Tests;
using Spm.WebApi.Tests.Fixture;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.WebApi.Tests.Writes;

/// <summary>WinOpportunity and LoseOpportunity over HTTP run the solution's Win and Lose steps; a plug-in's refusal reaches the client intact.</summary>
[TestClass]
public sealed class OpportunityActionTests : OrganizationTestClass<OpportunityActionTests>
{
    private const int OwnerCredit = S.Credit.KindBase;
    private const int RollUpCredit = S.Credit.KindBase + 3;

    [TestMethod]
    public async Task Winning_a_deal_over_HTTP_posts_the_credits_and_the_statement_the_client_reads_back()
    {
        Guid deal = Api.Deals["Northwind pilot"];
        Api.Org.Today(new DateTime(2026, 3, 20));

        WriteAnswer win = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Post, "WinOpportunity", $$"""
            {
              "Status": 3,
              "OpportunityClose": {
                "subject": "Won: Northwind pilot",
                "opportunityid@odata.bind": "/opportunities({{deal}})",
                "actualrevenue": 15000,
                "actualend": "2026-03-20T00:00:00Z"
              }
            }
            """, Cancel);
        await Api.Host.WaitForAsyncStepsAsync();
        JsonElement credits = (await Api.GetAsync(WebApiOrganization.Admin,
            $"spm_credits?$select=spm_revenue,spm_kind,_spm_participantid_value&$filter=_spm_opportunityid_value eq {deal}&$orderby=spm_kind,spm_revenue")).Body;
        JsonElement statement = (await Api.GetAsync(WebApiOrganization.Ava,
            $"spm_statements?$select=spm_credited,spm_totalpayable&$filter=_spm_participantid_value eq {SpmOrganization.Ava} and _spm_periodid_value eq {Api.Org.Periods["FY2026-Q1"]}")).Body;

        Assert.AreEqual(HttpStatusCode.NoContent, win.Status, win.Text);
        Assert.AreEqual(string.Empty, win.Text);
        Entity stored = Api.Org.Store.Snapshot(S.Opportunity.Table, deal, null)!;
        Assert.AreEqual(new OptionSetValue(S.Opportunity.StateWon), stored[S.Opportunity.State]);
        Assert.AreEqual(new Money(15_000m), stored[S.Opportunity.ActualValue]);
        var rows = credits.GetProperty("value").EnumerateArray()
            .Select(c => (Kind: c.GetProperty("spm_kind").GetInt32(), Participant: c.GetProperty("_spm_participantid_value").GetGuid(), Revenue: c.GetProperty("spm_revenue").GetDecimal()))
            .OrderBy(c => c.Kind).ThenBy(c => c.Participant)
            .ToList();
        Assert.AreSequenceEqual(
            new[] { (OwnerCredit, SpmOrganization.Ava, 15_000m), (RollUpCredit, SpmOrganization.Marco, 15_000m), (RollUpCredit, SpmOrganization.Dana, 15_000m) }
                .OrderBy(c => c.Item1).ThenBy(c => c.Item2).ToList(),
            rows);
        JsonElement line = statement.GetProperty("value").EnumerateArray().Single();
        Assert.AreEqual(135_000m, line.GetProperty("spm_credited").GetDecimal(), "Contoso renewal's 120,000 and this 15,000");
        Assert.AreEqual(13_500m, line.GetProperty("spm_totalpayable").GetDecimal(), "10% of 135,000 in the base tier");
    }

    [TestMethod]
    public async Task Clearing_a_won_deals_close_date_is_refused_with_the_plugins_message_and_nothing_changes()
    {
        Guid deal = Api.Deals["Contoso renewal"];
        int ledger = Api.Org.Ledger().Count;

        WriteAnswer answer = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Patch, $"opportunities({deal})", """{"actualclosedate": null, "description": "Date cleared"}""", Cancel);

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Text);
        Assert.AreEqual(
            ("0x80040265", "Actual Close Date of 'Contoso renewal' cannot be cleared while the opportunity is won: it dates the commission credit. Reopen the opportunity first, or set the date it was won."),
            answer.Error);
        Entity stored = Api.Org.Store.Snapshot(S.Opportunity.Table, deal, null)!;
        Assert.AreEqual(new DateTime(2026, 2, 27, 0, 0, 0, DateTimeKind.Utc), stored[S.Opportunity.ActualCloseDate]);
        Assert.IsFalse(stored.Contains("description"));
        Assert.HasCount(ledger, Api.Org.Ledger());
    }

    [TestMethod]
    public async Task Losing_a_deal_over_HTTP_closes_it_as_lost_and_credits_nobody()
    {
        Guid deal = Api.Deals["Litware platform"];
        int ledger = Api.Org.Ledger().Count;

        WriteAnswer lose = await Api.SendAsync(WebApiOrganization.Ben, HttpMethod.Post, "LoseOpportunity", $$$"""
            {"Status": 4, "OpportunityClose": {"subject": "Lost to a competitor", "opportunityid@odata.bind": "/opportunities({{{deal}}})", "actualend": "2026-02-20"}}
            """, Cancel);
        await Api.Host.WaitForAsyncStepsAsync();
        JsonElement row = (await Api.GetAsync(WebApiOrganization.Ben, $"opportunities({deal})?$select=statecode,statuscode")).Body;

        Assert.AreEqual(HttpStatusCode.NoContent, lose.Status, lose.Text);
        Assert.AreEqual(S.Opportunity.StateLost, row.GetProperty("statecode").GetInt32());
        Assert.AreEqual(4, row.GetProperty("statuscode").GetInt32());
        Assert.HasCount(ledger, Api.Org.Ledger());
    }

    [TestMethod]
    [DataRow("""{"OpportunityClose": {"subject": "Won"}}""", HttpStatusCode.BadRequest,
        "WinOpportunity needs the parameter Status: the opportunity's status reason (a whole number, e.g. 3 for Won, 4 for Lost).", DisplayName = "No Status")]
    [DataRow("""{"Status": 3}""", HttpStatusCode.BadRequest,
        "WinOpportunity needs the parameter OpportunityClose: the opportunity close activity, e.g. {\"subject\": \"Won\", \"opportunityid@odata.bind\": \"/opportunities(<id>)\"}.",
        DisplayName = "No OpportunityClose")]
    [DataRow("""{"Status": 3, "OpportunityClose": {"subject": "Won"}, "Reason": "Price"}""", HttpStatusCode.BadRequest,
        "WinOpportunity has no parameter 'Reason': its parameters are OpportunityClose and Status.", DisplayName = "An unknown parameter")]
    [DataRow("""{"Status": 3, "OpportunityClose": {"subject": "Won", "opportunityid@odata.bind": "/opportunities(0f0f0f0f-0000-4000-8000-000000000404)"}}""", HttpStatusCode.NotFound,
        "opportunity With Id = 0f0f0f0f-0000-4000-8000-000000000404 Does Not Exist", DisplayName = "An opportunity that does not exist")]
    public async Task A_bad_win_is_refused_and_wins_nothing(string body, HttpStatusCode status, string message)
    {
        int ledger = Api.Org.Ledger().Count;

        WriteAnswer answer = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Post, "WinOpportunity", body, Cancel);

        Assert.AreEqual(status, answer.Status, answer.Text);
        Assert.AreEqual(message, answer.Error.Message);
        Assert.HasCount(ledger, Api.Org.Ledger());
    }
}
