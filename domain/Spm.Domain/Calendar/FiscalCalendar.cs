using System;
using System.Collections.Generic;
using Spm.Domain.Internal;

namespace Spm.Domain.Calendar
{
    /// <summary>A fiscal calendar whose year starts on the first day of a configurable month.</summary>
    public sealed record FiscalCalendar
    {
        public FiscalCalendar(int startMonth)
        {
            StartMonth = Preconditions.InRange(startMonth, 1, 12, "FiscalCalendar.StartMonth");
        }

        /// <summary>1 = January (fiscal = calendar year), 7 = July (FY2027 runs July 2026 – June 2027).</summary>
        public int StartMonth { get; }

        public static FiscalCalendar CalendarYear { get; } = new FiscalCalendar(1);

        public int FiscalYearOf(DateTime date) => StartMonth == 1 || date.Month < StartMonth ? date.Year : date.Year + 1;

        public FiscalPeriod PeriodContaining(DateTime date, PeriodKind kind)
        {
            var fiscalYear = FiscalYearOf(date);
            var monthIndex = ((date.Month - StartMonth) + 12) % 12;
            var number = (monthIndex / (int)kind) + 1;
            return Period(kind, fiscalYear, number);
        }

        public FiscalPeriod Period(PeriodKind kind, int fiscalYear, int number)
        {
            Preconditions.InRange(fiscalYear, 1900, 9000, "FiscalPeriod.FiscalYear");
            Preconditions.InRange(number, 1, 12 / (int)kind, "FiscalPeriod.Number");
            var yearStart = new DateTime(StartMonth == 1 ? fiscalYear : fiscalYear - 1, StartMonth, 1);
            return new FiscalPeriod(kind, fiscalYear, number, yearStart.AddMonths((number - 1) * (int)kind));
        }

        public FiscalPeriod Next(FiscalPeriod period) => PeriodContaining(period.End, period.Kind);

        public FiscalPeriod Previous(FiscalPeriod period) => PeriodContaining(period.Start.AddDays(-1), period.Kind);

        /// <summary>The periods of a kind inside a larger period (the quarters of a year, the months of a quarter).</summary>
        public IReadOnlyList<FiscalPeriod> PeriodsWithin(FiscalPeriod outer, PeriodKind kind)
        {
            Preconditions.Require((int)kind <= (int)outer.Kind, "PeriodKind", kind, $"A {outer.Kind} cannot be divided into {kind}s.");
            var result = new List<FiscalPeriod>();
            for (var start = outer.Start; start < outer.End; start = start.AddMonths((int)kind))
            {
                result.Add(PeriodContaining(start, kind));
            }

            return result;
        }

        /// <summary>The fiscal year containing a period, for year-to-date figures.</summary>
        public FiscalPeriod YearOf(FiscalPeriod period) => Period(PeriodKind.Year, period.FiscalYear, 1);
    }
}
