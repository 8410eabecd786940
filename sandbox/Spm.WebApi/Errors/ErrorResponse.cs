using System;
using System.IO;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.OData;
using Microsoft.OData.UriParser;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse;
using Spm.Dataverse.Security;
using Spm.Dataverse.Store;

namespace Spm.WebApi.Errors
{
    /// <summary>
    /// The one place an exception becomes an HTTP answer: the status for each fault code and Dataverse's error body,
    /// {"error":{"code":"0x80040217","message":"…"}}.
    /// </summary>
    public static class ErrorResponse
    {
        /// <summary>The status, code and message an exception is answered with.</summary>
        public static (HttpStatusCode Status, string Code, string Message) Describe(Exception exception) => exception switch
        {
            WebApiException web => (web.Status, web.Code, web.Message),
            DataverseFaultException fault => (StatusOf(fault), ErrorCodes.Format(fault.ErrorCode), fault.Message),
            ODataUnrecognizedPathException path => (HttpStatusCode.NotFound, ErrorCodes.ODataParse, path.Message),
            ODataException odata => (HttpStatusCode.BadRequest, ErrorCodes.ODataParse, odata.Message),
            BadHttpRequestException bad => ((HttpStatusCode)bad.StatusCode, ErrorCodes.Format(DataverseErrors.InvalidArgument), bad.Message),
            _ => (HttpStatusCode.InternalServerError, ErrorCodes.Unexpected, "An unexpected error occurred."),
        };

        /// <summary>The HTTP status of an organization fault: what Dataverse's Web API answers for that error code.</summary>
        public static HttpStatusCode StatusOf(DataverseFaultException fault)
        {
            // A plug-in may choose the status (InvalidPluginExecutionException with PluginHttpStatusCode).
            if (fault.InnerException is InvalidPluginExecutionException { HttpStatus: not PluginHttpStatusCode.NotSet } plugin)
            {
                return (HttpStatusCode)(int)plugin.HttpStatus;
            }

            return fault.ErrorCode switch
            {
                DataverseErrors.ObjectDoesNotExist => HttpStatusCode.NotFound,
                DataverseErrors.ConcurrencyVersionMismatch => HttpStatusCode.PreconditionFailed,
                DataverseErrors.DuplicateRecord => HttpStatusCode.PreconditionFailed,
                DataverseErrors.DuplicateRecordEntityKey => HttpStatusCode.PreconditionFailed,
                SecurityErrors.PrivilegeDenied or SecurityErrors.AccessDenied => HttpStatusCode.Forbidden,
                SecurityErrors.SecuredColumnCreateDenied or SecurityErrors.SecuredColumnUpdateDenied => HttpStatusCode.Forbidden,
                _ => HttpStatusCode.BadRequest,
            };
        }

        /// <summary>Answers the request with the exception's status and Dataverse's error body (nothing else of the response is kept).</summary>
        public static Task WriteAsync(HttpContext context, Exception exception)
        {
            (HttpStatusCode status, string code, string message) = Describe(exception);
            return WriteAsync(context, status, code, message);
        }

        public static async Task WriteAsync(HttpContext context, HttpStatusCode status, string code, string message)
        {
            HttpResponse response = context.Response;
            response.Clear();
            response.StatusCode = (int)status;
            response.ContentType = "application/json; odata.metadata=minimal";
            response.Headers["OData-Version"] = "4.0";
            if (status == HttpStatusCode.Unauthorized)
            {
                response.Headers.WWWAuthenticate = Identity.BearerChallenge.For(context);
            }

            byte[] body = Body(code, message);
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }

        /// <summary>{"error":{"code":…,"message":…}}</summary>
        public static byte[] Body(string code, string message)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteStartObject("error");
                json.WriteString("code", code);
                json.WriteString("message", message);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            return buffer.ToArray();
        }
    }
}
