using Spm.Domain.Credits;
using Spm.Domain.Engine;
using Spm.Domain.Money;
using Spm.Domain.Plans;
using static Spm.Domain.Tests.Engine.DemoOrg;

namespace Spm.Domain.Tests.Engine;

/// <summary>
/// A period started from a stored totals snapshot plus only the rows posted since gives exactly the statement a full
/// fold of the whole ledger gives: what lets a manager's roll-up read a handful of rows instead of the org's.
/// </summary>
[TestClass]
public sealed class TotalsSnapshotTests
{
    private static Deal NewLogo(string id, decimal amount, DateTime closed) =>
        new(id, $"{id} New Logo", Ava, DealStatus.Won, amount, "USD", null, closed.AddDays(-40), closed, closed, 100m, category: "New Logo");

    private static IReadOnlyList<Credit> Stored(IEnumerable<Credit> rows) =>
        rows.Select(c => Credit.Restore(c.Id, c.ToSignedDraft(), c.ReversalOfId, c.PostedOn)).ToList();

    [TestMethod]
    public void A_snapshot_plus_the_rows_posted_since_equals_the_full_fold()
    {
        var original = Build();
        var contoso = Won("OPP-8101", "Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 3));
        original.Engine.ApplyDeal(contoso, Day(2, 3));
        original.Engine.ApplyDeal(Won("OPP-8102", "Fabrikam Field Service", Ben, 45_500.00m, Day(2, 20)), Day(2, 20));
        var snapshot = original.Engine.TotalsOf(Marco, original.Q1);
        original.Engine.ApplyDeal(Won("OPP-8103", "Northwind Retail POS", Ava, 98_000.00m, Day(3, 2)), Day(3, 2));
        original.Engine.ApplyDeal(Reopened(contoso), Day(3, 9));

        // Marco's rows after the snapshot only: the 98,000 win and the 120,000 reversal (whose original is in the snapshot).
        var restored = Build();
        restored.Engine.Ledger.Restore(Stored(original.Engine.Ledger.CreditsOf(Marco).Where(c => c.Id > snapshot.UpToSequence)), partial: true);
        restored.Engine.RestoreTotals(Marco, restored.Q1, snapshot);

        Assert.AreEqual(165_500.00m, snapshot.Revenue);
        Assert.AreEqual(143_500.00m, restored.Engine.Result(Marco, restored.Q1, Day(3, 31)).Attainment.Credited);
        Assert.AreEqual(original.Engine.Result(Marco, original.Q1, Day(3, 31)).TotalPayable, restored.Engine.Result(Marco, restored.Q1, Day(3, 31)).TotalPayable);
        Assert.AreEqual(14_350.00m, restored.Engine.Result(Marco, restored.Q1, Day(3, 31)).TotalPayable);
    }

    [TestMethod]
    public void Rows_the_snapshot_already_holds_are_not_counted_twice()
    {
        var original = Build();
        original.Engine.ApplyDeal(Won("OPP-8201", "Litware Data Migration", Ava, 60_000.00m, Day(1, 17)), Day(1, 17));
        original.Engine.ApplyDeal(Won("OPP-8202", "Proseware Suite", Ava, 40_000.00m, Day(2, 11)), Day(2, 11));
        var snapshot = original.Engine.TotalsOf(Ava, original.Q1);

        // A reader may return more rows than it needs (the deal's rows, recent direct credit): those at or below the snapshot are skipped.
        var restored = Build();
        restored.Engine.Ledger.Restore(Stored(original.Engine.Ledger.CreditsOf(Ava)));
        restored.Engine.RestoreTotals(Ava, restored.Q1, snapshot);

        Assert.AreEqual(100_000.00m, restored.Engine.Result(Ava, restored.Q1, Day(3, 31)).Attainment.Credited);
        Assert.AreEqual(2L, restored.Engine.Result(Ava, restored.Q1, Day(3, 31)).LedgerSequence);
    }

    [TestMethod]
    public void A_period_restored_from_a_snapshot_reports_the_participants_true_last_sequence()
    {
        var restored = Build();
        restored.Engine.Ledger.ContinueAfter(Ava, 41);
        restored.Engine.RestoreTotals(Ava, restored.Q1, new PeriodTotals(150_000.00m, 0m, 0m, 3m, 41));

        var result = restored.Engine.Result(Ava, restored.Q1, Day(3, 31));

        Assert.AreEqual(150_000.00m, result.Attainment.Credited);
        Assert.AreEqual(15_000.00m, result.TotalPayable);
        Assert.AreEqual(41L, result.LedgerSequence, "a statement written from it claims exactly the rows it holds");
        Assert.AreEqual(42L, restored.Engine.Ledger.NextSequence(Ava));
    }

    [TestMethod]
    public void A_snapshot_carries_spiff_shares_counted_under_the_plans_spiffs()
    {
        var spiff = new Spiff("new-logo", "Q1 New Logo SPIFF", Day(2, 1), Day(3, 31), 500.00m, minimumDealAmount: 25_000.00m, category: "New Logo");
        var original = Build();
        var plan = new CompPlan("AE-SPIFF", "AE with SPIFF", MoneyRounding.Commercial(Currency.Usd), original.Plan.Components, new[] { spiff });
        original.Plans.Assign(new PlanAssignment(Ava, plan, new DateTime(2026, 1, 1)));
        original.Engine.ApplyDeal(NewLogo("OPP-8301", 40_000.00m, Day(2, 10)), Day(2, 10));
        var snapshot = original.Engine.TotalsOf(Ava, original.Q1);
        original.Engine.ApplyDeal(NewLogo("OPP-8302", 60_000.00m, Day(3, 3)), Day(3, 3));

        var restored = Build();
        restored.Plans.Assign(new PlanAssignment(Ava, plan, new DateTime(2026, 1, 1)));
        restored.Engine.Ledger.Restore(Stored(original.Engine.Ledger.CreditsOf(Ava).Where(c => c.Id > snapshot.UpToSequence)), partial: true);
        restored.Engine.RestoreTotals(Ava, restored.Q1, snapshot);

        // 100,000.00 at 10% = 10,000.00, and two qualifying deals × 500.00 = 1,000.00: one in the snapshot, one folded on top.
        Assert.AreEqual(1m, snapshot.SpiffShares["new-logo"]);
        Assert.AreEqual(11_000.00m, restored.Engine.Result(Ava, restored.Q1, Day(3, 31)).TotalPayable);
        Assert.AreEqual(original.Engine.Result(Ava, original.Q1, Day(3, 31)).TotalPayable, restored.Engine.Result(Ava, restored.Q1, Day(3, 31)).TotalPayable);
    }

    [TestMethod]
    public void A_snapshot_counted_before_a_spiff_was_edited_is_not_restored()
    {
        var org = Build();
        var before = new Spiff("new-logo", "Q1 New Logo SPIFF", Day(2, 1), Day(3, 31), 500.00m, minimumDealAmount: 25_000.00m, category: "New Logo");
        var after = new Spiff("new-logo", "Q1 New Logo SPIFF", Day(2, 1), Day(3, 31), 500.00m, minimumDealAmount: 10_000.00m, category: "New Logo");
        var counted = new CompPlan("AE-SPIFF", "AE with SPIFF", MoneyRounding.Commercial(Currency.Usd), org.Plan.Components, new[] { before }).SpiffBasis;
        org.Plans.Assign(new PlanAssignment(Ava, new CompPlan("AE-SPIFF", "AE with SPIFF", MoneyRounding.Commercial(Currency.Usd), org.Plan.Components, new[] { after }), new DateTime(2026, 1, 1)));

        var error = Assert.ThrowsExactly<SpmRuleException>(() => org.Engine.RestoreTotals(Ava, org.Q1, new PeriodTotals(50_000.00m, 0m, 0m, 1m, 1, new Dictionary<string, decimal> { ["new-logo"] = 1m }, counted)));

        Assert.AreEqual("PeriodTotals.SpiffBasis", error.Field);
        Assert.Contains("SPIFFs", error.Message);
    }

    [TestMethod]
    public void A_locked_period_is_not_restored_from_a_snapshot()
    {
        var org = Build();
        org.Engine.LockPeriod(org.Q1, Day(4, 1));

        var error = Assert.ThrowsExactly<SpmRuleException>(() => org.Engine.RestoreTotals(Ava, org.Q1, new PeriodTotals(50_000.00m, 0m, 0m, 1m, 1)));

        Assert.Contains("Locked", error.Message);
    }
}
