using Spm.Domain.Credits;
using Spm.Domain.Money;
using Spm.Domain.Plans;
using Spm.Domain.Statements;
using static Spm.Domain.Tests.Engine.DemoOrg;

namespace Spm.Domain.Tests.Engine;

[TestClass]
public sealed class SpiffAndProjectionTests
{
    private static Deal Deal(string id, string owner, decimal amount, DateTime closed, string category, params DealSplit[] splits) =>
        new(id, $"{id} {category}", owner, DealStatus.Won, amount, "USD", null, closed.AddDays(-40), closed, closed, 100m, category: category, splits: splits);

    private static Deal Open(string id, string owner, decimal amount, DateTime expected, decimal probability) =>
        new(id, id, owner, DealStatus.Open, amount, "USD", null, new DateTime(2026, 1, 5), expected, null, probability);

    [TestMethod]
    public void Spiff_pays_per_qualifying_deal_in_its_window_shared_by_split()
    {
        var org = DemoOrg.Build();
        var spiff = new Spiff("new-logo", "Q1 New Logo SPIFF", Day(2, 1), Day(3, 31), 500.00m, minimumDealAmount: 25_000.00m, category: "New Logo");
        var plan = new CompPlan("AE-SPIFF", "AE with SPIFF", MoneyRounding.Commercial(Currency.Usd), org.Plan.Components, new[] { spiff });
        org.Plans.Assign(new PlanAssignment(Ava, plan, new DateTime(2026, 1, 1)));

        org.Engine.ApplyDeal(Deal("OPP-1", Ava, 40_000.00m, Day(2, 10), "New Logo"), Day(2, 10));   // qualifies: 1 deal
        org.Engine.ApplyDeal(Deal("OPP-2", Ava, 20_000.00m, Day(2, 12), "New Logo"), Day(2, 12));   // below the 25,000.00 minimum
        org.Engine.ApplyDeal(Deal("OPP-3", Ava, 30_000.00m, Day(3, 1), "Renewal"), Day(3, 1));      // wrong category
        org.Engine.ApplyDeal(Deal("OPP-4", Ava, 50_000.00m, Day(1, 20), "New Logo"), Day(1, 20));   // before the window
        org.Engine.ApplyDeal(Deal("OPP-5", Ava, 60_000.00m, Day(3, 3), "New Logo", new DealSplit(Ava, 50m, SplitKind.Revenue), new DealSplit(Ben, 50m, SplitKind.Revenue)), Day(3, 3)); // half a deal

        var statement = org.Engine.Statement(Ava, org.Q1, Day(3, 31));

        // Credited 40,000 + 20,000 + 30,000 + 50,000 + 30,000 = 170,000.00 at 10% = 17,000.00; SPIFF 1.5 deals × 500.00 = 750.00.
        var spiffLine = statement.Lines.Single(l => l.Kind == StatementLineKind.Spiff);
        Assert.AreEqual(1.5m, spiffLine.Basis);
        Assert.AreEqual(750.00m, spiffLine.Amount);
        Assert.AreEqual(17_750.00m, statement.TotalPayable);
        Assert.AreSequenceEqual(new[] { "OPP-1", "OPP-5" }, org.Engine.ExplainLine(Ava, org.Q1, spiffLine).Select(d => d.Credit.DealId).ToArray());
        Assert.AreEqual(17_750.00m, org.Engine.Result(Ava, org.Q1, Day(3, 31)).TotalPayable);
    }

    [TestMethod]
    public void Projection_averages_run_rate_and_probability_weighted_pipeline_due_this_period()
    {
        var org = DemoOrg.Build();
        org.Engine.ApplyDeal(Deal("OPP-10", Ava, 60_000.00m, Day(1, 20), "Renewal"), Day(1, 20));
        org.Engine.ApplyDeal(Open("OPP-11", Ava, 100_000.00m, Day(3, 15), 40m), Day(1, 22));   // 40,000.00 weighted
        org.Engine.ApplyDeal(Open("OPP-12", Ava, 50_000.00m, Day(4, 10), 90m), Day(1, 22));    // closes next quarter: excluded
        org.Engine.ApplyDeal(Open("OPP-13", Ava, 80_000.00m, Day(2, 1), 50m), Day(1, 22));     // expected date already passed: excluded

        var projection = org.Engine.Scorecard(Ava, org.Q1, Day(2, 14)).Projection;

        // Day 45 of 90: run rate 60,000 × 90 / 45 = 120,000; pipeline 60,000 + 40,000 = 100,000; projected (120,000 + 100,000) / 2.
        Assert.AreEqual(120_000.00m, projection.RunRateCredit);
        Assert.AreEqual(40_000.00m, projection.WeightedPipeline);
        Assert.AreEqual(110_000.00m, projection.ProjectedCredit);
        Assert.AreEqual(0.55m, projection.ProjectedAttainment);
    }
}
