namespace Spm.TeamsBot.Hosting;

/// <summary>The values of MicrosoftAppType the Bot Framework defines.</summary>
internal static class BotAppTypes
{
    public const string MultiTenant = "MultiTenant";
    public const string SingleTenant = "SingleTenant";
    public const string UserAssignedMsi = "UserAssignedMSI";

    public static readonly IReadOnlyList<string> All = [MultiTenant, SingleTenant, UserAssignedMsi];
}
