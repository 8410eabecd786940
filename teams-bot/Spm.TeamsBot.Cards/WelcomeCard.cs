using System.Text.Json.Nodes;

namespace Spm.TeamsBot.Cards
{
    /// <summary>Sent once when the app is installed for a user or a team.</summary>
    public static class WelcomeCard
    {
        public static JsonObject Build(string? userName)
        {
            var greeting = string.IsNullOrWhiteSpace(userName) ? "Welcome to Sales Performance" : $"Welcome to Sales Performance, {userName!.Trim()}";
            return CardSchema.Card(
                greeting,
                new JsonArray
                {
                    Elements.Heading(greeting),
                    Elements.Text("I show your attainment, earnings and the distance to your next tier, straight from the CRM. Try one of these:"),
                    Elements.Facts(BotCommands.All),
                });
        }
    }
}
