using System.Globalization;
using Spm.Domain.Credits;
using Spm.Domain.Statements;
using static Spm.Domain.Tests.Engine.DemoOrg;

namespace Spm.Domain.Tests.Engine;

/// <summary>
/// Issue 9, finding 4: a deal won in a period that was then locked and paid, re-opened and won again later, is paid
/// once. Ava's Q1: Northwind 120,000.00 (Feb 10) + Wingtip 30,000.00 (Mar 5) = 150,000.00 at 10% = 15,000.00, locked
/// on Apr 2 and paid. Wingtip alone is worth 3,000.00 of that.
/// </summary>
[TestClass]
public sealed class RewonDealTests
{
    private static readonly DateTime EndOfQ3 = Day(9, 30);

    private static DemoOrg PaidQ1(out Deal wingtip)
    {
        var org = DemoOrg.Build();
        org.Engine.ApplyDeal(Won("OPP-3101", "Northwind Logistics Renewal", Ava, 120_000.00m, Day(2, 10)), Day(2, 10));
        wingtip = Won("OPP-3102", "Wingtip Toys Rollout", Ava, 30_000.00m, Day(3, 5));
        org.Engine.ApplyDeal(wingtip, Day(3, 5));
        org.Engine.LockPeriod(org.Q1, Day(4, 2));
        org.Engine.MarkPaid(org.Q1);
        return org;
    }

    private static decimal Payable(DemoOrg org, string participantId, Spm.Domain.Calendar.FiscalPeriod period) =>
        org.Engine.Statement(participantId, period, EndOfQ3).TotalPayable;

