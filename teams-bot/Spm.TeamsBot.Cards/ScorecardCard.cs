using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Spm.Domain.Money;
using Spm.Domain.Quotas;
using Spm.Domain.Scorecards;

namespace Spm.TeamsBot.Cards
{
    /// <summary>
    /// The scorecard of one participant for one period: attainment as a gauge, pace, projection, earnings, the distance
    /// to the next tier and the KPIs, with a link to the statement in the CRM. Every number is read from the domain's
    /// <see cref="Scorecard"/>; the card only formats it.
    /// </summary>
    public static class ScorecardCard
    {
        /// <summary>Credit and pipeline are in the base currency; earnings in the plan's currency (Scorecard.CurrencyCode).</summary>
        public static JsonObject Build(Scorecard scorecard, CurrencyTable currencies, Uri statementUrl)
        {
            if (scorecard == null)
            {
                throw new ArgumentNullException(nameof(scorecard));
            }

            if (currencies == null)
            {
                throw new ArgumentNullException(nameof(currencies));
            }

            if (statementUrl == null || !statementUrl.IsAbsoluteUri)
            {
                throw new ArgumentException($"statementUrl must be an absolute URL to the statement in the CRM (got '{statementUrl}').", nameof(statementUrl));
            }

            var baseCurrency = currencies.Base;
            var payCurrency = currencies.Get(scorecard.CurrencyCode);
            var attainment = scorecard.Attainment;

            var body = new JsonArray
            {
                Elements.Heading($"{scorecard.Name} · {scorecard.PeriodName}"),
                Elements.Text($"{scorecard.Team} · rank {scorecard.Rank} of {scorecard.TeamSize}", subtle: true),
                AttainmentElement(scorecard, baseCurrency),
                Elements.Facts(Facts(scorecard, baseCurrency, payCurrency)),
                Elements.Text(NextTierText(scorecard), weight: "Bolder", color: "Accent", separator: true),
                Elements.Text("KPIs", weight: "Bolder", separator: true),
                Elements.Facts(KpiFacts(scorecard.Kpis, baseCurrency)),
                Elements.Text(string.Join(" · ", scorecard.QuotaExplanation), size: "Small", subtle: true),
            };

            var actions = new JsonArray { Elements.OpenUrl("Open statement in the CRM", statementUrl) };
            return CardSchema.Card($"{scorecard.Name}: {AttainmentText(attainment.Attainment)} attainment, {EarnedText(scorecard, payCurrency)}", body, actions);
        }

        public static string AttainmentText(decimal? attainment) => attainment.HasValue ? CardText.Percent(attainment.Value) : "no quota";

        public static string EarnedText(Scorecard scorecard, Currency payCurrency) => $"{payCurrency.Format(scorecard.EarningsThisPeriod)} earned";

        public static string NextTierText(Scorecard scorecard) =>
            scorecard.NextTier?.Text ?? (scorecard.Attainment.Quota.HasValue ? "You are in the best tier of your plan." : "No quota is assigned for this period.");

        private static JsonObject AttainmentElement(Scorecard scorecard, Currency baseCurrency)
        {
            var attainment = scorecard.Attainment;
            var credited = Amount(attainment.Measure, attainment.Credited, baseCurrency);
            var subLabel = attainment.Quota.HasValue ? $"{credited} of {Amount(attainment.Measure, attainment.Quota.Value, baseCurrency)}" : $"{credited} credited";
            var fallback = Elements.Row(
                (Elements.Text("Attainment", weight: "Bolder"), "auto"),
                (Elements.Text(AttainmentText(attainment.Attainment), size: "ExtraLarge", weight: "Bolder", color: scorecard.Pace.OnPace ? "Good" : "Warning"), "auto"),
                (Elements.Text(subLabel, subtle: true), "stretch"));
            if (!attainment.Attainment.HasValue)
            {
                return fallback;
            }

            // The dial runs to 150% (or further for a rep beyond it) so over-attainment stays visible.
            var value = CardText.PercentPoints(attainment.Attainment.Value);
            var max = Math.Max(150m, Math.Ceiling(value / 50m) * 50m);
            var segments = new[]
            {
                new Charts.GaugeSegment("Below quota", 100m, "attention"),
                new Charts.GaugeSegment("Above quota", max - 100m, "good"),
            };
            return Charts.Gauge("Attainment", value, 0m, max, subLabel, segments, fallback);
        }

        private static IEnumerable<KeyValuePair<string, string>> Facts(Scorecard scorecard, Currency baseCurrency, Currency payCurrency)
        {
            var pace = scorecard.Pace;
            var paceText = !pace.Attainment.HasValue
                ? "n/a"
                : $"{(pace.OnPace ? "On pace" : "Behind pace")}: {CardText.Percent(pace.Attainment.Value)} against {CardText.Percent(pace.ExpectedAttainment)} expected today";
            yield return Fact("Pace", paceText);

            var projection = scorecard.Projection;
            var projected = Amount(scorecard.Attainment.Measure, projection.ProjectedCredit, baseCurrency);
            yield return Fact("Projection", projection.ProjectedAttainment.HasValue ? $"{CardText.Percent(projection.ProjectedAttainment.Value)} ({projected}) by period end" : $"{projected} by period end");
            yield return Fact("Earnings", EarnedText(scorecard, payCurrency));
            yield return Fact("Year to date", $"{payCurrency.Format(scorecard.EarningsYearToDate)} earned");
        }

        private static IEnumerable<KeyValuePair<string, string>> KpiFacts(Kpis kpis, Currency baseCurrency)
        {
            yield return Fact("Won / lost", $"{kpis.Won} / {kpis.Lost}");
            yield return Fact("Win rate", CardText.Percent(kpis.WinRate));
            yield return Fact("Average deal", kpis.AverageDealSize.HasValue ? baseCurrency.Format(kpis.AverageDealSize.Value) : "n/a");
            yield return Fact("Sales cycle", kpis.AverageCycleDays.HasValue ? $"{CardText.Number(decimal.Round(kpis.AverageCycleDays.Value, 1))} days" : "n/a");
            yield return Fact("Open pipeline", $"{baseCurrency.Format(kpis.OpenPipeline)} in {kpis.OpenDeals} deals");
            yield return Fact("Pipeline velocity", kpis.PipelineVelocityPerDay.HasValue ? $"{baseCurrency.Format(kpis.PipelineVelocityPerDay.Value)} per day" : "n/a");
        }

        private static string Amount(Measure measure, decimal amount, Currency baseCurrency) =>
            measure == Measure.Revenue || measure == Measure.Margin ? baseCurrency.Format(amount) : CardText.Number(amount);

        private static KeyValuePair<string, string> Fact(string title, string value) => new KeyValuePair<string, string>(title, value);
    }
}
