using System.Text.Json.Nodes;

namespace Spm.TeamsBot.Cards.Tests;

/// <summary>What a host without Teams charts renders: every element whose type starts with "Chart." replaced by its fallback.</summary>
internal static class ChartFallback
{
    public static JsonNode Apply(JsonNode card) => Replace(card.DeepClone())!;

    public static IEnumerable<JsonObject> ChartsIn(JsonNode? node) => node switch
    {
        JsonObject o when IsChart(o) => [o],
        JsonObject o => o.SelectMany(p => ChartsIn(p.Value)),
        JsonArray a => a.SelectMany(ChartsIn),
        _ => [],
    };

    private static JsonNode? Replace(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o when IsChart(o):
                var fallback = o["fallback"] ?? throw new InvalidOperationException($"{o["type"]} at {o.GetPath()} has no fallback");
                return Replace(fallback.DeepClone());
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                {
                    o[name] = Replace(o[name]?.DeepClone());
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    a[i] = Replace(a[i]?.DeepClone());
                }

                return a;
            default:
                return node;
        }
    }

    private static bool IsChart(JsonObject o) =>
        o["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name.StartsWith("Chart.", StringComparison.Ordinal);
}
