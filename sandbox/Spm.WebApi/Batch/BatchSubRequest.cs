using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Spm.WebApi.Actions;
using Spm.WebApi.Errors;
using Spm.WebApi.Identity;
using Spm.WebApi.Reads;
using Spm.WebApi.Writes;

namespace Spm.WebApi.Batch
{
    /// <summary>
    /// A request of a $batch as the HTTP request it stands for: a context of its own (method, URL, headers, body, a
    /// buffered response) for the batch's caller, handled by the same code as the request sent alone.
    /// </summary>
    internal static class BatchSubRequest
    {
        public static HttpContext Create(HttpContext batch, BatchOperation operation)
        {
            var context = new DefaultHttpContext { RequestServices = batch.RequestServices, RequestAborted = batch.RequestAborted };
            HttpRequest request = context.Request;
            request.Method = operation.Method;
            request.Scheme = batch.Request.Scheme;
            request.Host = batch.Request.Host;
            if (operation.Url.IsAbsoluteUri)
            {
                // Only the path and query count: a part may name the organization by another host name than the batch.
                request.Path = PathString.FromUriComponent(operation.Url.AbsolutePath);
                request.QueryString = new QueryString(operation.Url.Query.Length > 0 ? operation.Url.Query : null);
            }
            else
            {
                string relative = operation.Url.OriginalString;
                int query = relative.IndexOf('?', StringComparison.Ordinal);
                request.Path = new PathString(WebApiRoutes.ApiPath + "/" + (query < 0 ? relative : relative.Substring(0, query)));
                request.QueryString = new QueryString(query < 0 ? null : relative.Substring(query));
            }

            foreach (KeyValuePair<string, string> header in operation.Headers)
            {
                request.Headers[header.Key] = header.Value;
            }

            if (operation.ContentId is not null)
            {
                request.Headers["Content-ID"] = operation.ContentId;
            }

            request.Body = new MemoryStream(operation.Body, writable: false);
            request.ContentLength = operation.Body.Length;
            context.Response.Body = new MemoryStream();
            context.SetCaller(batch.Caller());
            return context;
        }

        /// <summary>The first segment of the request's path under the service root ("opportunities(…)", "WinOpportunity").</summary>
        public static string FirstSegment(HttpContext context)
        {
            string path = context.Request.Path.Value ?? string.Empty;
            string relative = path.StartsWith(WebApiRoutes.ApiPath + "/", StringComparison.OrdinalIgnoreCase) ? path.Substring(WebApiRoutes.ApiPath.Length + 1) : string.Empty;
            int slash = relative.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? relative : relative.Substring(0, slash);
        }

        /// <summary>Whether the request is one of the service's: under the service root, and not a batch in a batch.</summary>
        public static void CheckTarget(HttpContext context)
        {
            string segment = FirstSegment(context);
            if (segment.Length == 0)
            {
                throw WebApiException.NotFound($"{context.Request.Path} is not a resource of this service: a batch request's URL is under {WebApiRoutes.ApiPath}/.");
            }

            if (string.Equals(segment, "$batch", StringComparison.Ordinal))
            {
                throw WebApiException.BadRequest("A batch request cannot contain another batch request.");
            }
        }

        /// <summary>A request outside any change set, handled as if it were sent alone (GET reads and functions included).</summary>
        public static async Task<BatchPartResponse> RunAsync(HttpContext context, WebApiServices services, string? contentId)
        {
            try
            {
                CheckTarget(context);
                string segment = FirstSegment(context);
                string? operation = ActionEndpoints.OperationNamed(segment);
                if (HttpMethods.IsGet(context.Request.Method) && operation is null)
                {
                    await new ReadRequest(context, services).ExecuteAsync().ConfigureAwait(false);
                }
                else
                {
                    PreparedOperation prepared = await PrepareAsync(context, services, operation, references: null).ConfigureAwait(false);
                    await prepared.ExecuteAsync(context, context.Caller().Service).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await ErrorResponse.WriteAsync(context, exception).ConfigureAwait(false);
            }

            return BatchPartResponse.From(context, contentId);
        }

        /// <summary>Reads a write or an action into its organization request (what a change set runs).</summary>
        public static Task<PreparedOperation> PrepareAsync(HttpContext context, WebApiServices services, string? operation, ChangeSetReferences? references) =>
            operation is not null
                ? ActionEndpoints.PrepareAsync(context, services, operation, references)
                : WriteRequest.PrepareAsync(context, services, references);
    }
}
