using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spm.TeamsBot.Cards
{
    /// <summary>The one place the Adaptive Card schema version is pinned: Teams renders cards up to 1.5.</summary>
    public static class CardSchema
    {
        public const string Version = "1.5";

        public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

        /// <summary>The MIME type a Bot Framework attachment carries for an Adaptive Card.</summary>
        public const string ContentType = "application/vnd.microsoft.card.adaptive";

        private static readonly JsonSerializerOptions Compact = new JsonSerializerOptions { WriteIndented = false };

        public static JsonObject Card(string fallbackText, JsonArray body, JsonArray? actions = null)
        {
            var card = new JsonObject
            {
                ["$schema"] = SchemaUrl,
                ["type"] = "AdaptiveCard",
                ["version"] = Version,
                ["fallbackText"] = fallbackText,
                ["body"] = body,
            };
            if (actions != null && actions.Count > 0)
            {
                card["actions"] = actions;
            }

            return card;
        }

        /// <summary>The card as sent on the wire, without indentation, which is what the 28 KB budget counts.</summary>
        public static string Serialize(JsonObject card) => card.ToJsonString(Compact);
    }
}
