using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Spm.WebApi.Reads
{
    /// <summary>GET on entity sets and rows: GET &lt;set&gt;, GET &lt;set&gt;(&lt;id&gt;), with the query options (see <see cref="ReadRequest"/>).</summary>
    public static class ReadEndpoints
    {
        public static void Map(RouteGroupBuilder api)
        {
            api.MapGet("{**path}", HandleAsync);
        }

        private static Task HandleAsync(HttpContext context, WebApiServices services) => new ReadRequest(context, services).ExecuteAsync();
    }
}
