using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Spm.TeamsBot.Authentication;
using Spm.TeamsBot.Messages;

namespace Spm.TeamsBot.Tests.Fixture;

/// <summary>The bot on a TestServer with the given settings, its metadata served from memory and its handler recorded.</summary>
internal sealed class BotHost : IDisposable
{
    /// <summary>A Teams-like remote address: not loopback.</summary>
    public static readonly IPAddress ChannelAddress = IPAddress.Parse("52.112.0.10");

    private readonly WebApplicationFactory<Program> factory;

    public BotHost(IReadOnlyDictionary<string, string> settings, InMemoryDocuments? documents = null)
    {
        Documents = documents ?? new InMemoryDocuments();
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IDocumentRetriever>(Documents);
                services.AddSingleton<IActivityHandler>(Handler);
                services.AddSingleton<ILoggerProvider>(Logs);
            });
        });
    }

    public InMemoryDocuments Documents { get; }

    public RecordingActivityHandler Handler { get; } = new();

    public RecordingLoggerProvider Logs { get; } = new();

    public TestServer Server => factory.Server;

    /// <summary>Starts the host (and so the options validation) without sending anything.</summary>
    public void Start() => _ = factory.Server;

    public async Task<BotResponse> PostActivityAsync(string body, string? bearer = null, IPAddress? from = null)
    {
        var context = await Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = from ?? ChannelAddress;
            c.Request.Method = HttpMethods.Post;
            c.Request.Path = "/api/messages";
            c.Request.ContentType = "application/json";
            if (bearer is not null)
            {
                c.Request.Headers.Authorization = $"Bearer {bearer}";
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            c.Request.ContentLength = bytes.Length;
            c.Request.Body = new MemoryStream(bytes);
        });
        using var reader = new StreamReader(context.Response.Body);
        return new BotResponse(context.Response.StatusCode, await reader.ReadToEndAsync(), context.Response.Headers.WWWAuthenticate.ToString());
    }

    public async Task<BotResponse> GetAsync(string path)
    {
        var context = await Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = ChannelAddress;
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = path;
        });
        using var reader = new StreamReader(context.Response.Body);
        return new BotResponse(context.Response.StatusCode, await reader.ReadToEndAsync(), string.Empty);
    }

    /// <summary>The Bot Framework's metadata and key set, served where the bot looks for them.</summary>
    public BotHost ServingBotFrameworkKeys(ChannelKeys keys)
    {
        Documents.Serve(ChannelTokenSources.BotFrameworkMetadataUrl, ChannelKeys.Metadata(ChannelTokenSources.BotFrameworkIssuer, ChannelKeys.BotFrameworkKeysUrl));
        Documents.Serve(ChannelKeys.BotFrameworkKeysUrl, keys.KeySet());
        return this;
    }

    public string RejectionsLogged() =>
        string.Join(" | ", Logs.Entries.Where(e => e.Message.StartsWith("Rejected", StringComparison.Ordinal)).Select(e => e.Message));

    public void Dispose() => factory.Dispose();
}

internal sealed record BotResponse(int Status, string Body, string WwwAuthenticate);
