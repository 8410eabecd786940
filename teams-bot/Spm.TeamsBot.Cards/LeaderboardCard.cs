using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Spm.Domain.Scorecards;

namespace Spm.TeamsBot.Cards
{
    /// <summary>
    /// A team ranked by attainment, in the domain's rank order, as a bar chart with a table for hosts without charts.
    /// It shows rank, name and attainment only: a teammate's earnings are not the team's to see.
    /// </summary>
    public static class LeaderboardCard
    {
        public static JsonObject Build(string team, string periodName, IReadOnlyList<Scorecard> scorecards)
        {
            if (scorecards == null || scorecards.Count == 0)
            {
                throw new ArgumentException($"A leaderboard needs at least one scorecard for team '{team}'.", nameof(scorecards));
            }

            var ranked = scorecards.OrderBy(s => s.Rank).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
            var table = Elements.Container(ranked.Select(s => Elements.Row(
                (Elements.Text($"{s.Rank}.", weight: "Bolder"), "40px"),
                (Elements.Text(s.Name), "stretch"),
                (Elements.Text(ScorecardCard.AttainmentText(s.Attainment.Attainment)), "auto"))));
            var bars = ranked.Where(s => s.Attainment.Attainment.HasValue)
                .Select(s => new Charts.Bar(s.Name, CardText.PercentPoints(s.Attainment.Attainment!.Value)))
                .ToList();

            var body = new JsonArray
            {
                Elements.Heading($"Leaderboard · {team}"),
                Elements.Text(periodName, subtle: true),
                bars.Count == 0 ? table : Charts.HorizontalBar("Attainment", "Rep", "Attainment (%)", bars, table),
            };
            var leader = ranked[0];
            return CardSchema.Card($"Leaderboard {team}, {periodName}: {leader.Name} leads with {ScorecardCard.AttainmentText(leader.Attainment.Attainment)}", body);
        }
    }
}
