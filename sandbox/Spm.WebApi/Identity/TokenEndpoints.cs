using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Spm.WebApi.Identity
{
    /// <summary>
    /// The local sign-in: POST /token with the form field username=&lt;domainname of a user&gt; returns
    /// {"token_type":"Bearer","access_token":…,"expires_in":3600}; the OpenID configuration and its JWKS let other local
    /// services validate the tokens.
    /// </summary>
    public static class TokenEndpoints
    {
        public const string TokenPath = "/token";
        public const string ConfigurationPath = "/.well-known/openid-configuration";
        public const string KeysPath = "/discovery/keys";

        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapPost(TokenPath, IssueAsync).DisableAntiforgery();
            app.MapGet(ConfigurationPath, (WebApiServices services) => Results.Json(new
            {
                issuer = services.Tokens.Issuer,
                token_endpoint = services.Tokens.Issuer + TokenPath,
                jwks_uri = services.Tokens.Issuer + KeysPath,
                response_types_supported = new[] { "token" },
                subject_types_supported = new[] { "public" },
                id_token_signing_alg_values_supported = new[] { "RS256" },
                token_endpoint_auth_methods_supported = new[] { "none" },
                claims_supported = new[] { "oid", "sub", "name", "upn", "aud", "iss", "exp", "iat", "nbf" },
            }));
            app.MapGet(KeysPath, (WebApiServices services) =>
            {
                var key = services.Tokens.PublicJsonWebKey();
                return Results.Json(new { keys = new[] { new { kty = key.Kty, use = key.Use, alg = key.Alg, kid = key.Kid, n = key.N, e = key.E } } });
            });
        }

        private static async Task<IResult> IssueAsync(HttpContext context, WebApiServices services)
        {
            if (!context.Request.HasFormContentType)
            {
                return OAuthError("invalid_request", "Send the form field username (Content-Type: application/x-www-form-urlencoded).");
            }

            IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            string? username = form["username"];
            if (string.IsNullOrWhiteSpace(username))
            {
                return OAuthError("invalid_request", "The form field username (a user's domainname) is missing.");
            }

            SignInUser? user = services.Users.FindByDomainName(username.Trim());
            if (user == null)
            {
                return OAuthError("invalid_grant", $"No user of this organization signs in as '{username}'.");
            }

            if (user.IsDisabled)
            {
                return OAuthError("invalid_grant", $"The user '{username}' ({user.FullName}) is disabled.");
            }

            return Results.Json(new
            {
                token_type = "Bearer",
                access_token = services.Tokens.Issue(user),
                expires_in = (int)TokenService.Lifetime.TotalSeconds,
                resource = services.Tokens.Audience,
            });
        }

        private static IResult OAuthError(string error, string description) =>
            Results.Json(new { error, error_description = description }, statusCode: StatusCodes.Status400BadRequest);
    }
}
