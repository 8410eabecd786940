using Spm.TeamsBot.Protocol;

namespace Spm.TeamsBot.Messages;

/// <summary>For now the bot only records what it received; cards and replies come with the connector client.</summary>
internal sealed partial class LoggingActivityHandler(ILogger<LoggingActivityHandler> logger) : IActivityHandler
{
    public Task HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        LogReceived(logger, activity.Type, activity.ChannelId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Received {ActivityType} on {ChannelId}")]
    private static partial void LogReceived(ILogger logger, string activityType, string channelId);
}
