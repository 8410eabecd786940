using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Spm.WebApi.Tests.Writes;

/// <summary>One response of a $batch answer: its status, headers, body, Content-ID, and whether it sits in a change set.</summary>
internal sealed record BatchPart(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Body, string? ContentId, bool InChangeSet)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>Reads a multipart/mixed batch answer into its responses, change sets flattened in order.</summary>
internal static class BatchAnswer
{
    public static IReadOnlyList<BatchPart> Parts(this WriteAnswer answer)
    {
        string contentType = answer.Response.Content.Headers.ContentType?.ToString() ?? string.Empty;
        var parts = new List<BatchPart>();
        Read(answer.Text, Boundary(contentType), inChangeSet: false, parts);
        return parts;
    }

    private static void Read(string text, string boundary, bool inChangeSet, List<BatchPart> parts)
    {
        foreach (string chunk in text.Split("--" + boundary).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            (Dictionary<string, string> headers, string rest) = Headers(chunk.TrimStart('\r', '\n'));
            string type = headers.GetValueOrDefault("Content-Type", string.Empty);
            if (type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                Read(rest, Boundary(type), inChangeSet: true, parts);
                continue;
            }

            string[] statusLine = rest.Substring(0, rest.IndexOf('\n', StringComparison.Ordinal)).Trim().Split(' ');
            (Dictionary<string, string> responseHeaders, string body) = Headers(rest.Substring(rest.IndexOf('\n', StringComparison.Ordinal) + 1));
            parts.Add(new BatchPart(
                (HttpStatusCode)int.Parse(statusLine[1], CultureInfo.InvariantCulture),
                responseHeaders,
                body.Trim(),
                headers.GetValueOrDefault("Content-ID"),
                inChangeSet));
        }
    }

    private static (Dictionary<string, string> Headers, string Remainder) Headers(string text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string[] lines = text.Split('\n');
        int i = 0;
        for (; i < lines.Length && lines[i].Trim().Length > 0; i++)
        {
            int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            headers[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
        }

        return (headers, string.Join('\n', lines.Skip(i + 1)));
    }

    private static string Boundary(string contentType) =>
        contentType.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase)).Substring("boundary=".Length).Trim('"');
}
