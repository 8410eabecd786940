using Microsoft.AspNetCore.Http;

namespace Spm.WebApi.Identity
{
    /// <summary>
    /// The WWW-Authenticate header of a 401, in Dataverse's form (unquoted URLs): where to get a token, and for which resource.
    /// </summary>
    public static class BearerChallenge
    {
        public static string For(HttpContext context)
        {
            string root = context.Request.Scheme + "://" + context.Request.Host.Value;
            return $"Bearer authorization_uri={root}{TokenEndpoints.TokenPath}, resource_id={root}/";
        }
    }
}
