using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// Thrown by a plug-in to cancel the operation; the platform shows <see cref="Exception.Message"/> to the user
    /// and rolls the transaction back.
    /// </summary>
    public sealed class InvalidPluginExecutionException : Exception
    {
        // 0x80040265 "ISV code aborted the operation": the code the platform reports for a plug-in exception.
        private const int DefaultErrorCode = -2147220891;

        private static readonly IReadOnlyDictionary<string, string> NoDetails =
            new ReadOnlyDictionary<string, string>(new Dictionary<string, string>());

        public InvalidPluginExecutionException()
            : this(OperationStatus.Failed, DefaultErrorCode, null, PluginHttpStatusCode.NotSet, null, null)
        {
        }

        public InvalidPluginExecutionException(OperationStatus status)
            : this(status, DefaultErrorCode, null, PluginHttpStatusCode.NotSet, null, null)
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
            : this(status, DefaultErrorCode, message, PluginHttpStatusCode.NotSet, null, null)
        {
        }

        public InvalidPluginExecutionException(OperationStatus status, string message, Dictionary<string, string> exceptionDetails)
            : this(status, DefaultErrorCode, message, PluginHttpStatusCode.NotSet, exceptionDetails, null)
        {
        }

        public InvalidPluginExecutionException(string message)
            : this(OperationStatus.Failed, DefaultErrorCode, message, PluginHttpStatusCode.NotSet, null, null)
        {
        }

        public InvalidPluginExecutionException(string message, PluginHttpStatusCode httpStatus)
            : this(OperationStatus.Failed, DefaultErrorCode, message, httpStatus, null, null)
        {
        }

        public InvalidPluginExecutionException(string message, PluginHttpStatusCode httpStatus, Dictionary<string, string> exceptionDetails)
            : this(OperationStatus.Failed, DefaultErrorCode, message, httpStatus, exceptionDetails, null)
        {
        }

        public InvalidPluginExecutionException(string message, Dictionary<string, string> exceptionDetails)
            : this(OperationStatus.Failed, DefaultErrorCode, message, PluginHttpStatusCode.NotSet, exceptionDetails, null)
        {
        }

        public InvalidPluginExecutionException(string message, Exception exception)
            : this(OperationStatus.Failed, DefaultErrorCode, message, PluginHttpStatusCode.NotSet, null, exception)
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
            ErrorCode = errorCode;
            HttpStatus = httpStatus;
            ExceptionDetails = exceptionDetails == null
                ? NoDetails
                : new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(exceptionDetails));
        }

        public int ErrorCode { get; }

        /// <summary>Extra details; empty (never null) when none were given. A copy of the dictionary passed in.</summary>
        public IReadOnlyDictionary<string, string> ExceptionDetails { get; }

        public PluginHttpStatusCode HttpStatus { get; }

        public OperationStatus Status { get; }
    }
}
