using System.Collections.Generic;

namespace Spm.TeamsBot.Cards
{
    /// <summary>What the bot understands, shown by the help and welcome cards (and listed in the app manifest).</summary>
    public static class BotCommands
    {
        public static IReadOnlyList<KeyValuePair<string, string>> All { get; } = new[]
        {
            new KeyValuePair<string, string>("scorecard", "Your attainment, pace, projection, earnings and next tier"),
            new KeyValuePair<string, string>("scorecard @rep", "A rep's scorecard, for managers of that rep"),
            new KeyValuePair<string, string>("team", "Your team's scorecards, for managers"),
            new KeyValuePair<string, string>("leaderboard", "Your team ranked by attainment"),
            new KeyValuePair<string, string>("statement", "The explained lines of your current statement"),
            new KeyValuePair<string, string>("help", "This list"),
        };
    }
}
