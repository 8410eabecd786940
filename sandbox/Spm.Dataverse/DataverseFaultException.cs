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

        public OrganizationServiceFault Fault { get; }

        public int ErrorCode => Fault.ErrorCode;
    }
}
