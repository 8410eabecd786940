using System.Globalization;

namespace Spm.TeamsBot.Cards
{
    /// <summary>Display formats for the domain's fractions and counts; the values themselves come from the domain.</summary>
    public static class CardText
    {
        /// <summary>A fraction as a percentage: 1.1253 → "112.53%".</summary>
        public static string Percent(decimal fraction) => (fraction * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

        public static string Percent(decimal? fraction) => fraction.HasValue ? Percent(fraction.Value) : "n/a";

        /// <summary>The number a chart plots for a fraction, in percent with two decimals: 1.1253 → 112.53.</summary>
        public static decimal PercentPoints(decimal fraction) => decimal.Round(fraction * 100m, 2, System.MidpointRounding.AwayFromZero);

        public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
    }
}
