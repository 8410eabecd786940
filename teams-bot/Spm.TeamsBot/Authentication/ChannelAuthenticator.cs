using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Spm.TeamsBot.Hosting;
using Spm.TeamsBot.Protocol;

namespace Spm.TeamsBot.Authentication;

/// <summary>Checks the channel's bearer token as the Bot Connector documents: RS256 from a trusted authority, audience the app id, endorsed for the channel, bound to the activity's serviceUrl.</summary>
internal sealed class ChannelAuthenticator(IOptions<BotOptions> options, ChannelTokenSources sources)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private const string BearerPrefix = "Bearer ";
    private readonly JsonWebTokenHandler handler = new();

    public async Task<ChannelToken> AuthenticateAsync(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization) || !authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ChannelToken.Rejected("no bearer token in the Authorization header");
        }

        var raw = authorization[BearerPrefix.Length..].Trim();
        if (!handler.CanReadToken(raw))
        {
            return ChannelToken.Rejected("the bearer token is not a JWT");
        }

        JsonWebToken unverified;
        try
        {
            unverified = handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException e)
        {
            return ChannelToken.Rejected($"the bearer token cannot be read: {e.Message}");
        }

        // Checked before any key is tried: an HS256 token must never meet a key that could verify it, "none" is unsigned.
        if (!string.Equals(unverified.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            return ChannelToken.Rejected($"algorithm '{unverified.Alg}' is not RS256");
        }

        // The unverified issuer only picks whose keys to try; the validation below checks it again.
        var source = sources.All.FirstOrDefault(s => s.Issuers.Contains(unverified.Issuer, StringComparer.Ordinal));
        if (source is null)
        {
            return ChannelToken.Rejected($"issuer '{unverified.Issuer}' is not trusted");
        }

        var parameters = new TokenValidationParameters
        {
            ConfigurationManager = source.Metadata,
            ValidIssuers = source.Issuers,
            ValidAudience = options.Value.MicrosoftAppId,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
        };
        var result = await handler.ValidateTokenAsync(raw, parameters).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // An unknown key id may be a key the authority rolled in since the metadata was read: refresh once and retry.
            source.Metadata.RequestRefresh();
            result = await handler.ValidateTokenAsync(raw, parameters).ConfigureAwait(false);
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return ChannelToken.Rejected($"{source.Name} token is invalid: {result.Exception?.GetType().Name}: {result.Exception?.Message}");
        }

        var metadata = await source.Metadata.GetConfigurationAsync(CancellationToken.None).ConfigureAwait(false);
        var key = metadata.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, token.Kid, StringComparison.Ordinal));
        return ChannelToken.Accepted(token, source, KeyEndorsements.Of(key));
    }

    /// <summary>The checks that need the activity: the signing key endorses its channel, the token was issued for its serviceUrl.</summary>
    public static string? CheckActivity(ChannelToken channelToken, Activity activity)
    {
        var token = channelToken.Token!;
        if (channelToken.Source!.RequiresEndorsement && !channelToken.Endorsements.Contains(activity.ChannelId, StringComparer.Ordinal))
        {
            return $"signing key '{token.Kid}' is not endorsed for channel '{activity.ChannelId}'";
        }

        if (!token.TryGetPayloadValue<string>("serviceurl", out var serviceUrl) || string.IsNullOrEmpty(serviceUrl))
        {
            return "the token has no serviceurl claim";
        }

        return string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"the token's serviceurl '{serviceUrl}' is not the activity's serviceUrl '{activity.ServiceUrl}'";
    }
}
