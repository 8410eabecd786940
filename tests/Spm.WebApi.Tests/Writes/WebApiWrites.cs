using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Spm.WebApi.Tests.Fixture;

namespace Spm.WebApi.Tests.Writes;

/// <summary>What a write answered: status, headers and the body (parsed when it is JSON).</summary>
internal sealed record WriteAnswer(HttpStatusCode Status, string Text, HttpResponseMessage Response)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement.Clone();

    public string? Header(string name) =>
        Response.Headers.TryGetValues(name, out IEnumerable<string>? values) || Response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;

    /// <summary>The Dataverse error body: {"error":{"code","message"}}.</summary>
    public (string Code, string Message) Error =>
        (Json.GetProperty("error").GetProperty("code").GetString()!, Json.GetProperty("error").GetProperty("message").GetString()!);
}

/// <summary>Writes, actions and batches sent over HTTP as a signed-in user.</summary>
internal static class WebApiWrites
{
    public static async Task<WriteAnswer> SendAsync(
        this WebApiOrganization api, string user, HttpMethod method, string url, string? json, CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        HttpClient client = await api.SignedInAsync(user);
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response = await client.SendAsync(request, cancellationToken);
        return new WriteAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), response);
    }

    /// <summary>POST $batch with a multipart/mixed body (lines joined with CRLF, as the format wants).</summary>
    public static async Task<WriteAnswer> BatchAsync(
        this WebApiOrganization api, string user, string boundary, IEnumerable<string> lines, CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        HttpClient client = await api.SignedInAsync(user);
        using var request = new HttpRequestMessage(HttpMethod.Post, "$batch")
        {
            Content = new StringContent(string.Join("\r\n", lines), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={boundary}");
        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response = await client.SendAsync(request, cancellationToken);
        return new WriteAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), response);
    }
}
