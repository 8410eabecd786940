using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Spm.TeamsBot.Authentication;

/// <summary>One authority that may sign tokens to the bot: its OpenID metadata (refreshed for key rollover) and the issuers it signs as.</summary>
/// <param name="RequiresEndorsement">The Bot Framework's keys list the channels each may sign for; Entra's keys carry no endorsements.</param>
internal sealed record ChannelTokenSource(
    string Name,
    ConfigurationManager<OpenIdConnectConfiguration> Metadata,
    IReadOnlyList<string> Issuers,
    bool RequiresEndorsement);
