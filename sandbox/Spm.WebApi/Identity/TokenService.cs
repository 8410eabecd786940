using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Spm.WebApi.Identity
{
    /// <summary>
    /// The local identity provider: signs bearer tokens (RS256, a key made for this host run, so a restart invalidates
    /// every token) and validates them as Dataverse validates Entra ID tokens: signature, issuer, audience = the
    /// organization's URL, lifetime.
    /// </summary>
    public sealed class TokenService : IDisposable
    {
        /// <summary>How long an issued token is valid (Entra ID's default access-token lifetime).</summary>
        public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

        private readonly RSA _rsa;
        private readonly JsonWebTokenHandler _handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        private readonly Func<DateTime> _utcNow;

        public TokenService(Uri organizationUrl, Func<DateTime>? utcNow = null)
        {
            Issuer = organizationUrl.GetLeftPart(UriPartial.Authority);
            Audience = Issuer;
            _utcNow = utcNow ?? (() => DateTime.UtcNow);
            _rsa = RSA.Create(2048);
            SigningKey = new RsaSecurityKey(_rsa) { KeyId = Guid.NewGuid().ToString("N") };
        }

        /// <summary>The tokens' iss: the host's URL (scheme, host and port).</summary>
        public string Issuer { get; }

        /// <summary>The tokens' aud: the organization's URL, as a Dataverse token's aud is the environment URL.</summary>
        public string Audience { get; }

        public RsaSecurityKey SigningKey { get; }

        /// <summary>The public key as a JWKS entry, for other local services that validate these tokens.</summary>
        public JsonWebKey PublicJsonWebKey()
        {
            JsonWebKey key = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = SigningKey.KeyId });
            key.Use = "sig";
            key.Alg = SecurityAlgorithms.RsaSha256;
            return key;
        }

        /// <summary>A token for the user, valid for <see cref="Lifetime"/> from now.</summary>
        public string Issue(SignInUser user)
        {
            DateTime now = _utcNow();
            return Issue(user, now, now + Lifetime, Audience);
        }

        /// <summary>A token with the given lifetime and audience (tests build expired or misaddressed tokens with it).</summary>
        internal string Issue(SignInUser user, DateTime issuedAt, DateTime expires, string audience)
        {
            var descriptor = new SecurityTokenDescriptor
            {
                Issuer = Issuer,
                Audience = audience,
                IssuedAt = issuedAt,
                NotBefore = issuedAt,
                Expires = expires,
                SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
                Claims = new Dictionary<string, object>
                {
                    ["oid"] = user.ObjectId.ToString("D"),
                    ["sub"] = user.ObjectId.ToString("D"),
                    ["name"] = user.FullName,
                    ["upn"] = user.DomainName ?? string.Empty,
                },
            };
            return _handler.CreateToken(descriptor);
        }

        /// <summary>The token's oid, or the reason it is refused (in words a client developer can act on).</summary>
        public async Task<(Guid? ObjectId, string? Error)> ValidateAsync(string token)
        {
            var parameters = new TokenValidationParameters
            {
                ValidIssuer = Issuer,
                ValidAudiences = new[] { Audience, Audience + "/" },
                IssuerSigningKey = SigningKey,
                ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                LifetimeValidator = (notBefore, expires, _, p) =>
                    expires.HasValue && expires.Value > _utcNow() - p.ClockSkew && (!notBefore.HasValue || notBefore.Value <= _utcNow() + p.ClockSkew),
            };

            TokenValidationResult result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
            if (!result.IsValid)
            {
                return (null, Reason(result.Exception));
            }

            return result.Claims.TryGetValue("oid", out object? oid) && Guid.TryParse(oid as string, out Guid objectId)
                ? (objectId, null)
                : (null, "The bearer token has no oid claim naming a user.");
        }

        private static string Reason(Exception? exception) => exception switch
        {
            SecurityTokenMalformedException or ArgumentException => "The bearer token is not a well-formed JWT.",
            SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException => "The bearer token has expired or is not yet valid.",
            SecurityTokenInvalidAudienceException => "The bearer token was issued for another audience (aud); request one for this organization.",
            SecurityTokenInvalidIssuerException => "The bearer token was not issued by this host's token endpoint.",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException => "The bearer token's signature is not valid.",
            _ => "The bearer token is not valid: " + (exception?.Message ?? "unknown reason") + ".",
        };

        public void Dispose() => _rsa.Dispose();
    }
}