    private static decimal Money(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [TestMethod]
    [DataRow(6, 20, "30000.00", false, "0.00", "0.00", DisplayName = "re-won unchanged in Q2: 3,000.00 commission − 3,000.00 clawback")]
    [DataRow(7, 20, "30000.00", false, "-3000.00", "3000.00", DisplayName = "re-won unchanged in Q3 while Q2 is open: clawback in Q2, commission in Q3")]
    [DataRow(7, 20, "30000.00", true, "0.00", "0.00", DisplayName = "re-won unchanged in Q3 after Q2 was locked: both land in Q3")]
    [DataRow(6, 20, "35000.00", false, "500.00", "0.00", DisplayName = "re-won larger in Q2: 3,500.00 − 3,000.00")]
    [DataRow(7, 20, "20000.00", true, "0.00", "-1000.00", DisplayName = "re-won smaller in Q3 after Q2 was locked: 2,000.00 − 3,000.00")]
    public void Deal_reopened_outside_the_clawback_window_and_won_again_in_a_later_period_is_paid_once_at_its_new_amount(
        int month, int day, string rewonAmount, bool lockQ2First, string expectedQ2, string expectedQ3)
    {
        var org = PaidQ1(out var wingtip);

        // Re-opened on Jun 15, 102 days after its Mar 5 close: outside the 90-day window, so Ava keeps the Q1 pay...
        org.Engine.ApplyDeal(Reopened(wingtip), Day(6, 15));
        if (lockQ2First)
        {
            org.Engine.LockPeriod(org.Q2, Day(7, 2));
        }

        // ...until it is won again: then it is credited where it now closes, and the kept pay is taken back.
        var closed = Day(month, day);
        org.Engine.ApplyDeal(Won(wingtip.Id, wingtip.Name, Ava, Money(rewonAmount), closed), closed);

        Assert.AreEqual(15_000.00m, Payable(org, Ava, org.Q1));
        Assert.AreEqual(Money(expectedQ2), Payable(org, Ava, org.Q2));
        Assert.AreEqual(Money(expectedQ3), Payable(org, Ava, org.Q3));

        // Across the three quarters Ava is paid Northwind's 12,000.00 and Wingtip once, at 10% of its new amount.
        var total = Payable(org, Ava, org.Q1) + Payable(org, Ava, org.Q2) + Payable(org, Ava, org.Q3);
        Assert.AreEqual(12_000.00m + (Money(rewonAmount) * 0.10m), total);

        // Marco rolls up the same two deals (150,000.00 of his 400,000.00 quota at 10%): also paid once.
        var marco = Payable(org, Marco, org.Q1) + Payable(org, Marco, org.Q2) + Payable(org, Marco, org.Q3);
        Assert.AreEqual(12_000.00m + (Money(rewonAmount) * 0.10m), marco);
    }

    [TestMethod]
    public void Clawback_of_kept_pay_after_a_rewin_is_explained_as_such()
    {
        var org = PaidQ1(out var wingtip);
        org.Engine.ApplyDeal(Reopened(wingtip), Day(6, 15));
        org.Engine.ApplyDeal(Won(wingtip.Id, wingtip.Name, Ava, 30_000.00m, Day(6, 20)), Day(6, 20));

        var q2 = org.Engine.Statement(Ava, org.Q2, Day(6, 30));
        var adjustment = q2.Lines.Single(l => l.Kind == StatementLineKind.PriorPeriodAdjustment);
        Assert.AreEqual(-3_000.00m, adjustment.Amount);

        var reversal = Assert.ContainsSingle(org.Engine.ExplainLine(Ava, org.Q2, adjustment));
        Assert.AreEqual(-30_000.00m, reversal.Credit.Revenue);
        Assert.Contains("won again", reversal.Reason);
        Assert.Contains("2026-06-20", reversal.Reason);
    }

    [TestMethod]
    public void Deal_reopened_inside_the_clawback_window_and_won_again_in_q3_is_clawed_back_in_q2_and_paid_in_q3()
    {
        var org = PaidQ1(out var wingtip);

        // Re-opened on Apr 20, 46 days after close: clawed back (−3,000.00) in Q2, the first open quarter.
        org.Engine.ApplyDeal(Reopened(wingtip), Day(4, 20));
        org.Engine.ApplyDeal(Won(wingtip.Id, wingtip.Name, Ava, 30_000.00m, Day(8, 12)), Day(8, 12));

        Assert.AreEqual(15_000.00m, Payable(org, Ava, org.Q1));
        Assert.AreEqual(-3_000.00m, Payable(org, Ava, org.Q2));
        Assert.AreEqual(3_000.00m, Payable(org, Ava, org.Q3));
    }

    [TestMethod]
    public void Deal_reopened_outside_the_window_won_again_and_reopened_again_before_any_lock_keeps_only_the_first_pay()
    {
        var org = PaidQ1(out var wingtip);

        // Kept on Jun 15; won again Jun 20 and re-opened Jun 28 while Q2 is still open: in the end it is not won,
        // so the late cancellation stands and Ava keeps the 3,000.00 she was paid in Q1.
        org.Engine.ApplyDeal(Reopened(wingtip), Day(6, 15));
        var rewon = Won(wingtip.Id, wingtip.Name, Ava, 30_000.00m, Day(6, 20));
        org.Engine.ApplyDeal(rewon, Day(6, 20));
        org.Engine.ApplyDeal(Reopened(rewon), Day(6, 28));

        Assert.AreEqual(15_000.00m, Payable(org, Ava, org.Q1));
        Assert.AreEqual(0.00m, Payable(org, Ava, org.Q2));
    }

    [TestMethod]
    public void Deal_reopened_outside_the_window_and_won_again_by_another_rep_leaves_the_first_reps_pay_and_pays_the_new_owner()
    {
        var org = PaidQ1(out var wingtip);

        // The kept pay is Ava's, for her own late cancellation; Ben wins the deal back and is paid for it in Q2.
        org.Engine.ApplyDeal(Reopened(wingtip), Day(6, 15));
        org.Engine.ApplyDeal(Won(wingtip.Id, wingtip.Name, Ben, 30_000.00m, Day(6, 20)), Day(6, 20));

        Assert.AreEqual(15_000.00m, Payable(org, Ava, org.Q1));
        Assert.AreEqual(0.00m, Payable(org, Ava, org.Q2));
        Assert.AreEqual(3_000.00m, Payable(org, Ben, org.Q2));
    }

    [TestMethod]
    [DataRow(false, "FY2026-Q2, FY2026-Q3", DisplayName = "Q2 open: the clawback lands in Q2, the new credit in Q3")]
    [DataRow(true, "FY2026-Q3", DisplayName = "Q2 locked: both land in Q3")]
    public void A_rewin_names_every_open_statement_it_moves_including_where_the_clawback_lands(bool lockQ2First, string expected)
    {
        var org = PaidQ1(out var wingtip);
        org.Engine.ApplyDeal(Reopened(wingtip), Day(6, 15));
        if (lockQ2First)
        {
            org.Engine.LockPeriod(org.Q2, Day(7, 2));
        }

        var change = org.Engine.ApplyDeal(Won(wingtip.Id, wingtip.Name, Ava, 30_000.00m, Day(7, 20)), Day(7, 20));

        // The posting itself only holds Q3-dated rows; the Q1 pay taken back is booked in the first open quarter after Q1.
        Assert.IsTrue(change.Posting.AffectedDates.All(d => d == Day(7, 20)));
        Assert.AreEqual(expected, string.Join(", ", org.Engine.StatementPeriodsMovedBy(change.Posting).Select(p => p.Id)));
    }
}
