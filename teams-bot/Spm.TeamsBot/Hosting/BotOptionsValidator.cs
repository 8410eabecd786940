using Microsoft.Extensions.Options;

namespace Spm.TeamsBot.Hosting;

/// <summary>Refuses to start with an identity the Bot Framework would not accept, naming the setting to fix.</summary>
internal sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        var failures = new List<string>();
        var type = BotAppTypes.All.FirstOrDefault(t => string.Equals(t, options.MicrosoftAppType, StringComparison.OrdinalIgnoreCase));
        if (type is null)
        {
            failures.Add($"MicrosoftAppType '{options.MicrosoftAppType}' is not one of {string.Join(", ", BotAppTypes.All)}.");
            return ValidateOptionsResult.Fail(failures);
        }

        var hasAppId = !string.IsNullOrWhiteSpace(options.MicrosoftAppId);
        var hasPassword = !string.IsNullOrWhiteSpace(options.MicrosoftAppPassword);
        var hasTenant = !string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId);

        if (!hasAppId && type != BotAppTypes.MultiTenant)
        {
            failures.Add($"MicrosoftAppId is required when MicrosoftAppType is {type}.");
        }

        // A secret without an app id would silently run the bot in local mode.
        if (!hasAppId && hasPassword)
        {
            failures.Add("MicrosoftAppId is required when MicrosoftAppPassword is set (without an app id the bot runs in local mode).");
        }

        if (hasAppId && !hasPassword && type != BotAppTypes.UserAssignedMsi)
        {
            failures.Add($"MicrosoftAppPassword is required when MicrosoftAppType is {type} and MicrosoftAppId is set.");
        }

        if (hasPassword && type == BotAppTypes.UserAssignedMsi)
        {
            failures.Add("MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI (the managed identity has no secret).");
        }

        if (!hasTenant && type != BotAppTypes.MultiTenant)
        {
            failures.Add($"MicrosoftAppTenantId is required when MicrosoftAppType is {type}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
