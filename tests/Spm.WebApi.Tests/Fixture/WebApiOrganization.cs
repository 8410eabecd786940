using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Xrm.Sdk;
using Spm.Plugins.Tests;
using Spm.WebApi;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.WebApi.Tests.Fixture;

/// <summary>
/// The plug-in tests' organization (<see cref="SpmOrganization"/>: FY2026 quarters, USD and EUR, the West and East
/// teams, the SPM roles, plan AE-2026) with sign-in names for its users, a quarter of deals, and the Web API host
/// serving it on 127.0.0.1 (a free port). One per test class.
/// </summary>
internal sealed class WebApiOrganization : IAsyncDisposable
{
    public const string Admin = "admin@spm.local";
    public const string Dana = "dana@spm.local";
    public const string Marco = "marco@spm.local";
    public const string Ava = "ava@spm.local";
    public const string Ben = "ben@spm.local";
    public const string Noah = "noah@spm.local";

    /// <summary>Ava signs in with a directory account: her token's oid is this, not her systemuserid.</summary>
    public static readonly Guid AvaObjectId = new("e0000000-0000-0000-0000-0000000000a1");

    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    private WebApiOrganization(SpmOrganization org, WebApiHost host)
    {
        Org = org;
        Host = host;
        Anonymous = new HttpClient { BaseAddress = host.ApiUrl };
    }

    public SpmOrganization Org { get; }

    public WebApiHost Host { get; }

    /// <summary>A client that sends no token.</summary>
    public HttpClient Anonymous { get; }

    public Dictionary<string, Guid> Deals { get; } = new(StringComparer.Ordinal);

    public static async Task<WebApiOrganization> StartAsync(Action<WebApiOrganization>? seed = null)
    {
        var org = SpmOrganization.Create(new DateTime(2026, 1, 5));
        (Guid Id, string Name)[] users =
        [
            (SpmOrganization.Admin, Admin), (SpmOrganization.Dana, Dana), (SpmOrganization.Marco, Marco),
            (SpmOrganization.Ava, Ava), (SpmOrganization.Ben, Ben), (SpmOrganization.Noah, Noah),
        ];
        foreach ((Guid id, string name) in users)
        {
            var user = new Entity(S.SystemUser.Table, id) { ["domainname"] = name };
            if (id == SpmOrganization.Ava)
            {
                user["azureactivedirectoryobjectid"] = AvaObjectId;
            }

            org.Raw.Update(user);
        }

        WebApiHost host = await WebApiHost.StartAsync(org.Pipeline, org.Store.Metadata);
        var api = new WebApiOrganization(org, host);
        seed?.Invoke(api);
        return api;
    }

    /// <summary>Seven open deals of the quarter and two won ones (Ava's Contoso renewal, Ben's Fabrikam expansion), in EUR where said.</summary>
    public void SeedQuarter()
    {
        Deal("Contoso renewal", SpmOrganization.Ava, 120_000m, new DateTime(2026, 2, 27), 80);
        Deal("Fabrikam expansion", SpmOrganization.Ben, 85_000m, new DateTime(2026, 3, 13), 60);
        Deal("Northwind pilot", SpmOrganization.Ava, 15_000m, new DateTime(2026, 3, 31), 20);
        Deal("Adventure Works upgrade", SpmOrganization.Noah, 240_000m, new DateTime(2026, 3, 20), 50, SpmOrganization.Eur);
        Deal("Litware platform", SpmOrganization.Ben, 60_000m, new DateTime(2026, 2, 16), 40);
        Deal("Tailspin support", SpmOrganization.Noah, 9_500m, new DateTime(2026, 3, 6), 90);
        Deal("Wingtip analytics", SpmOrganization.Ava, 47_250.5m, new DateTime(2026, 3, 24), 30);
        Org.Win(Deals["Contoso renewal"], 120_000m, new DateTime(2026, 2, 27));
        Org.Win(Deals["Fabrikam expansion"], 90_000m, new DateTime(2026, 3, 13));
    }

    private void Deal(string name, Guid owner, decimal value, DateTime close, int probability, Guid? currency = null) =>
        Deals[name] = Org.CreateOpportunity(name, owner, value, close, currency, probability);

    /// <summary>A client signed in as the user with that domain name (a token from POST /token).</summary>
    public async Task<HttpClient> SignedInAsync(string domainName)
    {
        if (_clients.TryGetValue(domainName, out HttpClient? existing))
        {
            return existing;
        }

        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("username", domainName)]);
        using HttpResponseMessage response = await Anonymous.PostAsync(Host.TokenUrl, form);
        response.EnsureSuccessStatusCode();
        using JsonDocument token = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var client = new HttpClient { BaseAddress = Host.ApiUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
        client.DefaultRequestHeaders.Add("OData-MaxVersion", "4.0");
        client.DefaultRequestHeaders.Add("OData-Version", "4.0");
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _clients[domainName] = client;
        return client;
    }

    /// <summary>GET as a user; the status and the parsed body (null when empty).</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(string user, string relativeUrl, params (string Name, string Value)[] headers)
    {
        HttpClient client = await SignedInAsync(user);
        using var request = new HttpRequestMessage(HttpMethod.Get, relativeUrl);
        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        JsonElement body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (HttpClient client in _clients.Values)
        {
            client.Dispose();
        }

        Anonymous.Dispose();
        await Host.DisposeAsync();
    }
}
