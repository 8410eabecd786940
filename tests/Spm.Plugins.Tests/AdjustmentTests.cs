using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>Sales ops' manual adjustments reach the statement they are booked on, and final statements stay final.</summary>
[TestClass]
public sealed class AdjustmentTests
{
    private static DateTime Day(int month, int day) => new(2026, month, day);

    private static Guid Adjust(SpmOrganization org, Guid participant, string period, decimal amount, string reason)
    {
        var row = new Entity(S.Adjustment.Table);
        row[S.Adjustment.Name] = reason;
        row[S.Adjustment.Participant] = new EntityReference(S.SystemUser.Table, participant);
        row[S.Adjustment.Period] = new EntityReference(S.Period.Table, org.Periods[period]);
        row[S.Adjustment.Amount] = new Money(amount);
        row[S.Adjustment.Reason] = reason;
        row[S.Adjustment.EffectiveDate] = Day(3, 1);
        return org.Service.Create(row);
    }

    [TestMethod]
    public void A_manual_adjustment_is_added_to_the_statement_at_once()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));

        Adjust(org, Ava, "FY2026-Q1", 750.00m, "Implementation bonus agreed with the VP");

        Assert.AreEqual(12_750.00m, org.Payable(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void Removing_an_adjustment_takes_it_off_the_statement()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        var adjustment = Adjust(org, Ava, "FY2026-Q1", -1_200.00m, "Duplicate order credited twice");
        Assert.AreEqual(10_800.00m, org.Payable(Ava, "FY2026-Q1"));

        org.Service.Delete(S.Adjustment.Table, adjustment);

        Assert.AreEqual(12_000.00m, org.Payable(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void An_adjustment_for_a_locked_period_is_booked_on_the_next_open_one_and_counted_once()
    {
        var org = Create(Day(1, 5));
        org.WonDeal("Relecloud Platform", Ava, 150_000.00m, Day(2, 2));
        var inQ1 = Adjust(org, Ava, "FY2026-Q1", 500.00m, "Kick-off SPIFF paid by hand");
        org.SetPeriodStatus("FY2026-Q1", S.Period.StatusLocked, Day(4, 2));
        org.Pipeline.RunAsyncSteps();
        Assert.AreEqual(15_500.00m, org.Payable(Ava, "FY2026-Q1"));

        var late = Adjust(org, Ava, "FY2026-Q1", 300.00m, "Q1 travel allowance, approved late");

        var stored = org.Raw.Retrieve(S.Adjustment.Table, late, new ColumnSet(S.Adjustment.Period, S.Adjustment.SourcePeriod));
        Assert.AreEqual(org.Periods["FY2026-Q2"], stored.GetAttributeValue<EntityReference>(S.Adjustment.Period).Id);
        Assert.AreEqual(org.Periods["FY2026-Q1"], stored.GetAttributeValue<EntityReference>(S.Adjustment.SourcePeriod).Id);
        Assert.AreEqual(15_500.00m, org.Payable(Ava, "FY2026-Q1"), "the frozen statement keeps the adjustment it was locked with");
        Assert.AreEqual(300.00m, org.Payable(Ava, "FY2026-Q2"), "the late one lands on Q2; the Q1 one is not counted again");

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.Adjustment.Table, inQ1) { [S.Adjustment.Amount] = new Money(5_000.00m) }));
        Assert.Contains("booked on FY2026-Q1, which is locked", error.Message);
    }
}
