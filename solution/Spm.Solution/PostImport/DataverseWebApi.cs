using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spm.Solution.PostImport;

/// <summary>
/// The few Dataverse Web API (OData v4, /api/data/v9.2/) calls register-steps makes, with a bearer token. A refused call
/// throws <see cref="WebApiException"/> carrying the OData error's message, which names the column or record at fault.
/// </summary>
public sealed class DataverseWebApi : IDisposable
{
    private readonly HttpClient _http;

    public DataverseWebApi(Uri organization, string accessToken, HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ServiceRoot = new Uri(organization.GetLeftPart(UriPartial.Authority) + "/api/data/v9.2/");
        _http = new HttpClient(handler) { BaseAddress = ServiceRoot };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.Add("OData-MaxVersion", "4.0");
        _http.DefaultRequestHeaders.Add("OData-Version", "4.0");
    }

    public Uri ServiceRoot { get; }

    /// <summary>GET {entitySet}?$select=…&amp;$filter=…: the rows of the <c>value</c> array.</summary>
    public async Task<IReadOnlyList<JsonObject>> Query(string entitySet, string select, string filter, CancellationToken cancel)
    {
        var path = $"{entitySet}?$select={select}&$filter={Uri.EscapeDataString(filter)}";
        using var response = await Send(HttpMethod.Get, path, null, cancel);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancel)) as JsonObject;
        return (body?["value"] as JsonArray)?.OfType<JsonObject>().ToList()
            ?? throw new WebApiException($"GET {path}: the answer has no 'value' array.", response.StatusCode);
    }

    /// <summary>GET {entitySet}({id})?$select=…, or null when the row does not exist (404).</summary>
    public async Task<JsonObject?> Retrieve(string entitySet, Guid id, string select, CancellationToken cancel)
    {
        using var response = await Send(HttpMethod.Get, $"{entitySet}({id:D})?$select={select}", null, cancel, HttpStatusCode.NotFound);
        return response.StatusCode == HttpStatusCode.NotFound ? null : JsonNode.Parse(await response.Content.ReadAsStringAsync(cancel)) as JsonObject;
    }

    /// <summary>POST {entitySet}: the row, its primary key included, so the record gets the id the solution fixed.</summary>
    public async Task Create(string entitySet, JsonObject row, CancellationToken cancel)
    {
        using var response = await Send(HttpMethod.Post, entitySet, row, cancel);
    }

    /// <summary>PATCH {entitySet}({id}) with If-Match: * so a row deleted meanwhile is not re-created by an upsert.</summary>
    public async Task Update(string entitySet, Guid id, JsonObject changes, CancellationToken cancel)
    {
        using var response = await Send(HttpMethod.Patch, $"{entitySet}({id:D})", changes, cancel, ifMatchAny: true);
    }

    /// <summary>DELETE {entitySet}({id}); false when there was no such row (404).</summary>
    public async Task<bool> Delete(string entitySet, Guid id, CancellationToken cancel)
    {
        using var response = await Send(HttpMethod.Delete, $"{entitySet}({id:D})", null, cancel, HttpStatusCode.NotFound);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, JsonObject? body, CancellationToken cancel, HttpStatusCode? tolerated = null, bool ifMatchAny = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body != null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (ifMatchAny)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancel);
        }
        catch (HttpRequestException error)
        {
            throw new WebApiException($"{method} {ServiceRoot}{Uri.UnescapeDataString(path)}: {error.Message}", null, error);
        }

        if (response.IsSuccessStatusCode || response.StatusCode == tolerated)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancel);
            throw new WebApiException($"{method} {Uri.UnescapeDataString(path)}: {(int)response.StatusCode} {response.ReasonPhrase}: {ErrorMessage(text)}", response.StatusCode);
        }
    }

    /// <summary>The message of an OData error body ({"error":{"code","message"}}), or the body itself.</summary>
    private static string ErrorMessage(string body)
    {
        try
        {
            if (JsonNode.Parse(body)?["error"]?["message"]?.GetValue<string>() is { Length: > 0 } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length == 0 ? "(no body)" : body;
    }
}

/// <summary>A Web API call that failed: the method, path, status and the platform's own message.</summary>
public sealed class WebApiException(string message, HttpStatusCode? status, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
}
