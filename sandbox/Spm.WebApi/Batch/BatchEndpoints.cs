using Microsoft.AspNetCore.Routing;

namespace Spm.WebApi.Batch
{
    /// <summary>POST $batch with change sets: issue11-webapi-write fills this in.</summary>
    public static class BatchEndpoints
    {
        public static void Map(RouteGroupBuilder api)
        {
        }
    }
}
