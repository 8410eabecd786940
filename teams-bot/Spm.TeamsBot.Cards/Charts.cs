using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Spm.TeamsBot.Cards
{
    /// <summary>
    /// Teams-only chart elements (Teams' "Charts in Adaptive Cards"). They are outside the Adaptive Card 1.5 schema,
    /// so each one carries a schema-valid fallback that hosts without charts render instead.
    /// </summary>
    public static class Charts
    {
        public sealed record GaugeSegment(string Legend, decimal Size, string Color);

        public sealed record Bar(string Label, decimal Value);

        public static JsonObject Gauge(string title, decimal value, decimal min, decimal max, string subLabel, IReadOnlyList<GaugeSegment> segments, JsonObject fallback) => new JsonObject
        {
            ["type"] = "Chart.Gauge",
            ["title"] = title,
            ["showTitle"] = true,
            ["value"] = value,
            ["min"] = min,
            ["max"] = max,
            ["valueFormat"] = "Percentage",
            ["subLabel"] = subLabel,
            ["showMinMax"] = true,
            ["showLegend"] = true,
            ["segments"] = new JsonArray(segments.Select(s => (JsonNode)new JsonObject { ["legend"] = s.Legend, ["size"] = s.Size, ["color"] = s.Color }).ToArray()),
            ["fallback"] = fallback,
        };

        public static JsonObject HorizontalBar(string title, string xAxisTitle, string yAxisTitle, IReadOnlyList<Bar> bars, JsonObject fallback) => new JsonObject
        {
            ["type"] = "Chart.HorizontalBar",
            ["title"] = title,
            ["showTitle"] = true,
            ["xAxisTitle"] = xAxisTitle,
            ["yAxisTitle"] = yAxisTitle,
            ["displayMode"] = "AbsoluteWithAxis",
            ["colorSet"] = "categorical",
            ["data"] = new JsonArray(bars.Select(b => (JsonNode)new JsonObject { ["x"] = b.Label, ["y"] = b.Value }).ToArray()),
            ["fallback"] = fallback,
        };
    }
}
