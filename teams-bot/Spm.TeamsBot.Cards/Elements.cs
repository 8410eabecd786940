using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Spm.TeamsBot.Cards
{
    /// <summary>Typed builders for the standard Adaptive Card 1.5 elements the cards use.</summary>
    public static class Elements
    {
        public static JsonObject Heading(string text) => Text(text, size: "Large", weight: "Bolder");

        public static JsonObject Text(string text, string? size = null, string? weight = null, bool subtle = false, string? color = null, bool separator = false)
        {
            var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
            if (size != null)
            {
                block["size"] = size;
            }

            if (weight != null)
            {
                block["weight"] = weight;
            }

            if (subtle)
            {
                block["isSubtle"] = true;
            }

            if (color != null)
            {
                block["color"] = color;
            }

            if (separator)
            {
                block["separator"] = true;
            }

            return block;
        }

        public static JsonObject Facts(IEnumerable<KeyValuePair<string, string>> facts) => new JsonObject
        {
            ["type"] = "FactSet",
            ["facts"] = new JsonArray(facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Key, ["value"] = f.Value }).ToArray()),
        };

        /// <summary>A row of columns; a width of null lets the column stretch.</summary>
        public static JsonObject Row(params (JsonObject Item, string Width)[] columns) => new JsonObject
        {
            ["type"] = "ColumnSet",
            ["columns"] = new JsonArray(columns.Select(c => (JsonNode)new JsonObject
            {
                ["type"] = "Column",
                ["width"] = c.Width,
                ["items"] = new JsonArray(c.Item),
            }).ToArray()),
        };

        public static JsonObject Container(IEnumerable<JsonObject> items) => new JsonObject
        {
            ["type"] = "Container",
            ["items"] = new JsonArray(items.Cast<JsonNode>().ToArray()),
        };

        public static JsonObject OpenUrl(string title, Uri url) => new JsonObject
        {
            ["type"] = "Action.OpenUrl",
            ["title"] = title,
            ["url"] = url.AbsoluteUri,
        };
    }
}
