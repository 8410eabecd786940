using System.Text.Json.Nodes;

namespace Spm.TeamsBot.Cards
{
    /// <summary>The commands the bot understands.</summary>
    public static class HelpCard
    {
        public static JsonObject Build() => CardSchema.Card(
            "Commands: " + string.Join(", ", System.Linq.Enumerable.Select(BotCommands.All, c => c.Key)),
            new JsonArray
            {
                Elements.Heading("What I can do"),
                Elements.Facts(BotCommands.All),
                Elements.Text("You see your own numbers; managers also see the reps in their line.", size: "Small", subtle: true),
            });
    }
}
