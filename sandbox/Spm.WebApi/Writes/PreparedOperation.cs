using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Xrm.Sdk;

namespace Spm.WebApi.Writes
{
    /// <summary>
    /// A write or action read from its HTTP request but not run yet: the organization request it becomes, and how the
    /// organization's response is answered. Run alone, it is one Execute; in a $batch change set, the requests of the
    /// set run together as one ExecuteTransaction and each is then answered from its own response.
    /// </summary>
    internal sealed class PreparedOperation
    {
        private readonly Func<HttpContext, OrganizationResponse, Task> _respond;

        public PreparedOperation(OrganizationRequest request, Func<HttpContext, OrganizationResponse, Task> respond)
        {
            Request = request;
            _respond = respond;
        }

        public OrganizationRequest Request { get; }

        /// <summary>Writes the HTTP answer for the organization's <paramref name="response"/>.</summary>
        public Task RespondAsync(HttpContext context, OrganizationResponse response) => _respond(context, response);

        /// <summary>Runs the request as the caller and answers it.</summary>
        public async Task ExecuteAsync(HttpContext context, IOrganizationService service)
        {
            OrganizationResponse response = service.Execute(Request);
            await RespondAsync(context, response).ConfigureAwait(false);
        }
    }
}
