namespace Spm.TeamsBot.Hosting;

/// <summary>Limits of the messaging endpoint (section "Messages").</summary>
internal sealed class MessagesOptions
{
    /// <summary>Largest activity body accepted; Teams messages are capped near 28 KB, so 256 KiB leaves room for attachments' metadata.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;
}
