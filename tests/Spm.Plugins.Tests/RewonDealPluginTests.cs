using System.Globalization;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>
/// Issue 9, finding 4, through the plug-in pipeline: a deal won in a quarter that was then locked and paid, re-opened and
/// won again later, is paid once. Ava's Q1: Northwind Logistics Renewal 120,000.00 (Feb 10) + Wingtip Toys Rollout
/// 30,000.00 (Mar 5) = 150,000.00 of her 200,000.00 quota at 10% = 15,000.00, locked on Apr 2 and paid on Apr 20.
/// Wingtip alone is worth 3,000.00 of it (Marco and Dana: 3,000.00 of their 15,000.00 too, at 10% below quota).
/// Plan AE-2026 claws back cancellations within 90 days of the close.
/// </summary>
[TestClass]
public sealed class RewonDealPluginTests
{
    private static DateTime Day(int month, int day) => new(2026, month, day);

    private static decimal Amount(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static SpmOrganization PaidQ1(out Guid wingtip)
    {
        var org = Create(Day(1, 12));
        org.WonDeal("Northwind Logistics Renewal", Ava, 120_000.00m, Day(2, 10));
        wingtip = org.WonDeal("Wingtip Toys Rollout", Ava, 30_000.00m, Day(3, 5));
        org.Pipeline.RunAsyncSteps();
        org.SetPeriodStatus("FY2026-Q1", S.Period.StatusLocked, Day(4, 2));
        org.Pipeline.RunAsyncSteps();
        org.SetPeriodStatus("FY2026-Q1", S.Period.StatusPaid, Day(4, 20));
        org.Pipeline.RunAsyncSteps();
        Assert.AreEqual(15_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreEqual(15_000.00m, org.Payable(Marco, "FY2026-Q1"));
        return org;
    }

    private static decimal PaidAcrossQ1ToQ3(SpmOrganization org, Guid participant) =>
        org.Payable(participant, "FY2026-Q1") + org.Payable(participant, "FY2026-Q2") + org.Payable(participant, "FY2026-Q3");

    private static void Lock(SpmOrganization org, string period, DateTime on)
    {
        org.SetPeriodStatus(period, S.Period.StatusLocked, on);
        org.Pipeline.RunAsyncSteps();
    }

    [TestMethod]
    [DataRow(6, 20, "30000.00", false, "0.00", "0.00", DisplayName = "re-won unchanged in Q2: 3,000.00 commission − 3,000.00 clawback in Q2")]
    [DataRow(7, 20, "30000.00", false, "-3000.00", "3000.00", DisplayName = "re-won unchanged in Q3 while Q2 is open: clawback in Q2, commission in Q3")]
    [DataRow(7, 20, "30000.00", true, "0.00", "0.00", DisplayName = "re-won unchanged in Q3 after Q2 was locked: both land in Q3")]
    [DataRow(6, 20, "35000.00", false, "500.00", "0.00", DisplayName = "re-won larger in Q2: 3,500.00 − 3,000.00")]
    [DataRow(7, 20, "20000.00", true, "0.00", "-1000.00", DisplayName = "re-won smaller in Q3 after Q2 was locked: 2,000.00 − 3,000.00")]
    public void A_deal_reopened_outside_the_clawback_window_and_won_again_later_is_paid_once_at_its_new_amount(
        int month, int day, string rewonAmount, bool lockQ2First, string expectedQ2, string expectedQ3)
    {
        var org = PaidQ1(out var wingtip);
        var rewon = Amount(rewonAmount);

        // Re-opened on Jun 15, 102 days after its Mar 5 close: outside the 90-day window, so Ava keeps her Q1 pay...
        org.Reopen(wingtip, Day(6, 15));
        org.Pipeline.RunAsyncSteps();
        Assert.AreEqual(0.00m, org.Payable(Ava, "FY2026-Q2"), "a late cancellation is not clawed back");
        if (lockQ2First)
        {
            Lock(org, "FY2026-Q2", Day(7, 2));
        }

        // ...until she wins it again: it is credited where it now closes, and the pay she kept is taken back.
        org.Win(wingtip, rewon, Day(month, day));
        org.Pipeline.RunAsyncSteps();

        Assert.AreEqual(15_000.00m, org.Payable(Ava, "FY2026-Q1"), "a paid quarter keeps its statement");
        Assert.IsTrue(org.Statement(Ava, "FY2026-Q1")!.GetAttributeValue<bool>(S.Statement.Frozen));
        Assert.AreEqual(Amount(expectedQ2), org.Payable(Ava, "FY2026-Q2"), "Q2");
        Assert.AreEqual(Amount(expectedQ3), org.Payable(Ava, "FY2026-Q3"), "Q3");

        // Ava is paid Northwind's 12,000.00 and Wingtip once, at 10% of its new amount; so are Marco and Dana by roll-up.
        var once = 12_000.00m + (rewon * 0.10m);
        Assert.AreEqual(once, PaidAcrossQ1ToQ3(org, Ava), "Ava");
        Assert.AreEqual(once, PaidAcrossQ1ToQ3(org, Marco), "Marco");
        Assert.AreEqual(once, PaidAcrossQ1ToQ3(org, Dana), "Dana");
        Assert.IsEmpty(org.Pipeline.FailedAsyncOperations);
    }

    [TestMethod]
    public void A_deal_reopened_inside_the_clawback_window_and_won_again_in_Q3_is_clawed_back_in_Q2_and_paid_in_Q3()
    {
        var org = PaidQ1(out var wingtip);

        // Re-opened on Apr 20, 46 days after its close: clawed back at once (−3,000.00) in Q2, the first open quarter.
        org.Reopen(wingtip, Day(4, 20));
        org.Pipeline.RunAsyncSteps();
        Assert.AreEqual(-3_000.00m, org.Payable(Ava, "FY2026-Q2"));

        org.Win(wingtip, 30_000.00m, Day(8, 12));
        org.Pipeline.RunAsyncSteps();

        Assert.AreEqual(15_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreEqual(-3_000.00m, org.Payable(Ava, "FY2026-Q2"), "the clawback is not taken twice");
        Assert.AreEqual(3_000.00m, org.Payable(Ava, "FY2026-Q3"));
        Assert.AreEqual(15_000.00m, PaidAcrossQ1ToQ3(org, Marco));
        Assert.AreEqual(15_000.00m, PaidAcrossQ1ToQ3(org, Dana));
    }

    [TestMethod]
    public void A_deal_reopened_outside_the_window_won_again_and_reopened_again_before_any_lock_keeps_only_the_first_pay()
    {
        var org = PaidQ1(out var wingtip);

        // Kept on Jun 15; won again Jun 20 and re-opened Jun 28 while Q2 is open: in the end it is not won, so the late
        // cancellation stands and Ava keeps the 3,000.00 she was paid in Q1.
        org.Reopen(wingtip, Day(6, 15));
        org.Win(wingtip, 30_000.00m, Day(6, 20));
        org.Reopen(wingtip, Day(6, 28));
        org.Pipeline.RunAsyncSteps();

        Assert.AreEqual(15_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreEqual(0.00m, org.Payable(Ava, "FY2026-Q2"));
        Assert.AreEqual(0.00m, org.Payable(Marco, "FY2026-Q2"));
        Assert.AreEqual(0.00m, org.Credited(Ava, "FY2026-Q2"));
    }

    [TestMethod]
    public void A_deal_reopened_outside_the_window_and_won_again_by_another_rep_leaves_the_first_reps_pay_and_pays_the_new_owner()
    {
        var org = PaidQ1(out var wingtip);

        // The kept pay is Ava's, for her own late cancellation; Ben takes the deal over and wins it back in Q2.
        org.Reopen(wingtip, Day(6, 15));
        org.Service.Execute(new AssignRequest { Target = new EntityReference(S.Opportunity.Table, wingtip), Assignee = new EntityReference(S.SystemUser.Table, Ben) });
        org.Win(wingtip, 30_000.00m, Day(6, 20));
        org.Pipeline.RunAsyncSteps();

        Assert.AreEqual(15_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreEqual(0.00m, org.Payable(Ava, "FY2026-Q2"));
        Assert.AreEqual(30_000.00m, org.Credited(Ben, "FY2026-Q2"));
        Assert.AreEqual(3_000.00m, org.Payable(Ben, "FY2026-Q2"));

        // Marco managed both: the deal's credit is his once more, so his kept Q1 pay for it is taken back in Q2.
        Assert.AreEqual(15_000.00m, PaidAcrossQ1ToQ3(org, Marco));
    }
}
