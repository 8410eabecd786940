using Spm.TeamsBot.Messages;
using Spm.TeamsBot.Protocol;

namespace Spm.TeamsBot.Tests.Fixture;

/// <summary>Remembers every activity that reached the bot's handler.</summary>
internal sealed class RecordingActivityHandler : IActivityHandler
{
    public List<Activity> Handled { get; } = [];

    public Task HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        lock (Handled)
        {
            Handled.Add(activity);
        }

        return Task.CompletedTask;
    }
}
