using System.Globalization;

namespace Spm.WebApi.Errors
{
    /// <summary>The error codes the Web API layer itself answers with, and the 0x… formatting of fault codes.</summary>
    public static class ErrorCodes
    {
        /// <summary>The Web API's OData parse error: an unknown segment or property, a malformed query option.</summary>
        public const string ODataParse = "0x80060888";

        /// <summary>E_ACCESSDENIED: no bearer token, or one that fails validation.</summary>
        public const string AccessDenied = "0x80070005";

        /// <summary>The token's user is not (or no longer) an enabled user of the organization.</summary>
        public const string NotAMember = "0x80072560";

        /// <summary>Something failed that no fault describes (the platform's "An unexpected error occurred.").</summary>
        public const string Unexpected = "0x80040216";

        /// <summary>An OrganizationServiceFault.ErrorCode as the Web API writes it: lowercase hex of the unsigned value.</summary>
        public static string Format(int errorCode) => "0x" + unchecked((uint)errorCode).ToString("x8", CultureInfo.InvariantCulture);
    }
}
