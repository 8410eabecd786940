namespace Spm.TeamsBot.Protocol;

/// <summary>The fields of an inbound Bot Framework activity the bot reads; everything else in the JSON is ignored.</summary>
internal sealed record Activity(
    string Type,
    string? Id,
    string ConversationId,
    ChannelAccount? From,
    ChannelAccount? Recipient,
    string ServiceUrl,
    string ChannelId,
    string? Text);

/// <summary>A user or bot on the channel: its channel id, name and (in Teams) its Entra object id.</summary>
internal sealed record ChannelAccount(string? Id, string? Name, string? AadObjectId);
