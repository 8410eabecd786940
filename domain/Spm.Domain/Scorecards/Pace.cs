using System;
using Spm.Domain.Calendar;

namespace Spm.Domain.Scorecards
{
    /// <summary>
    /// Where attainment stands against the calendar: the share of the period elapsed is the attainment a rep on a
    /// straight line to 100% would have today. Index &gt; 1 means ahead of pace.
    /// </summary>
    public sealed record Pace(decimal ElapsedFraction, decimal ExpectedAttainment, decimal? Attainment)
    {
        public decimal? Index => Attainment.HasValue && ExpectedAttainment > 0m ? Attainment.Value / ExpectedAttainment : (decimal?)null;

        public bool OnPace => Attainment.HasValue && Attainment.Value >= ExpectedAttainment;

        public static Pace At(FiscalPeriod period, DateTime asOf, decimal? attainment)
        {
            var elapsed = period.ElapsedFraction(asOf);
            return new Pace(elapsed, elapsed, attainment);
        }
    }
}
