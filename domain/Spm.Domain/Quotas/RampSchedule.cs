using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Spm.Domain.Calendar;
using Spm.Domain.Internal;

namespace Spm.Domain.Quotas
{
    /// <summary>
    /// A new hire's quota ramp: the share of full quota carried in the 1st, 2nd, … month of tenure (the hire month is
    /// month 1); after the last step the share is 100%. A period's factor is the average over its months, so a rep hired
    /// in the second month of a quarter carries nothing for the first month.
    /// </summary>
    public sealed record RampSchedule
    {
        public RampSchedule(IEnumerable<decimal> monthlyShares)
        {
            var shares = Preconditions.NotNull(monthlyShares, "RampSchedule.MonthlyShares").ToArray();
            for (var i = 0; i < shares.Length; i++)
            {
                Preconditions.InRange(shares[i], 0m, 1m, $"RampSchedule.MonthlyShares[{i + 1}]");
            }

            MonthlyShares = shares;
        }

        public IReadOnlyList<decimal> MonthlyShares { get; }

        /// <summary>The common 25% / 50% / 75% ramp over a new hire's first three months.</summary>
        public static RampSchedule ThreeMonth { get; } = new RampSchedule(new[] { 0.25m, 0.50m, 0.75m });

        public decimal ShareForMonth(DateTime hireDate, int monthKey)
        {
            var tenureMonth = monthKey - MonthKey.Of(hireDate) + 1;
            if (tenureMonth < 1)
            {
                return 0m;
            }

            return tenureMonth <= MonthlyShares.Count ? MonthlyShares[tenureMonth - 1] : 1m;
        }

        public decimal FactorFor(DateTime hireDate, FiscalPeriod period)
        {
            var total = 0m;
            for (var i = 0; i < period.MonthCount; i++)
            {
                total += ShareForMonth(hireDate, period.FirstMonthKey + i);
            }

            return total / period.MonthCount;
        }

        public string Describe(DateTime hireDate, FiscalPeriod period)
        {
            var parts = new List<string>();
            for (var i = 0; i < period.MonthCount; i++)
            {
                var monthKey = period.FirstMonthKey + i;
                parts.Add($"{MonthKey.FirstDay(monthKey).ToString("MMM", CultureInfo.InvariantCulture)} {ShareForMonth(hireDate, monthKey) * 100m:0.##}%");
            }

            return $"ramp for hire date {hireDate:yyyy-MM-dd}: {string.Join(", ", parts)} → {FactorFor(hireDate, period) * 100m:0.##}% of full quota";
        }

        public bool Equals(RampSchedule? other) => other is not null && MonthlyShares.SequenceEqual(other.MonthlyShares);

        public override int GetHashCode() => MonthlyShares.Aggregate(17, (h, s) => (h * 31) + s.GetHashCode());
    }
}
