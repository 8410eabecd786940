using System.Text.Json;

namespace Spm.WebApi.Tests.Fixture;

/// <summary>Reading Web API answers in assertions.</summary>
internal static class Json
{
    /// <summary>The rows of a collection answer ("value").</summary>
    public static IReadOnlyList<JsonElement> Rows(JsonElement body) => body.GetProperty("value").EnumerateArray().ToList();

    /// <summary>One string column of every row, in order.</summary>
    public static IReadOnlyList<string> Column(JsonElement body, string property) =>
        Rows(body).Select(r => r.GetProperty(property).GetString()!).ToList();

    /// <summary>The property names of a row, in the order written.</summary>
    public static IReadOnlyList<string> PropertyNames(JsonElement row) => row.EnumerateObject().Select(p => p.Name).ToList();

    public static string? Text(JsonElement row, string property) =>
        row.TryGetProperty(property, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    /// <summary>The error body's code and message.</summary>
    public static (string Code, string Message) Error(JsonElement body) =>
        (body.GetProperty("error").GetProperty("code").GetString()!, body.GetProperty("error").GetProperty("message").GetString()!);
}
