using System;
using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// Thrown by a plug-in to cancel the operation; the platform shows <see cref="Exception.Message"/> to the user
    /// and rolls the transaction back.
    /// </summary>
    public sealed class InvalidPluginExecutionException : Exception
    {
        public InvalidPluginExecutionException()
            : this(OperationStatus.Failed, 0, null, PluginHttpStatusCode.NotSet, null, null)
        {
        }

        public InvalidPluginExecutionException(OperationStatus status)
            : this(status, 0, string.Empty, PluginHttpStatusCode.NotSet, null, null)
        {
        }

        public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message)
            : this(status, errorCode, message, PluginHttpStatusCode.NotSet, null, null)
        {
        }

        public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message, PluginHttpStatusCode httpStatus)
            : this(status, errorCode, message, httpStatus, null, null)
        {
        }

        public InvalidPluginExecutionException(OperationStatus status, string message)
            : this(status, 0, message, PluginHttpStatusCode.NotSet, null, null)
        {
        }

        public InvalidPluginExecutionException(OperationStatus status, string message, Dictionary<string, string> exceptionDetails)
            : this(status, 0, message, PluginHttpStatusCode.NotSet, exceptionDetails, null)
        {
        }

        public InvalidPluginExecutionException(string message)
            : this(OperationStatus.Failed, 0, message, PluginHttpStatusCode.NotSet, null, null)
        {
        }

        public InvalidPluginExecutionException(string message, PluginHttpStatusCode httpStatus)
            : this(OperationStatus.Failed, 0, message, httpStatus, null, null)
        {
        }

        public InvalidPluginExecutionException(string message, PluginHttpStatusCode httpStatus, Dictionary<string, string> exceptionDetails)
            : this(OperationStatus.Failed, 0, message, httpStatus, exceptionDetails, null)
        {
        }

        public InvalidPluginExecutionException(string message, Dictionary<string, string> exceptionDetails)
            : this(OperationStatus.Failed, 0, message, PluginHttpStatusCode.NotSet, exceptionDetails, null)
        {
        }

        /// <summary>Wraps <paramref name="exception"/>; an inner InvalidPluginExecutionException passes its <see cref="HttpStatus"/> on.</summary>
        public InvalidPluginExecutionException(string message, Exception exception)
            : this(OperationStatus.Failed, 0, message, (exception as InvalidPluginExecutionException)?.HttpStatus ?? PluginHttpStatusCode.NotSet, null, exception)
        {
        }

        private InvalidPluginExecutionException(
            OperationStatus status,
            int errorCode,
            string message,
            PluginHttpStatusCode httpStatus,
            Dictionary<string, string> exceptionDetails,
            Exception innerException)
            : base(message, innerException)
        {
            Status = status;
            HttpStatus = httpStatus;
            ExceptionDetails = exceptionDetails;

            // As in the official SDK, 0 means "no code": HResult then stays System.Exception's 0x80131500 (COR_E_EXCEPTION).
            if (errorCode != 0)
            {
                HResult = errorCode;
            }
        }

        /// <summary>
        /// The exception's HResult: the code given to the constructor, otherwise -2146233088 (0x80131500). The platform
        /// reports an exception without a code as 0x80040265 (IsvAborted), which is not this value.
        /// </summary>
        public int ErrorCode => HResult;

        /// <summary>The dictionary the caller passed (the same instance, not a copy); null when none was given.</summary>
        public IReadOnlyDictionary<string, string> ExceptionDetails { get; }

        public PluginHttpStatusCode HttpStatus { get; }

        public OperationStatus Status { get; }
    }
}
