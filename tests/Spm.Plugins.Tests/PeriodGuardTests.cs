using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>Issue 9, finding 7: a locked or paid period's definition is final, and an open period's dates are consistent.</summary>
[TestClass]
public sealed class PeriodGuardTests
{
    private static DateTime Day(int month, int day) => new(2026, month, day);

    [TestMethod]
    public void A_locked_periods_start_date_cannot_be_edited()
    {
        var org = LockedQ1();

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.Period.Table, org.Periods["FY2026-Q1"]) { [S.Period.StartDate] = Day(1, 15) }));

        Assert.Contains("FY2026-Q1", error.Message);
        Assert.Contains("Locked", error.Message);
        Assert.Contains("spm_startdate", error.Message);
        Assert.Contains("2026-01-15", error.Message);
        Assert.AreEqual(Day(1, 1), Stored(org, "FY2026-Q1").GetAttributeValue<DateTime>(S.Period.StartDate));
    }

    [TestMethod]
    [DataRow(S.Period.EndDate)]
    [DataRow(S.Period.Kind)]
    [DataRow(S.Period.FiscalYear)]
    [DataRow(S.Period.Number)]
    public void A_paid_periods_definition_cannot_be_edited(string column)
    {
        var org = LockedQ1();
        org.SetPeriodStatus("FY2026-Q1", S.Period.StatusPaid, Day(4, 20));
        object value = column switch
        {
            S.Period.EndDate => Day(4, 30),
            S.Period.Kind => new OptionSetValue(S.Period.KindMonth),
            S.Period.FiscalYear => 2027,
            _ => 2,
        };

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.Period.Table, org.Periods["FY2026-Q1"]) { [column] = value }));

        Assert.Contains("FY2026-Q1", error.Message);
        Assert.Contains("Paid", error.Message);
        Assert.Contains(column, error.Message);
    }

    [TestMethod]
    public void Saving_a_locked_period_with_its_dates_unchanged_is_accepted()
    {
        var org = LockedQ1();

        org.Service.Update(new Entity(S.Period.Table, org.Periods["FY2026-Q1"]) { [S.Period.StartDate] = Day(1, 1), [S.Period.EndDate] = Day(3, 31), [S.Period.Name] = "FY2026-Q1" });

        Assert.AreEqual(Day(3, 31), Stored(org, "FY2026-Q1").GetAttributeValue<DateTime>(S.Period.EndDate));
    }

    [TestMethod]
    public void A_locked_period_cannot_be_deleted()
    {
        var org = LockedQ1();

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Delete(S.Period.Table, org.Periods["FY2026-Q1"]));

        Assert.Contains("FY2026-Q1", error.Message);
        Assert.Contains("Locked", error.Message);
        Assert.AreEqual(4, org.Store.Count(S.Period.Table));
    }

    [TestMethod]
    public void An_open_periods_end_date_before_its_start_is_refused()
    {
        var org = Create(Day(1, 5));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.Period.Table, org.Periods["FY2026-Q2"]) { [S.Period.EndDate] = Day(3, 31) }));

        Assert.Contains("FY2026-Q2", error.Message);
        Assert.Contains("spm_enddate = 2026-03-31", error.Message);
        Assert.AreEqual(Day(6, 30), Stored(org, "FY2026-Q2").GetAttributeValue<DateTime>(S.Period.EndDate));
    }

    [TestMethod]
    public void A_new_period_ending_before_it_starts_is_refused()
    {
        var org = Create(Day(1, 5));
        var period = new Entity(S.Period.Table)
        {
            [S.Period.Name] = "FY2027-Q1",
            [S.Period.Kind] = new OptionSetValue(S.Period.KindQuarter),
            [S.Period.FiscalYear] = 2027,
            [S.Period.Number] = 1,
            [S.Period.StartDate] = new DateTime(2027, 1, 1),
            [S.Period.EndDate] = new DateTime(2026, 12, 31),
            [S.Period.Status] = new OptionSetValue(S.Period.StatusOpen),
        };

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Create(period));

        Assert.Contains("FY2027-Q1", error.Message);
        Assert.Contains("spm_enddate = 2026-12-31", error.Message);
        Assert.AreEqual(4, org.Store.Count(S.Period.Table));
    }

    [TestMethod]
    public void An_open_period_can_still_be_deleted()
    {
        var org = Create(Day(1, 5));
        // Its quotas go first: the quota → period relationship restricts deleting a period that still has them.
        foreach (var quota in org.Raw.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression(S.Quota.Table) { Criteria = { Conditions = { new(S.Quota.Period, Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, org.Periods["FY2026-Q4"]) } } }).Entities)
        {
            org.Raw.Delete(S.Quota.Table, quota.Id);
        }

        org.Service.Delete(S.Period.Table, org.Periods["FY2026-Q4"]);

        Assert.AreEqual(3, org.Store.Count(S.Period.Table));
    }

    [TestMethod]
    public void After_a_refused_period_edit_a_win_in_the_next_open_period_posts_normally()
    {
        var org = LockedQ1();
        Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.Period.Table, org.Periods["FY2026-Q1"]) { [S.Period.StartDate] = Day(1, 15) }));

        org.WonDeal("Northwind Traders Renewal", Ben, 80_000.00m, Day(4, 22));

        // 80,000 of 200,000 = 40% at 10% = 8,000.00.
        Assert.AreEqual(8_000.00m, org.Payable(Ben, "FY2026-Q2"));
    }

    private static SpmOrganization LockedQ1()
    {
        var org = Create(Day(1, 5));
        org.WonDeal("Contoso Data Platform", Ava, 90_000.00m, Day(2, 12));
        org.SetPeriodStatus("FY2026-Q1", S.Period.StatusLocked, Day(4, 2));
        org.Pipeline.RunAsyncSteps();
        return org;
    }

    private static Entity Stored(SpmOrganization org, string period) =>
        org.Raw.Retrieve(S.Period.Table, org.Periods[period], new ColumnSet(S.Period.StartDate, S.Period.EndDate, S.Period.Status));
}
