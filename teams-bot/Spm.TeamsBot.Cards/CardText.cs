using System.Globalization;

namespace Spm.TeamsBot.Cards
{
    /// <summary>Display formats for the domain's fractions and counts; the values themselves come from the domain.</summary>
    public static class CardText
    {
        /// <summary>A fraction as a percentage: 1.1253 → "112.53%".</summary>
        public static string Percent(decimal fraction) => (fraction * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

        public static string Percent(decimal? fraction) => fraction.HasValue ? Percent(fraction.Value) : "n/a";

        /// <summary>The number a chart plots for a fraction, in percent with at most two decimals: 1.1253 → 112.53, 1.3 → 130.</summary>
        public static decimal PercentPoints(decimal fraction) => Normalized(decimal.Round(fraction * 100m, 2, System.MidpointRounding.AwayFromZero));

        // Dividing by 1 with the largest scale drops trailing zeros, so the JSON says 130 rather than 130.0000.
        private static decimal Normalized(decimal value) => value / 1.000000000000000000000000000000000m;

        public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
    }
}
