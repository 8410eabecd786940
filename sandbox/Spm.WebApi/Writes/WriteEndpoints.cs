using Microsoft.AspNetCore.Routing;

namespace Spm.WebApi.Writes
{
    /// <summary>POST, PATCH and DELETE on entity sets: issue11-webapi-write fills this in.</summary>
    public static class WriteEndpoints
    {
        public static void Map(RouteGroupBuilder api)
        {
        }
    }
}
