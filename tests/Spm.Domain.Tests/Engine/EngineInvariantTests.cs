using Spm.Domain.Credits;
using Spm.Domain.Statements;
using static Spm.Domain.Tests.Engine.DemoOrg;

namespace Spm.Domain.Tests.Engine;

[TestClass]
public sealed class EngineInvariantTests
{
    private static readonly DateTime AsOf = Day(3, 31);

    private static Deal[] QuarterOfDeals() => new[]
    {
        Won("OPP-2001", "Northwind Logistics Renewal", Ava, 120_000.00m, Day(1, 14)),
        Won("OPP-2002", "Contoso Fleet Expansion", Ben, 82_000.00m, Day(1, 28)),
        Won("OPP-2003", "Fabrikam Data Platform", Ava, 95_000.00m, Day(2, 17), new DealSplit(Sam, 25m, SplitKind.Overlay)),
        Won("OPP-2004", "Tailspin Analytics Suite", Ben, 48_250.55m, Day(3, 3), new DealSplit(Ava, 60m, SplitKind.Revenue), new DealSplit(Ben, 40m, SplitKind.Revenue)),
        Won("OPP-2005", "Litware Security Bundle", Ben, 31_480.75m, Day(3, 20)),
    };

    [TestMethod]
    public void Recalculating_everything_twice_gives_identical_results()
    {
        var org = DemoOrg.Build();
        foreach (var deal in QuarterOfDeals())
        {
            org.Engine.ApplyDeal(deal, deal.ActualCloseDate!.Value);
        }

        var first = org.Engine.RecalculateAll(org.Q1, AsOf);
        var second = org.Engine.RecalculateAll(org.Q1, AsOf);

        Assert.AreSequenceEqual(first.ToList(), second.ToList());

        // Ava: 120,000.00 + 95,000.00 + 60% × 48,250.55 (28,950.33) = 243,950.33 against 200,000.00:
        // 200,000.00 × 10% = 20,000.00 plus 43,950.33 × 15% = 6,592.5495 → 6,592.55; total 26,592.55.
        var ava = first.Single(r => r.ParticipantId == Ava);
        Assert.AreEqual(243_950.33m, ava.Attainment.Credited);
        Assert.AreEqual(26_592.55m, ava.TotalPayable);
    }

    [TestMethod]
    public void Incremental_results_equal_a_fresh_recalculation_from_scratch()
    {
        var org = DemoOrg.Build();
        var deals = QuarterOfDeals();
        foreach (var deal in deals.Take(3))
        {
            org.Engine.ApplyDeal(deal, deal.ActualCloseDate!.Value);
        }

        // Warm the running totals, then keep changing the ledger incrementally.
        org.Engine.RecalculateAll(org.Q1, Day(2, 28), fromScratch: false);
        foreach (var deal in deals.Skip(3))
        {
            org.Engine.ApplyDeal(deal, deal.ActualCloseDate!.Value);
        }

        org.Engine.ApplyDeal(Reopened(deals[1]), Day(3, 25));
        var incremental = org.Organization.All.Select(p => org.Engine.Result(p.Id, org.Q1, AsOf)).ToList();

        var fresh = org.Engine.RecalculateAll(org.Q1, AsOf, fromScratch: true);

        Assert.AreSequenceEqual(incremental, fresh.ToList());

        // Ben after OPP-2002 is re-opened: 40% × 48,250.55 (19,300.22) + 31,480.75 = 50,780.97 → 10% = 5,078.097 → 5,078.10.
        var ben = fresh.Single(r => r.ParticipantId == Ben);
        Assert.AreEqual(50_780.97m, ben.Attainment.Credited);
        Assert.AreEqual(5_078.10m, ben.TotalPayable);
    }

    [TestMethod]
    public void A_deal_won_then_reversed_restores_the_prior_statement_total_exactly()
    {
        var org = DemoOrg.Build();
        org.Engine.ApplyDeal(Won("OPP-2101", "Northwind Logistics Renewal", Ava, 120_000.00m, Day(1, 14)), Day(1, 14));
        var before = org.Engine.Statement(Ava, org.Q1, AsOf).TotalPayable;

        var late = Won("OPP-2102", "Proseware Migration", Ava, 95_000.00m, Day(2, 17));
        org.Engine.ApplyDeal(late, Day(2, 17));
        var during = org.Engine.Statement(Ava, org.Q1, AsOf).TotalPayable;
        org.Engine.RemoveDeal(late.Id, Day(2, 24));
        var after = org.Engine.Statement(Ava, org.Q1, AsOf).TotalPayable;

        // 120,000.00 × 10% = 12,000.00; with 215,000.00: 20,000.00 + 15,000.00 × 15% = 22,250.00; back to 12,000.00.
        Assert.AreEqual(12_000.00m, before);
        Assert.AreEqual(22_250.00m, during);
        Assert.AreEqual(before, after);
    }

    [TestMethod]
    public void Every_explained_statement_total_equals_the_sum_of_its_lines()
    {
        var org = DemoOrg.Build();
        foreach (var deal in QuarterOfDeals())
        {
            org.Engine.ApplyDeal(deal, deal.ActualCloseDate!.Value);
        }

        foreach (var id in new[] { Ava, Ben, Marco })
        {
            var statement = org.Engine.Statement(id, org.Q1, AsOf);
            Assert.AreEqual(statement.Lines.Sum(l => l.Amount), statement.TotalPayable, id);
            Assert.AreEqual(org.Engine.Result(id, org.Q1, AsOf).TotalPayable, statement.TotalPayable, id);
        }

        // Ava's lines: 20,000.00 in Base + 6,592.55 in Accelerator.
        var lines = org.Engine.Statement(Ava, org.Q1, AsOf).Lines;
        Assert.AreSequenceEqual(new[] { 20_000.00m, 6_592.55m }, lines.Select(l => l.Amount).ToArray());
        Assert.IsTrue(lines.All(l => l.Kind == StatementLineKind.Commission));
    }

    [TestMethod]
    public void A_quarter_replayed_deal_by_deal_equals_the_quarter_applied_all_at_once()
    {
        var stepwise = DemoOrg.Build();
        var batch = DemoOrg.Build();
        var deals = QuarterOfDeals();

        foreach (var deal in deals)
        {
            stepwise.Engine.ApplyDeal(deal, deal.ActualCloseDate!.Value);
            stepwise.Engine.RecalculateAll(stepwise.Q1, deal.ActualCloseDate!.Value, fromScratch: false);
        }

        foreach (var deal in deals)
        {
            batch.Engine.ApplyDeal(deal, AsOf);
        }

        Assert.AreSequenceEqual(
            batch.Engine.RecalculateAll(batch.Q1, AsOf).ToList(),
            stepwise.Engine.RecalculateAll(stepwise.Q1, AsOf, fromScratch: false).ToList());

        // Marco rolls up every direct credit: 120,000.00 + 82,000.00 + 95,000.00 + 48,250.55 + 31,480.75 = 376,731.30 → 37,673.13.
        var marco = batch.Engine.Result(Marco, batch.Q1, AsOf);
        Assert.AreEqual(376_731.30m, marco.Attainment.Credited);
        Assert.AreEqual(37_673.13m, marco.TotalPayable);
    }
}
