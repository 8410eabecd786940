using Microsoft.IdentityModel.JsonWebTokens;

namespace Spm.TeamsBot.Authentication;

/// <summary>A bearer token whose signature, issuer, audience and lifetime checked out, or why it did not.</summary>
internal sealed record ChannelToken(JsonWebToken? Token, ChannelTokenSource? Source, IReadOnlyList<string> Endorsements, string? Rejection)
{
    public bool IsValid => Rejection is null;

    public static ChannelToken Accepted(JsonWebToken token, ChannelTokenSource source, IReadOnlyList<string> endorsements) =>
        new(token, source, endorsements, null);

    public static ChannelToken Rejected(string reason) => new(null, null, [], reason);
}
