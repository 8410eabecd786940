using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.OData;

namespace Spm.WebApi.Batch
{
    /// <summary>One request of a $batch as ODataBatchReader read it: method, URL, headers, body and Content-ID.</summary>
    internal sealed class BatchOperation
    {
        private BatchOperation(string method, Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body, string? contentId)
        {
            Method = method;
            Url = url;
            Headers = headers;
            Body = body;
            ContentId = contentId;
        }

        public string Method { get; }

        /// <summary>Absolute (resolved against the service root), or "$n…" for a reference to a request of the change set.</summary>
        public Uri Url { get; }

        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

        public byte[] Body { get; }

        public string? ContentId { get; }

        public static async Task<BatchOperation> ReadAsync(ODataBatchOperationRequestMessage message)
        {
            using var body = new MemoryStream();
            using (Stream stream = await message.GetStreamAsync().ConfigureAwait(false))
            {
                await stream.CopyToAsync(body).ConfigureAwait(false);
            }

            return new BatchOperation(message.Method, message.Url, message.Headers.ToList(), body.ToArray(), message.ContentId);
        }
    }
}
