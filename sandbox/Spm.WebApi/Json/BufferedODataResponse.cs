using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.OData;

namespace Spm.WebApi.Json
{
    /// <summary>
    /// The response message ODataMessageWriter writes into: buffered, because Kestrel refuses synchronous writes and
    /// a complete body gets a Content-Length; <see cref="CopyToAsync"/> sends it.
    /// </summary>
    internal sealed class BufferedODataResponse : IODataResponseMessageAsync
    {
        private readonly Dictionary<string, string> _headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly MemoryStream _body = new MemoryStream();

        public IEnumerable<KeyValuePair<string, string>> Headers => _headers;

        public int StatusCode { get; set; } = StatusCodes.Status200OK;

        public string? GetHeader(string headerName) => _headers.TryGetValue(headerName, out string? value) ? value : null;

        public void SetHeader(string headerName, string headerValue)
        {
            if (headerValue == null)
            {
                _headers.Remove(headerName);
            }
            else
            {
                _headers[headerName] = headerValue;
            }
        }

        public Stream GetStream() => _body;

        public Task<Stream> GetStreamAsync() => Task.FromResult<Stream>(_body);

        public async Task CopyToAsync(HttpResponse response, CancellationToken cancellationToken)
        {
            response.StatusCode = StatusCode;
            foreach (KeyValuePair<string, string> header in _headers)
            {
                response.Headers[header.Key] = header.Value;
            }

            response.ContentLength = _body.Length;
            _body.Position = 0;
            await _body.CopyToAsync(response.Body, cancellationToken).ConfigureAwait(false);
        }
    }
}
