using Spm.Domain.Calendar;
using Spm.Domain.Statements;
using static Spm.Domain.Tests.Engine.DemoOrg;

namespace Spm.Domain.Tests.Engine;

[TestClass]
public sealed class PeriodLockingTests
{
    // Ava's Q1: 120,000.00 (Feb 10) + 30,000.00 (Mar 5) = 150,000.00 at 10% = 15,000.00.
    private static DemoOrg LockedAfterQ1(out Spm.Domain.Credits.Deal smallDeal)
    {
        var org = DemoOrg.Build();
        org.Engine.ApplyDeal(Won("OPP-3001", "Northwind Logistics Renewal", Ava, 120_000.00m, Day(2, 10)), Day(2, 10));
        smallDeal = Won("OPP-3002", "Wingtip Toys Rollout", Ava, 30_000.00m, Day(3, 5));
        org.Engine.ApplyDeal(smallDeal, Day(3, 5));
        org.Engine.LockPeriod(org.Q1, Day(4, 2));
        return org;
    }

    [TestMethod]
    public void Late_reversal_within_the_clawback_window_leaves_q1_frozen_and_books_the_difference_in_q2()
    {
        var org = LockedAfterQ1(out var smallDeal);

        // Re-opened 46 days after closing (Mar 5 → Apr 20), inside the 90-day window.
        org.Engine.ApplyDeal(Reopened(smallDeal), Day(4, 20));

        var q1 = org.Engine.Statement(Ava, org.Q1, Day(4, 30));
        Assert.IsTrue(q1.Frozen);
        Assert.AreEqual(15_000.00m, q1.TotalPayable);
        Assert.AreEqual(150_000.00m, q1.Attainment.Credited);

        // Q1 re-priced on 120,000.00 is 12,000.00: 12,000.00 − 15,000.00 = −3,000.00 booked in Q2.
        var q2 = org.Engine.Statement(Ava, org.Q2, Day(4, 30));
        var adjustment = q2.Lines.Single(l => l.Kind == StatementLineKind.PriorPeriodAdjustment);
        Assert.AreEqual(-3_000.00m, adjustment.Amount);
        Assert.AreEqual("FY2026-Q1", adjustment.ForPeriodId);
        Assert.AreEqual(-3_000.00m, q2.TotalPayable);
        Assert.AreEqual(-3_000.00m, org.Engine.Result(Ava, org.Q2, Day(4, 30)).TotalPayable);
    }

    [TestMethod]
    public void Late_reversal_outside_the_clawback_window_produces_no_adjustment()
    {
        var org = LockedAfterQ1(out var smallDeal);

        // Lost 102 days after closing (Mar 5 → Jun 15), beyond the default 90-day window.
        org.Engine.ApplyDeal(LostVersionOf(smallDeal, Day(6, 15)), Day(6, 15));

        Assert.AreEqual(15_000.00m, org.Engine.Statement(Ava, org.Q1, Day(6, 20)).TotalPayable);
        var q2 = org.Engine.Statement(Ava, org.Q2, Day(6, 20));
        Assert.IsEmpty(q2.Lines.Where(l => l.Kind == StatementLineKind.PriorPeriodAdjustment));
        Assert.AreEqual(0.00m, q2.TotalPayable);
    }

    [TestMethod]
    public void Deal_cancelled_outside_the_window_and_won_again_is_not_paid_twice()
    {
        var org = LockedAfterQ1(out var smallDeal);

        // Re-opened on day 102 (kept, not clawed back), then won again unchanged: Q1 was already paid on it.
        org.Engine.ApplyDeal(Reopened(smallDeal), Day(6, 15));
        org.Engine.ApplyDeal(smallDeal, Day(6, 20));

        var q2 = org.Engine.Statement(Ava, org.Q2, Day(6, 25));
        Assert.IsEmpty(q2.Lines.Where(l => l.Kind == StatementLineKind.PriorPeriodAdjustment));
        Assert.AreEqual(0.00m, q2.TotalPayable);
    }

