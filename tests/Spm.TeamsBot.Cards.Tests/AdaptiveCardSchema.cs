using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Spm.TeamsBot.Cards.Tests;

/// <summary>Microsoft's Adaptive Card 1.5 schema (draft-06) from shared/reference, evaluated with the draft-06 dialect.</summary>
internal static class AdaptiveCardSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(ReferencePath("adaptive-card.schema.json")), new BuildOptions { Dialect = Dialect.Draft06 }));

    /// <summary>The schema errors of a card, as "instance location: message" lines; empty when the card is valid.</summary>
    public static IReadOnlyList<string> Errors(JsonNode card)
    {
        using var document = JsonDocument.Parse(card.ToJsonString());
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        return (results.Details ?? [])
            .Where(d => d.Errors != null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))
            .DefaultIfEmpty("invalid, without details")
            .ToList();
    }

    /// <summary>Walks up from the test output folder to the repository's sibling (or inner) shared/reference.</summary>
    public static string ReferencePath(string file)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "reference", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"shared/reference/{file} not found above {AppContext.BaseDirectory}");
    }
}
