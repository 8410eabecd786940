using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Spm.WebApi.Identity;

namespace Spm.WebApi.Writes
{
    /// <summary>POST, PATCH, PUT and DELETE on entity sets, rows and columns (see <see cref="WriteRequest"/>), each run as the caller.</summary>
    public static class WriteEndpoints
    {
        public static void Map(RouteGroupBuilder api)
        {
            api.MapPost("{**path}", HandleAsync);
            api.MapPatch("{**path}", HandleAsync);
            api.MapPut("{**path}", HandleAsync);
            api.MapDelete("{**path}", HandleAsync);
        }

        private static async Task HandleAsync(HttpContext context, WebApiServices services)
        {
            PreparedOperation write = await WriteRequest.PrepareAsync(context, services, references: null).ConfigureAwait(false);
            await write.ExecuteAsync(context, context.Caller().Service).ConfigureAwait(false);
        }
    }
}
