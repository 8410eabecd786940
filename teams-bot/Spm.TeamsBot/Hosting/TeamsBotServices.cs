using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Spm.TeamsBot.Authentication;
using Spm.TeamsBot.Messages;

namespace Spm.TeamsBot.Hosting;

/// <summary>The bot's services and endpoints, in one place so tests host exactly what production runs.</summary>
internal static partial class TeamsBotServices
{
    public const string MetadataClient = "bot-openid-metadata";

    public static IServiceCollection AddTeamsBot(this IServiceCollection services, IConfiguration configuration)
    {
        // After a key rollover the request carrying the new key id waits for the refreshed keys instead of failing once.
        AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);
        services.AddOptions<BotOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();
        services.AddOptions<MessagesOptions>().Bind(configuration.GetSection("Messages"))
            .Validate(o => o.MaxActivityBytes > 0, "Messages:MaxActivityBytes must be a positive number of bytes.")
            .ValidateOnStart();

        services.AddHttpClient(MetadataClient);
        // The metadata and keys come over HTTPS only; tests replace this retriever to stay offline.
        services.AddSingleton<IDocumentRetriever>(sp =>
            new HttpDocumentRetriever(sp.GetRequiredService<IHttpClientFactory>().CreateClient(MetadataClient)) { RequireHttps = true });
        services.AddSingleton<ChannelTokenSources>();
        services.AddSingleton<ChannelAuthenticator>();
        services.AddSingleton<IActivityHandler, LoggingActivityHandler>();
        services.AddSingleton<MessagesEndpoint>();
        services.AddHealthChecks();
        return services;
    }

    public static WebApplication MapTeamsBot(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<BotOptions>>().Value.IsLocalMode)
        {
            LogLocalMode(app.Logger);
        }

        app.MapPost("/api/messages", (HttpContext context, MessagesEndpoint endpoint) => endpoint.HandleAsync(context));
        app.MapHealthChecks("/healthz");
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No MicrosoftAppId: local mode, unauthenticated requests are accepted from loopback only")]
    private static partial void LogLocalMode(ILogger logger);
}
