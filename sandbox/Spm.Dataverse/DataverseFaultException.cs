using System;
using Microsoft.Xrm.Sdk;

namespace Spm.Dataverse
{
    /// <summary>
    /// What the in-box service throws where Dataverse returns a FaultException&lt;OrganizationServiceFault&gt;
    /// (System.ServiceModel is not available here): the same fault detail with its error code.
    /// </summary>
    public sealed class DataverseFaultException : Exception
    {
        public DataverseFaultException(int errorCode, string message, Exception? inner = null)
            : base(message, inner)
        {
            Fault = new OrganizationServiceFault { ErrorCode = errorCode, Message = message };
        }

        /// <summary>A fault with a detail of its own (e.g. an <see cref="ExecuteTransactionFault"/>), whose message it takes.</summary>
        public DataverseFaultException(OrganizationServiceFault fault, Exception? inner = null)
            : base((fault ?? throw new ArgumentNullException(nameof(fault))).Message, inner)
        {
            Fault = fault;
        }

        public OrganizationServiceFault Fault { get; }

        public int ErrorCode => Fault.ErrorCode;
    }
}
