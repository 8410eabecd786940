using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Spm.WebApi.Errors;

namespace Spm.WebApi.Writes
{
    /// <summary>
    /// The JSON body of a write, parsed (400 naming where the JSON breaks). Its size is bounded by the host's
    /// MaxRequestBodySize: Kestrel answers 413 for a larger body before anything is parsed or stored.
    /// </summary>
    internal static class JsonRequestBody
    {
        public static async Task<JsonDocument> ReadAsync(HttpContext context)
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            return Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }

        public static JsonDocument Parse(ReadOnlyMemory<byte> json)
        {
            if (json.Span.Trim(" \t\r\n"u8).IsEmpty)
            {
                throw WebApiException.BadQuery("The request body is empty: a JSON object is expected.");
            }

            try
            {
                return JsonDocument.Parse(json);
            }
            catch (JsonException exception)
            {
                throw WebApiException.BadQuery(
                    $"The request body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}): {FirstSentence(exception.Message)}",
                    exception);
            }
        }

        // System.Text.Json appends "LineNumber: 0 | BytePositionInLine: 5." to its messages; the position is given once, 1-based.
        private static string FirstSentence(string message)
        {
            int end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return (end > 0 ? message.Substring(0, end) : message).Trim();
        }
    }
}
