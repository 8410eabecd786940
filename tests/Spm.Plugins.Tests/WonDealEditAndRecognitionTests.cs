using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>
/// Issue 9, finding 8, through the plug-in pipeline: editing what a credit is not about (a won deal's name, its
/// probability) posts nothing, and re-opening and re-winning a deal announces no milestone again — neither as a second
/// spm_recognition row nor as a second post to the Teams webhook.
/// </summary>
[TestClass]
public sealed class WonDealEditAndRecognitionTests
{
    private const int FirstDeal = S.Recognition.KindBase + 0;
    private const int AttainmentMilestone = S.Recognition.KindBase + 1;

    private static DateTime Day(int month, int day) => new(2026, month, day);

    private static readonly Dictionary<Guid, string> Names = new() { [Ava] = "Ava", [Ben] = "Ben", [Marco] = "Marco", [Dana] = "Dana" };

    /// <summary>Every ledger row as it is stored: who, kind, revenue, reversal, date.</summary>
    private static List<string> LedgerRows(SpmOrganization org) =>
        org.Ledger().Select(r => string.Create(CultureInfo.InvariantCulture, $"{Names[r.GetAttributeValue<EntityReference>(S.Credit.Participant).Id]} #{r.GetAttributeValue<int>(S.Credit.Sequence)} {r.GetAttributeValue<OptionSetValue>(S.Credit.Kind).Value - S.Credit.KindBase} {r.GetAttributeValue<Money>(S.Credit.Revenue).Value:0.00} rev-of {r.GetAttributeValue<int?>(S.Credit.ReversalOf)}")).ToList();

