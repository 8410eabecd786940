using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>The detail of a fault returned by a Dataverse service.</summary>
    public abstract class BaseServiceFault : IExtensibleDataObject
    {
        protected BaseServiceFault()
        {
            ErrorDetails = new ErrorDetailCollection();
        }

        public Guid ActivityId { get; set; }

        public int ErrorCode { get; set; }

        public ErrorDetailCollection ErrorDetails { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public string HelpLink { get; set; }

        public string Message { get; set; }

        public DateTime Timestamp { get; set; }
    }

    /// <summary>The fault of a failed organization service operation (the detail of FaultException&lt;OrganizationServiceFault&gt;).</summary>
    public class OrganizationServiceFault : BaseServiceFault
    {
        public OrganizationServiceFault()
        {
        }

        public OrganizationServiceFault InnerFault { get; set; }

        public string TraceText { get; set; }
    }

    /// <summary>The fault of an ExecuteTransaction whose request at <see cref="FaultedRequestIndex"/> failed (every request was rolled back).</summary>
    public sealed class ExecuteTransactionFault : OrganizationServiceFault
    {
        public ExecuteTransactionFault()
        {
        }

        /// <summary>The index in the Requests collection of the request that failed.</summary>
        public int FaultedRequestIndex { get; set; }
    }
}
