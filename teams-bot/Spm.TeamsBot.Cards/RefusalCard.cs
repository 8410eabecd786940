using System.Text.Json.Nodes;

namespace Spm.TeamsBot.Cards
{
    /// <summary>A rep who asks for someone else's numbers: a polite no, with no number of anyone in it.</summary>
    public static class RefusalCard
    {
        public static JsonObject Build(string requestedName)
        {
            var who = string.IsNullOrWhiteSpace(requestedName) ? "another person" : requestedName.Trim();
            return CardSchema.Card(
                $"I can't show the numbers of {who}.",
                new JsonArray
                {
                    Elements.Heading("Only your own numbers"),
                    Elements.Text($"Sorry, I can't show the scorecard of {who}. Scorecards are visible to the rep and to the managers in their line."),
                    Elements.Text("Type **scorecard** to see yours.", subtle: true),
                });
        }
    }
}
