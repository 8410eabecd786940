namespace Spm.TeamsBot.Hosting;

/// <summary>The bot's identity under the Bot Framework's usual configuration keys (read from the configuration root).</summary>
internal sealed class BotOptions
{
    public string MicrosoftAppType { get; set; } = BotAppTypes.MultiTenant;

    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>No app id configured: the bot runs for a local client (the Agents Playground) and accepts loopback only.</summary>
    public bool IsLocalMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool IsSingleTenant => string.Equals(MicrosoftAppType, BotAppTypes.SingleTenant, StringComparison.OrdinalIgnoreCase);
}
