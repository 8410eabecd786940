using Spm.TeamsBot.Protocol;

namespace Spm.TeamsBot.Messages;

/// <summary>What the bot does with an authenticated activity it handles.</summary>
internal interface IActivityHandler
{
    Task HandleAsync(Activity activity, CancellationToken cancellationToken);
}
