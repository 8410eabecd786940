namespace Spm.TeamsBot.Protocol;

/// <summary>The activity types the bot handles.</summary>
internal static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";

    public static bool IsHandled(string type) =>
        type is Message or ConversationUpdate or InstallationUpdate;
}
