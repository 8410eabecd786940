using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.AspNetCore.Http;

namespace Spm.WebApi.Batch
{
    /// <summary>The answer to one request of a $batch (or to a whole failed change set): status, headers, body, Content-ID.</summary>
    internal sealed class BatchPartResponse
    {
        // Framing the batch writer gives each part itself.
        private static readonly HashSet<string> Framing = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Content-Length", "Transfer-Encoding" };

        public BatchPartResponse(int status, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body, string? contentId)
        {
            Status = status;
            Headers = headers;
            Body = body;
            ContentId = contentId;
        }

        public int Status { get; }

        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

        public byte[] Body { get; }

        public string? ContentId { get; }

        public bool Failed => Status >= StatusCodes.Status400BadRequest;

        /// <summary>What a sub-request's handler answered.</summary>
        public static BatchPartResponse From(HttpContext context, string? contentId)
        {
            var body = (MemoryStream)context.Response.Body;
            List<KeyValuePair<string, string>> headers = context.Response.Headers
                .Where(h => !Framing.Contains(h.Key))
                .Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString()))
                .ToList();
            if (!headers.Any(h => string.Equals(h.Key, "OData-Version", StringComparison.OrdinalIgnoreCase)))
            {
                // Each part carries OData-Version as a response sent alone does (the host adds it only to the batch's own answer).
                headers.Add(new KeyValuePair<string, string>("OData-Version", "4.0"));
            }

            return new BatchPartResponse(context.Response.StatusCode, headers, body.ToArray(), contentId);
        }
    }
}
