using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.OData;

namespace Spm.WebApi.Batch
{
    /// <summary>The POST $batch request as ODataBatchReader reads it: its headers (Content-Type carries the boundary) and its buffered body.</summary>
    internal sealed class BatchRequestMessage : IODataRequestMessageAsync
    {
        private readonly Dictionary<string, string> _headers;
        private readonly Stream _body;

        public BatchRequestMessage(HttpRequest request, Uri url, Stream body)
        {
            _headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            Url = url;
            Method = request.Method;
            _body = body;
        }

        public IEnumerable<KeyValuePair<string, string>> Headers => _headers;

        public Uri Url { get; set; }

        public string Method { get; set; }

        public string? GetHeader(string headerName) => _headers.TryGetValue(headerName, out string? value) ? value : null;

        public void SetHeader(string headerName, string headerValue) => _headers[headerName] = headerValue;

        public Stream GetStream() => _body;

        public Task<Stream> GetStreamAsync() => Task.FromResult(_body);
    }
}
