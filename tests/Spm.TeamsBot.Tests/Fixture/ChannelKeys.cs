using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Spm.TeamsBot.Tests.Fixture;

/// <summary>Signing keys standing in for the Bot Framework's, with the JWKS (endorsements included) that publishes them, and tokens signed by them.</summary>
internal sealed class ChannelKeys : IDisposable
{
    public const string BotFrameworkKeysUrl = "https://login.botframework.com/v1/.well-known/keys";
    public const string TeamsKeyId = "bf-teams-2026";
    public const string WebChatKeyId = "bf-webchat-2026";

    private readonly RSA teams = RSA.Create(2048);
    private readonly RSA webChat = RSA.Create(2048);

    public SecurityKey TeamsKey => new RsaSecurityKey(teams) { KeyId = TeamsKeyId };

    public SecurityKey WebChatOnlyKey => new RsaSecurityKey(webChat) { KeyId = WebChatKeyId };

    public static string Metadata(string issuer, string jwksUri) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = "https://invalid.botframework.com",
        ["jwks_uri"] = jwksUri,
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
    });

    public string KeySet() => JsonSerializer.Serialize(new
    {
        keys = new[] { Jwk(teams, TeamsKeyId, ["msteams", "skype"]), Jwk(webChat, WebChatKeyId, ["webchat"]) },
    });

    /// <summary>A key set publishing one key; without endorsements it looks like Entra ID's.</summary>
    public static string KeySetOf(RSA rsa, string kid, params string[] endorsements) =>
        JsonSerializer.Serialize(new { keys = new[] { Jwk(rsa, kid, endorsements) } });

    public static string Token(SecurityKey key, string algorithm, string issuer, string audience, string serviceUrl, DateTime notBefore, DateTime expires)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token that declares no algorithm and carries no signature.</summary>
    public static string UnsignedToken(string issuer, string audience, string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        var payload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = issuer, ["aud"] = audience, ["serviceurl"] = serviceUrl, ["nbf"] = now - 60, ["exp"] = now + 3600,
        })));
        return $"{header}.{payload}.";
    }

    public void Dispose()
    {
        teams.Dispose();
        webChat.Dispose();
    }

    private static Dictionary<string, object> Jwk(RSA rsa, string kid, string[] endorsements)
    {
        var parameters = rsa.ExportParameters(false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements.Length > 0)
        {
            jwk["endorsements"] = endorsements;
        }

        return jwk;
    }
}
