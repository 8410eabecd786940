using System;
using System.Globalization;
using Spm.Domain.Internal;

namespace Spm.Domain.Calendar
{
    /// <summary>A fiscal month, quarter or year: [Start, End) in calendar dates.</summary>
    public sealed record FiscalPeriod
    {
        internal FiscalPeriod(PeriodKind kind, int fiscalYear, int number, DateTime start)
        {
            Kind = kind;
            FiscalYear = fiscalYear;
            Number = number;
            Start = Preconditions.DateOnly(start, "FiscalPeriod.Start");
            End = Start.AddMonths((int)kind);
            FirstMonthKey = MonthKey.Of(Start);
            Id = kind switch
            {
                PeriodKind.Month => string.Format(CultureInfo.InvariantCulture, "FY{0}-M{1:00}", fiscalYear, number),
                PeriodKind.Quarter => string.Format(CultureInfo.InvariantCulture, "FY{0}-Q{1}", fiscalYear, number),
                _ => string.Format(CultureInfo.InvariantCulture, "FY{0}", fiscalYear),
            };
        }

        public PeriodKind Kind { get; }

        /// <summary>Named after the calendar year in which the fiscal year ends (FY2027 starting July 2026).</summary>
        public int FiscalYear { get; }

        /// <summary>1–12 for months, 1–4 for quarters, 1 for the year.</summary>
        public int Number { get; }

        public DateTime Start { get; }

        /// <summary>Exclusive end: the first day of the next period.</summary>
        public DateTime End { get; }

        public int FirstMonthKey { get; }

        public int MonthCount => (int)Kind;

        /// <summary>"FY2027-Q1", "FY2027-M03", "FY2027": the key every book uses, so it is built once.</summary>
        public string Id { get; }

        /// <summary>For people: "Q1 FY2027 (Jul 1 – Sep 30, 2026)".</summary>
        public string DisplayName
        {
            get
            {
                var last = End.AddDays(-1);
                var range = Start.Year == last.Year
                    ? $"{Start.ToString("MMM d", CultureInfo.InvariantCulture)} – {last.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}"
                    : $"{Start.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)} – {last.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}";
                var name = Kind switch
                {
                    PeriodKind.Month => Start.ToString("MMMM", CultureInfo.InvariantCulture) + " FY" + FiscalYear.ToString(CultureInfo.InvariantCulture),
                    PeriodKind.Quarter => "Q" + Number.ToString(CultureInfo.InvariantCulture) + " FY" + FiscalYear.ToString(CultureInfo.InvariantCulture),
                    _ => "FY" + FiscalYear.ToString(CultureInfo.InvariantCulture),
                };
                return $"{name} ({range})";
            }
        }

        public int TotalDays => (End - Start).Days;

        public bool Contains(DateTime date) => date >= Start && date < End;

        public bool ContainsMonth(int monthKey) => monthKey >= FirstMonthKey && monthKey < FirstMonthKey + MonthCount;

        /// <summary>Whole days elapsed at the end of <paramref name="asOf"/>, clamped to the period (asOf counts as elapsed).</summary>
        public int ElapsedDays(DateTime asOf)
        {
            var day = asOf.Date;
            if (day < Start)
            {
                return 0;
            }

            return day >= End ? TotalDays : (day - Start).Days + 1;
        }

        public decimal ElapsedFraction(DateTime asOf) => (decimal)ElapsedDays(asOf) / TotalDays;

        public override string ToString() => Id;
    }
}
