using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse;
using Spm.Plugins.Steps;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>What happens under real conditions: retries, re-saves, concurrent wins, bad data.</summary>
[TestClass]
public sealed class RobustnessTests
{
    public TestContext TestContext { get; set; } = null!;

    private static DateTime Day(int month, int day) => new(2026, month, day);

    [TestMethod]
    public void Saving_a_won_deal_again_with_the_same_values_posts_nothing()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Proseware Cloud Migration", Ava, 75_000.00m, Day(2, 11));
        org.Pipeline.RunAsyncSteps();
        var ledger = org.Ledger().Count;
        var statement = org.Statement(Ava, "FY2026-Q1")!;

        // estimatedvalue is a filtering attribute, so the steps run; the deal's credits are unchanged, so nothing is written.
        org.Service.Update(new Entity(S.Opportunity.Table, deal) { [S.Opportunity.EstimatedValue] = new Money(75_000.00m) });
        org.Pipeline.RunAsyncSteps();

        Assert.HasCount(ledger, org.Ledger());
        var after = org.Statement(Ava, "FY2026-Q1")!;
        Assert.AreEqual(statement.GetAttributeValue<int>(S.Statement.LedgerSequence), after.GetAttributeValue<int>(S.Statement.LedgerSequence));
        Assert.AreEqual(7_500.00m, after.GetAttributeValue<Money>(S.Statement.TotalPayable).Value);
        Assert.AreEqual(1, org.Store.Count(S.Recognition.Table), "the first-deal milestone is recorded once");
    }

    [TestMethod]
    public void The_plugins_never_trigger_themselves()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Lucerne Publishing Suite", Ava, 40_000.00m, Day(2, 6));
        org.AddSplit(deal, Ava, 100m);
        org.Pipeline.RunAsyncSteps();

        // Credits, statements and recognitions are written by the steps; none of those writes starts another posting step.
        // By design a new recognition starts the Teams bot webhook (a service-endpoint step) and a new credit or statement
        // the job that shares it with the manager chain, which only grants access and so starts nothing further.
        var webhookSteps = org.Steps.Where(s => s.ServiceEndpointId != null).Select(s => s.Id).ToHashSet();
        var pluginRuns = org.Pipeline.Executions.Where(e => !webhookSteps.Contains(e.StepId)).ToList();
        var sharing = pluginRuns.Where(e => e.PluginTypeName.Contains(nameof(ManagerAccessPlugin), StringComparison.Ordinal)).ToList();
        Assert.IsNotEmpty(pluginRuns);
        Assert.IsNotEmpty(sharing);
        Assert.IsTrue(pluginRuns.Except(sharing).All(e => e.Depth == 1), string.Join(", ", pluginRuns.Select(e => $"{e.PluginTypeName}@{e.Depth}")));
        Assert.IsTrue(sharing.All(e => e.Depth == 2 && e.Requests.All(r => r.StartsWith("GrantAccess", StringComparison.Ordinal) || r.StartsWith("RetrieveMultiple", StringComparison.Ordinal))), string.Join(", ", sharing.Select(e => $"{e.Depth}: {string.Join(" ", e.Requests)}")));
    }

    [TestMethod]
    public void Two_deals_of_the_same_rep_won_at_the_same_moment_are_both_counted()
    {
        var org = Create(Day(2, 1));
        var first = org.CreateOpportunity("Fourth Coffee Franchise", Ava, 90_000.00m, Day(2, 27));
        var second = org.CreateOpportunity("Humongous Insurance Claims", Ava, 70_000.00m, Day(2, 27));
        org.Today(Day(2, 27));
        using var start = new Barrier(2);

        Parallel.Invoke(
            () => { start.SignalAndWait(TestContext.CancellationToken); WinAs(org, first, 90_000.00m); },
            () => { start.SignalAndWait(TestContext.CancellationToken); WinAs(org, second, 70_000.00m); });

        // 160,000 of 200,000 = 80% at 10% = 16,000.00: neither win overwrote the other's statement.
        Assert.AreEqual(160_000.00m, org.Credited(Ava, "FY2026-Q1"));
        Assert.AreEqual(16_000.00m, org.Payable(Ava, "FY2026-Q1"));
        var sequences = org.Ledger(Ava).Select(c => c.GetAttributeValue<int>(S.Credit.Sequence)).ToArray();
        Assert.AreSequenceEqual(new[] { 1, 2 }, sequences);
    }

    [TestMethod]
    public void A_negative_won_amount_is_refused_with_the_column_to_fix()
    {
        var org = Create(Day(2, 1));
        var deal = org.CreateOpportunity("Blue Yonder Airlines Credit Note", Ava, 10_000.00m, Day(2, 16));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Win(deal, -10_000.00m, Day(2, 16)));

        Assert.Contains("-10000", error.Message.Replace(",", string.Empty, StringComparison.Ordinal));
        Assert.Contains("actualvalue", error.Message);
        Assert.IsEmpty(org.Ledger());
        Assert.AreEqual(S.Opportunity.StateOpen, org.Raw.Retrieve(S.Opportunity.Table, deal, new ColumnSet(S.Opportunity.State)).GetAttributeValue<OptionSetValue>(S.Opportunity.State).Value, "the win is rolled back with it");
    }

    [TestMethod]
    public void A_misconfigured_plan_stops_the_win_and_names_the_plan()
    {
        var org = Create(Day(2, 1));
        // An admin bypassing the form leaves a gap between 100% and 110%.
        var accelerator = org.Raw.RetrieveMultiple(new QueryExpression(S.PlanTier.Table) { ColumnSet = new ColumnSet(S.PlanTier.Name), Criteria = { Conditions = { new ConditionExpression(S.PlanTier.Name, ConditionOperator.Equal, "Accelerator") } } }).Entities.Single();
        org.Raw.Update(new Entity(S.PlanTier.Table, accelerator.Id) { [S.PlanTier.FromPercent] = 110m });
        var deal = org.CreateOpportunity("Woodgrove Bank Treasury", Ava, 20_000.00m, Day(2, 18));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Win(deal, 20_000.00m, Day(2, 18)));

        Assert.Contains("AE-2026", error.Message);
        Assert.Contains("gap", error.Message);
        Assert.IsEmpty(org.Ledger());
        Assert.IsNull(org.Statement(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_plan_without_a_currency_exchange_rate_is_reported_before_anything_is_posted()
    {
        var org = Create(Day(2, 1));
        // A plan paying in a currency the org does not have (deleted after the plan was set up).
        var gbp = Guid.NewGuid();
        org.Raw.Create(new Entity(S.TransactionCurrency.Table, gbp) { [S.TransactionCurrency.IsoCode] = "GBP", ["currencyname"] = "Pound Sterling", [S.TransactionCurrency.Symbol] = "£", [S.TransactionCurrency.Precision] = 2, [S.TransactionCurrency.ExchangeRate] = 0.79m });
        org.Raw.Update(new Entity(S.CompPlan.Table, Plan) { [S.CompPlan.Currency] = new EntityReference(S.TransactionCurrency.Table, gbp) });
        org.Raw.Delete(S.TransactionCurrency.Table, gbp);
        var deal = org.CreateOpportunity("Trey Research Lab Kit", Ava, 12_000.00m, Day(2, 19));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Win(deal, 12_000.00m, Day(2, 19)));

        Assert.Contains("AE-2026", error.Message);
        Assert.Contains("exchange rate", error.Message);
        Assert.IsEmpty(org.Ledger());
    }

    [TestMethod]
    public void A_late_win_in_an_earlier_quarter_updates_the_draw_recovered_in_the_next_one()
    {
        var org = Create(Day(2, 1));
        org.Raw.Update(new Entity(S.CompPlan.Table, Plan) { [S.CompPlan.DrawAmount] = new Money(5_000.00m), [S.CompPlan.DrawRecoverable] = true });
        org.WonDeal("Fabrikam Pilot", Ava, 20_000.00m, Day(2, 10));
        org.WonDeal("Contoso Rollout", Ava, 100_000.00m, Day(5, 12));
        var q2Before = org.Payable(Ava, "FY2026-Q2");

        // Booked late but closed in Q1 (still open): Q1 now earns its draw, so Q2 has nothing left to recover.
        var late = org.CreateOpportunity("Northwind Add-on", Ava, 30_000.00m, Day(3, 28));
        org.Win(late, 30_000.00m, Day(3, 28));

        Assert.AreEqual(5_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreNotEqual(q2Before, org.Payable(Ava, "FY2026-Q2"));
        Assert.AreEqual(10_000.00m, org.Payable(Ava, "FY2026-Q2"));
    }

    private static void WinAs(SpmOrganization org, Guid opportunity, decimal revenue)
    {
        var close = new Entity("opportunityclose")
        {
            ["opportunityid"] = new EntityReference(S.Opportunity.Table, opportunity),
            ["actualrevenue"] = new Money(revenue),
            ["actualend"] = Day(2, 27),
            ["subject"] = "Won",
        };
        org.ServiceAs(Ava).Execute(new Microsoft.Crm.Sdk.Messages.WinOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(3) });
    }
}
