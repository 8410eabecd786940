using System;
using System.Net;

namespace Spm.WebApi.Errors
{
    /// <summary>
    /// A request the Web API refuses before (or instead of) calling the organization: the HTTP status and the Dataverse error
    /// code (0x… as the Web API writes it) it answers with. Faults of the organization itself are <see cref="Spm.Dataverse.DataverseFaultException"/>.
    /// </summary>
    public sealed class WebApiException : Exception
    {
        public WebApiException(HttpStatusCode status, string code, string message, Exception? inner = null)
            : base(message, inner)
        {
            Status = status;
            Code = code;
        }

        public HttpStatusCode Status { get; }

        /// <summary>The error code, formatted as Dataverse writes it: "0x80060888".</summary>
        public string Code { get; }

        /// <summary>A malformed URL or query option (Dataverse's OData parse error 0x80060888).</summary>
        public static WebApiException BadQuery(string message, Exception? inner = null) =>
            new WebApiException(HttpStatusCode.BadRequest, ErrorCodes.ODataParse, message, inner);

        /// <summary>A query option naming a property the table's entity type does not have (the OData library's own wording).</summary>
        public static WebApiException UnknownProperty(Spm.Dataverse.Metadata.TableMetadata table, string property) =>
            BadQuery($"Could not find a property named '{property}' on type '{Edm.DataverseEdmModel.Namespace}.{table.LogicalName}'.");

        /// <summary>A bad request body or header (0x80040203, InvalidArgument).</summary>
        public static WebApiException BadRequest(string message) =>
            new WebApiException(HttpStatusCode.BadRequest, ErrorCodes.Format(Spm.Dataverse.Store.DataverseErrors.InvalidArgument), message);

        /// <summary>A URL naming something the service does not have (an entity set, a function).</summary>
        public static WebApiException NotFound(string message, Exception? inner = null) =>
            new WebApiException(HttpStatusCode.NotFound, ErrorCodes.ODataParse, message, inner);

        /// <summary>No valid bearer token (the message says which check failed).</summary>
        public static WebApiException Unauthorized(string message, string code = ErrorCodes.AccessDenied) =>
            new WebApiException(HttpStatusCode.Unauthorized, code, message);
    }
}
