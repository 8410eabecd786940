using Spm.Domain.Calendar;
using Spm.Domain.Participants;
using Spm.Domain.Quotas;

namespace Spm.Domain.Tests.Quotas;

[TestClass]
public sealed class QuotaTests
{
    private static readonly FiscalPeriod Q1 = FiscalCalendar.CalendarYear.Period(PeriodKind.Quarter, 2026, 1);

    private static Participant Rep(DateTime hired) => new("dana", "Dana Whitfield", null, "Enterprise East", "Northeast", "USD", hired);

    [TestMethod]
    public void New_hire_ramp_averages_the_months_of_the_quarter()
    {
        // Hired in February: Jan 0%, Feb 25%, Mar 50% → 25% of 300,000
        var quota = new Quota("dana", Q1, Measure.Revenue, 300000m, RampSchedule.ThreeMonth);

        Assert.AreEqual(75000m, quota.AmountOn(Rep(new DateTime(2026, 2, 9)), new DateTime(2026, 3, 1)));
        Assert.Contains("Jan 0%, Feb 25%, Mar 50%", quota.EffectiveOn(Rep(new DateTime(2026, 2, 9)), new DateTime(2026, 3, 1)).Explanation[1]);
    }

    [TestMethod]
    public void Dated_adjustments_apply_from_their_effective_date_with_reason()
    {
        var quota = new Quota("dana", Q1, Measure.Revenue, 300000m, adjustments: new[] { new QuotaAdjustment(new DateTime(2026, 2, 15), -50000m, "Territory split: Vermont moved to Sam") });

        Assert.AreEqual(300000m, quota.AmountOn(Rep(new DateTime(2020, 1, 6)), new DateTime(2026, 2, 14)));
        Assert.AreEqual(250000m, quota.AmountOn(Rep(new DateTime(2020, 1, 6)), new DateTime(2026, 2, 15)));
        Assert.Contains("Territory split", quota.EffectiveOn(Rep(new DateTime(2020, 1, 6)), new DateTime(2026, 3, 1)).Explanation[1]);
    }

    [TestMethod]
    public void Adjustment_without_reason_is_rejected()
    {
        var error = Assert.ThrowsExactly<SpmRuleException>(() => new QuotaAdjustment(new DateTime(2026, 2, 15), 1000m, " "));

        Assert.AreEqual("QuotaAdjustment.Reason", error.Field);
    }

    [TestMethod]
    public void Quarter_without_its_own_quota_sums_its_months()
    {
        var months = FiscalCalendar.CalendarYear.PeriodsWithin(Q1, PeriodKind.Month);
        var book = new QuotaBook(months.Select(m => new Quota("dana", m, Measure.Revenue, 100000m)));

        Assert.AreEqual(300000m, book.AmountFor(Rep(new DateTime(2020, 1, 6)), Q1, Measure.Revenue, new DateTime(2026, 3, 1), FiscalCalendar.CalendarYear));
    }
}