    /// <summary>Every statement row with every stored column (including modifiedon and spm_recalculatedon).</summary>
    private static List<string> StatementRows(SpmOrganization org) =>
        org.Raw.RetrieveMultiple(new QueryExpression(S.Statement.Table) { ColumnSet = new ColumnSet(true) }).Entities
            .Select(r => r.Id + ": " + string.Join("; ", r.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + Text(a.Value))))
            .OrderBy(t => t, StringComparer.Ordinal)
            .ToList();

    private static string Text(object? value) => value switch
    {
        Money money => money.Value.ToString(CultureInfo.InvariantCulture),
        OptionSetValue option => option.Value.ToString(CultureInfo.InvariantCulture),
        EntityReference reference => reference.Id.ToString("D"),
        DateTime date => date.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };

    /// <summary>The stored shout-outs as "who kind period value".</summary>
    private static List<string> ShoutOuts(SpmOrganization org) =>
        org.Recognitions().Select(r => string.Create(CultureInfo.InvariantCulture, $"{Names[r.GetAttributeValue<EntityReference>(S.Recognition.Participant).Id]} {r.GetAttributeValue<OptionSetValue>(S.Recognition.Kind).Value - S.Recognition.KindBase} {r.GetAttributeValue<string>(S.Recognition.Period)} {r.GetAttributeValue<decimal?>(S.Recognition.Value):0.00##}"))
            .OrderBy(t => t, StringComparer.Ordinal).ToList();

    [TestMethod]
    [DataRow("name", DisplayName = "renamed to 'Contoso Fleet Expansion – Phase 1'")]
    [DataRow("probability", DisplayName = "probability edited to 90")]
    [DataRow("both", DisplayName = "renamed and probability edited in one save")]
    public void Renaming_a_won_deal_or_editing_its_probability_writes_no_ledger_row_and_changes_no_statement(string edit)
    {
        var org = Create(Day(2, 1));
        var contoso = org.WonDeal("Contoso Fleet Expansion", Ava, 48_250.00m, Day(2, 10));
        org.Pipeline.RunAsyncSteps();
        var ledger = LedgerRows(org);
        var statements = StatementRows(org);
        var shoutOuts = ShoutOuts(org);
        var posts = org.Pipeline.ServiceEndpointPosts.Count;

        // Ten days later the account manager tidies the record up.
        org.Today(Day(2, 20));
        var update = new Entity(S.Opportunity.Table, contoso);
        if (edit != "probability")
        {
            update[S.Opportunity.Name] = "Contoso Fleet Expansion – Phase 1";
        }

        if (edit != "name")
        {
            update[S.Opportunity.CloseProbability] = 90;
        }

        org.Service.Update(update);
        org.Pipeline.RunAsyncSteps();

        // Ava, Marco and Dana keep their one 48,250.00 row each; no statement row is rewritten, nothing is announced.
        Assert.HasCount(3, ledger);
        Assert.AreSequenceEqual(ledger, LedgerRows(org), string.Join(Environment.NewLine, LedgerRows(org)));
        Assert.AreSequenceEqual(statements, StatementRows(org));
        Assert.AreSequenceEqual(shoutOuts, ShoutOuts(org));
        Assert.HasCount(posts, org.Pipeline.ServiceEndpointPosts);
        Assert.AreEqual(4_825.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.IsEmpty(org.Pipeline.FailedAsyncOperations);
    }

    [TestMethod]
    public void After_a_rename_the_next_real_change_reverses_the_rows_as_stored_and_posts_under_the_new_name()
    {
        var org = Create(Day(2, 1));
        var contoso = org.WonDeal("Contoso Fleet Expansion", Ava, 48_250.00m, Day(2, 10));
        org.Today(Day(2, 20));
        org.Service.Update(new Entity(S.Opportunity.Table, contoso) { [S.Opportunity.Name] = "Contoso Fleet Expansion – Phase 1" });

        // The order grows to 52,000.00: Ava's row is reversed as stored and re-posted with the name the deal has now.
        org.Today(Day(2, 24));
        org.Service.Update(new Entity(S.Opportunity.Table, contoso) { [S.Opportunity.ActualValue] = new Money(52_000.00m) });

        var rows = org.Raw.RetrieveMultiple(new QueryExpression(S.Credit.Table) { ColumnSet = new ColumnSet(S.Credit.Sequence, S.Credit.DealName, S.Credit.Revenue), Criteria = { Conditions = { new ConditionExpression(S.Credit.Participant, ConditionOperator.Equal, Ava) } } })
            .Entities.OrderBy(r => r.GetAttributeValue<int>(S.Credit.Sequence))
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.GetAttributeValue<string>(S.Credit.DealName)} {r.GetAttributeValue<Money>(S.Credit.Revenue).Value:0.00}")).ToArray();
        string[] expected = ["Contoso Fleet Expansion 48250.00", "Contoso Fleet Expansion -48250.00", "Contoso Fleet Expansion – Phase 1 52000.00"];
        Assert.AreSequenceEqual(expected, rows);
        Assert.AreEqual(5_200.00m, org.Payable(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_first_deal_reopened_and_won_again_is_announced_and_posted_to_Teams_once()
    {
        var org = Create(Day(1, 12));
        var tailspin = org.WonDeal("Tailspin Analytics Suite", Ben, 42_750.00m, Day(1, 20));
        org.Pipeline.RunAsyncSteps();
        var announced = ShoutOuts(org);
        Assert.AreSequenceEqual(new[] { "Ben 0 FY2026-Q1 42750.00" }, announced, "Ben's first deal: " + string.Join(" | ", announced));
        Assert.HasCount(announced.Count, org.WebhookPosts(S.Recognition.Table), "one Teams post per shout-out");

        // Re-opened a week later (the customer wanted a change to the order form) and won again on Feb 4.
        org.Reopen(tailspin, Day(1, 27));
        org.Pipeline.RunAsyncSteps();
        org.Win(tailspin, 42_750.00m, Day(2, 4));
        org.Pipeline.RunAsyncSteps();

        Assert.AreSequenceEqual(announced, ShoutOuts(org), string.Join(" | ", ShoutOuts(org)));
        Assert.HasCount(1, org.Recognitions().Where(r => r.GetAttributeValue<OptionSetValue>(S.Recognition.Kind).Value == FirstDeal));
        Assert.HasCount(announced.Count, org.WebhookPosts(S.Recognition.Table), "no second Teams post");
        Assert.AreEqual(4_275.00m, org.Payable(Ben, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_deal_that_took_the_rep_past_50_percent_reopened_and_won_again_is_announced_and_posted_once()
    {
        var org = Create(Day(1, 12));

        // 110,000.00 of Ava's 200,000.00 = 55%: her first deal, and past 50% of quota.
        var northwind = org.WonDeal("Northwind Logistics Renewal", Ava, 110_000.00m, Day(2, 3));
        org.Pipeline.RunAsyncSteps();
        var announced = ShoutOuts(org);
        Assert.AreSequenceEqual(new[] { "Ava 0 FY2026-Q1 110000.00", "Ava 1 FY2026-Q1 0.50" }, announced, string.Join(" | ", announced));
        var posts = org.WebhookPosts(S.Recognition.Table).Select(p => p.PrimaryEntityId).Order().ToList();
        Assert.AreSequenceEqual(org.Recognitions().Select(r => r.Id).Order().ToList(), posts, "each shout-out posted to Teams once");

        // Re-opened on Feb 20 (Ava back at 0%), won again on Mar 2: 55% once more, the same milestone of the same quarter.
        org.Reopen(northwind, Day(2, 20));
        org.Pipeline.RunAsyncSteps();
        org.Win(northwind, 110_000.00m, Day(3, 2));
        org.Pipeline.RunAsyncSteps();

        Assert.AreSequenceEqual(announced, ShoutOuts(org), string.Join(" | ", ShoutOuts(org)));
        Assert.AreSequenceEqual(posts, org.WebhookPosts(S.Recognition.Table).Select(p => p.PrimaryEntityId).Order().ToList(), "no second Teams post");
        Assert.AreEqual(55.00m, org.Statement(Ava, "FY2026-Q1")!.GetAttributeValue<decimal?>(S.Statement.AttainmentPercent));
    }

    [TestMethod]
    public void Crossing_50_percent_again_with_another_deal_after_a_reopen_announces_no_second_milestone()
    {
        var org = Create(Day(1, 12));
        var northwind = org.WonDeal("Northwind Logistics Renewal", Ava, 110_000.00m, Day(2, 3));
        org.Reopen(northwind, Day(2, 20));
        org.Pipeline.RunAsyncSteps();

        // 120,000.00 / 200,000.00 = 60%: a new deal, but the same participant, quarter and milestone.
        org.WonDeal("Fabrikam Data Platform", Ava, 120_000.00m, Day(3, 2));
        org.Pipeline.RunAsyncSteps();

        var milestones = org.Recognitions().Where(r => r.GetAttributeValue<OptionSetValue>(S.Recognition.Kind).Value == AttainmentMilestone).ToList();
        Assert.HasCount(1, milestones);
        Assert.AreEqual(0.5m, milestones[0].GetAttributeValue<decimal?>(S.Recognition.Value));
        Assert.HasCount(1, org.WebhookPosts(S.Recognition.Table).Where(p => p.PrimaryEntityId == milestones[0].Id));
    }
}
