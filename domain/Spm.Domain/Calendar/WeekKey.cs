using System;

namespace Spm.Domain.Calendar
{
    /// <summary>A Monday-based week as one integer, counted from a fixed Monday so consecutive weeks differ by one.</summary>
    public static class WeekKey
    {
        private static readonly DateTime Origin = new DateTime(2001, 1, 1);

        public static int Of(DateTime date) => (int)Math.Floor((date.Date - Origin).TotalDays / 7d);
    }
}
