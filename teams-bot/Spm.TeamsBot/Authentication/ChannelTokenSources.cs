using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Spm.TeamsBot.Hosting;

namespace Spm.TeamsBot.Authentication;

/// <summary>The authorities the bot trusts: the Bot Framework always, the tenant's Entra ID too for a single-tenant bot.</summary>
internal sealed class ChannelTokenSources
{
    public const string BotFrameworkMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    public ChannelTokenSources(IOptions<BotOptions> options, IDocumentRetriever documents)
    {
        var bot = options.Value;
        var sources = new List<ChannelTokenSource>
        {
            new("Bot Framework", Manager(BotFrameworkMetadataUrl, documents), [BotFrameworkIssuer], RequiresEndorsement: true),
        };
        if (bot.IsSingleTenant && !string.IsNullOrWhiteSpace(bot.MicrosoftAppTenantId))
        {
            var tenant = bot.MicrosoftAppTenantId.Trim();
            sources.Add(new(
                $"Entra ID tenant {tenant}",
                Manager(TenantMetadataUrl(tenant), documents),
                [$"https://sts.windows.net/{tenant}/", $"https://login.microsoftonline.com/{tenant}/v2.0"],
                RequiresEndorsement: false));
        }

        All = sources;
    }

    public IReadOnlyList<ChannelTokenSource> All { get; }

    public static string TenantMetadataUrl(string tenant) =>
        $"https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration";

    // The manager caches the metadata, refreshes it on its own schedule and on an unknown key id (rollover).
    private static ConfigurationManager<OpenIdConnectConfiguration> Manager(string url, IDocumentRetriever documents) =>
        new(url, new OpenIdConnectConfigurationRetriever(), documents);
}
