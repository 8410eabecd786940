using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Spm.WebApi
{
    /// <summary>
    /// The one place the Web API's features plug in. Each feature is a static class with Map(RouteGroupBuilder) over the
    /// /api/data/v9.2/ group, whose requests have already passed the token check (HttpContext.Caller() is the user).
    /// Literal routes (WhoAmI, $metadata, $batch) win over the entity-set patterns.
    /// </summary>
    internal static class WebApiRoutes
    {
        public const string ApiPath = "/api/data/v9.2";

        public static void Map(WebApplication app)
        {
            Identity.TokenEndpoints.Map(app);

            RouteGroupBuilder api = app.MapGroup(ApiPath);
            Reads.MetadataEndpoint.Map(api);
            Identity.WhoAmIEndpoint.Map(api);
            Reads.ReadEndpoints.Map(api);
            Writes.WriteEndpoints.Map(api);
            Actions.ActionEndpoints.Map(api);
            Batch.BatchEndpoints.Map(api);
        }
    }
}
