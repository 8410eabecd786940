using Spm.Domain;
using Spm.Domain.Calendar;

namespace Spm.Domain.Tests.Calendar;

[TestClass]
public sealed class FiscalCalendarTests
{
    [TestMethod]
    [DataRow(2026, 7, 1, "FY2027-Q1")]
    [DataRow(2026, 9, 30, "FY2027-Q1")]
    [DataRow(2026, 10, 1, "FY2027-Q2")]
    [DataRow(2027, 6, 30, "FY2027-Q4")]
    [DataRow(2026, 6, 30, "FY2026-Q4")]
    public void July_fiscal_year_is_named_after_the_year_it_ends(int year, int month, int day, string expected)
    {
        var calendar = new FiscalCalendar(7);

        Assert.AreEqual(expected, calendar.PeriodContaining(new DateTime(year, month, day), PeriodKind.Quarter).Id);
    }

    [TestMethod]
    public void Months_of_a_quarter_follow_the_fiscal_start()
    {
        var calendar = new FiscalCalendar(4);
        var q2 = calendar.Period(PeriodKind.Quarter, 2027, 2);

        var months = calendar.PeriodsWithin(q2, PeriodKind.Month);

        Assert.AreSequenceEqual(new[] { "FY2027-M04", "FY2027-M05", "FY2027-M06" }, months.Select(m => m.Id).ToArray());
        Assert.AreEqual(new DateTime(2026, 7, 1), q2.Start);
        Assert.AreEqual(new DateTime(2026, 10, 1), q2.End);
    }

    [TestMethod]
    public void Elapsed_fraction_counts_the_as_of_day()
    {
        var q1 = FiscalCalendar.CalendarYear.Period(PeriodKind.Quarter, 2026, 1);

        Assert.AreEqual(90, q1.TotalDays);
        Assert.AreEqual(45, q1.ElapsedDays(new DateTime(2026, 2, 14)));
        Assert.AreEqual(0.5m, q1.ElapsedFraction(new DateTime(2026, 2, 14)));
        Assert.AreEqual(0, q1.ElapsedDays(new DateTime(2025, 12, 31)));
        Assert.AreEqual(90, q1.ElapsedDays(new DateTime(2026, 5, 1)));
    }

    [TestMethod]
    public void Start_month_outside_1_to_12_is_rejected_naming_the_field()
    {
        var error = Assert.ThrowsExactly<SpmRuleException>(() => new FiscalCalendar(13));

        Assert.AreEqual("FiscalCalendar.StartMonth", error.Field);
        Assert.AreEqual(13, error.Value);
    }

    [TestMethod]
    public void Period_status_moves_only_forward_and_in_order()
    {
        var book = PeriodBook.ForFiscalYear(FiscalCalendar.CalendarYear, 2026, PeriodKind.Quarter);
        var q1 = book.Periods[0];
        var q2 = book.Periods[1];

        Assert.ThrowsExactly<SpmRuleException>(() => book.MarkPaid(q1));
        var outOfOrder = Assert.ThrowsExactly<SpmRuleException>(() => book.Lock(q2));
        Assert.Contains("Lock FY2026-Q1 before FY2026-Q2", outOfOrder.Message);

        book.Lock(q1);
        book.MarkPaid(q1);

        Assert.AreEqual(PeriodStatus.Paid, book.StatusOf(q1));
        Assert.AreEqual(q2, book.FirstOpenAfter(q1));
        Assert.ThrowsExactly<SpmRuleException>(() => book.Lock(q1));
    }

    [TestMethod]
    public void A_date_outside_every_defined_period_is_rejected_with_the_defined_range()
    {
        var book = PeriodBook.ForFiscalYear(FiscalCalendar.CalendarYear, 2026, PeriodKind.Quarter);

        var error = Assert.ThrowsExactly<SpmRuleException>(() => book.PeriodOf(new DateTime(2027, 1, 4), "Credit date"));

        Assert.Contains("2027-01-04 falls in no defined period", error.Message);
        Assert.Contains("FY2026-Q1", error.Message);
    }

    [TestMethod]
    public void Gapped_statement_periods_are_rejected()
    {
        var calendar = FiscalCalendar.CalendarYear;

        var error = Assert.ThrowsExactly<SpmRuleException>(() => new PeriodBook(calendar, new[] { calendar.Period(PeriodKind.Quarter, 2026, 1), calendar.Period(PeriodKind.Quarter, 2026, 3) }));

        Assert.Contains("gap between FY2026-Q1", error.Message);
    }
}