    [TestMethod]
    public void Deal_cancelled_outside_the_window_and_won_again_larger_pays_only_the_increase()
    {
        var org = LockedAfterQ1(out var smallDeal);

        // 30,000.00 kept, re-won at 35,000.00: only the 5,000.00 increase is new credit, at 10% = 500.00.
        org.Engine.ApplyDeal(Reopened(smallDeal), Day(6, 15));
        org.Engine.ApplyDeal(Won(smallDeal.Id, smallDeal.Name, Ava, 35_000.00m, Day(3, 5)), Day(6, 20));

        var q2 = org.Engine.Statement(Ava, org.Q2, Day(6, 25));
        Assert.AreEqual(500.00m, q2.Lines.Single(l => l.Kind == StatementLineKind.PriorPeriodAdjustment).Amount);
    }

    [TestMethod]
    [DataRow(6, 3, "-3000.00")]
    [DataRow(6, 4, "0")]
    public void Clawback_window_of_90_days_includes_the_90th_day_and_excludes_the_91st(int month, int day, string expectedAdjustment)
    {
        var org = LockedAfterQ1(out var smallDeal);

        // Mar 5 + 90 days = Jun 3 (clawed back: −3,000.00); Jun 4 is day 91 (kept: no adjustment).
        org.Engine.RemoveDeal(smallDeal.Id, Day(month, day));

        var q2 = org.Engine.Statement(Ava, org.Q2, Day(6, 20));
        var expected = decimal.Parse(expectedAdjustment, System.Globalization.CultureInfo.InvariantCulture);
        Assert.AreEqual(expected, q2.Lines.Where(l => l.Kind == StatementLineKind.PriorPeriodAdjustment).Sum(l => l.Amount));
        Assert.AreEqual(expected, q2.TotalPayable);
    }

    [TestMethod]
    public void Manual_adjustment_aimed_at_a_locked_quarter_lands_in_the_next_open_quarter()
    {
        var org = LockedAfterQ1(out _);

        org.Engine.AddAdjustment(new StatementAdjustment("ADJ-1042", Ava, "FY2026-Q1", 1_250.00m, Day(4, 10), "Missed SPIFF for Northwind"));

        Assert.AreEqual(15_000.00m, org.Engine.Statement(Ava, org.Q1, Day(4, 30)).TotalPayable);
        var q2 = org.Engine.Statement(Ava, org.Q2, Day(4, 30));
        var line = q2.Lines.Single(l => l.Kind == StatementLineKind.ManualAdjustment);
        Assert.AreEqual(1_250.00m, line.Amount);
        Assert.AreEqual("FY2026-Q1", line.ForPeriodId);
        Assert.AreEqual(1_250.00m, q2.TotalPayable);
    }

    [TestMethod]
    public void Period_status_moves_only_from_open_to_locked_to_paid()
    {
        var org = DemoOrg.Build();
        Assert.AreEqual(PeriodStatus.Open, org.Periods.StatusOf(org.Q1));

        var paidWhileOpen = Assert.ThrowsExactly<SpmRuleException>(() => org.Engine.MarkPaid(org.Q1));
        Assert.AreEqual("Period.Status", paidWhileOpen.Field);
        var outOfOrder = Assert.ThrowsExactly<SpmRuleException>(() => org.Engine.LockPeriod(org.Q2, Day(7, 2)));
        Assert.Contains("FY2026-Q1", outOfOrder.Message);

        org.Engine.LockPeriod(org.Q1, Day(4, 2));
        Assert.AreEqual(PeriodStatus.Locked, org.Periods.StatusOf(org.Q1));
        Assert.ThrowsExactly<SpmRuleException>(() => org.Engine.LockPeriod(org.Q1, Day(4, 3)));

        org.Engine.MarkPaid(org.Q1);
        Assert.AreEqual(PeriodStatus.Paid, org.Periods.StatusOf(org.Q1));
        Assert.ThrowsExactly<SpmRuleException>(() => org.Engine.MarkPaid(org.Q1));
        Assert.ThrowsExactly<SpmRuleException>(() => org.Engine.LockPeriod(org.Q1, Day(4, 3)));
        Assert.AreEqual(PeriodStatus.Paid, org.Periods.StatusOf(org.Q1));
    }
}
