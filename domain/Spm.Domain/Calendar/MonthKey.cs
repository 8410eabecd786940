using System;

namespace Spm.Domain.Calendar
{
    /// <summary>A calendar month as one integer (year × 12 + month − 1), cheap to compare and index by.</summary>
    public static class MonthKey
    {
        public static int Of(DateTime date) => (date.Year * 12) + date.Month - 1;

        public static DateTime FirstDay(int monthKey) => new DateTime(monthKey / 12, (monthKey % 12) + 1, 1);
    }
}
