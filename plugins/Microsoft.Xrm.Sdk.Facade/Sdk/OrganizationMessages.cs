using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// A message sent through <see cref="IOrganizationService.Execute"/>. Typed request classes keep their values in
    /// <see cref="Parameters"/> under the official parameter names, so a generic request with the same
    /// <see cref="RequestName"/> and parameters is equivalent.
    /// </summary>
    public class OrganizationRequest : IExtensibleDataObject
    {
        public OrganizationRequest()
        {
            Parameters = new ParameterCollection();
        }

        public OrganizationRequest(string requestName)
            : this()
        {
            RequestName = requestName;
        }

        public ExtensionDataObject ExtensionData { get; set; }

        public ParameterCollection Parameters { get; set; }

        public Guid? RequestId { get; set; }

        public string RequestName { get; set; }

        /// <summary>Gets or sets a parameter; getting a parameter that is not set throws <see cref="System.Collections.Generic.KeyNotFoundException"/>.</summary>
        public object this[string parameterName]
        {
            get => Parameters[parameterName];
            set => Parameters[parameterName] = value;
        }
    }

    /// <summary>The response to an <see cref="OrganizationRequest"/>. Typed responses read from <see cref="Results"/>.</summary>
    public class OrganizationResponse : IExtensibleDataObject
    {
        public OrganizationResponse()
        {
            Results = new ParameterCollection();
        }

        public ExtensionDataObject ExtensionData { get; set; }

        public string ResponseName { get; set; }

        public ParameterCollection Results { get; set; }

        /// <summary>Gets or sets a result; getting a result that is not set throws <see cref="System.Collections.Generic.KeyNotFoundException"/>.</summary>
        public object this[string parameterName]
        {
            get => Results[parameterName];
            set => Results[parameterName] = value;
        }
    }

    /// <summary>Settings of an <see cref="Messages.ExecuteMultipleRequest"/>.</summary>
    public sealed class ExecuteMultipleSettings : IExtensibleDataObject
    {
        public ExecuteMultipleSettings()
        {
        }

        /// <summary>Whether to go on with the remaining requests after one fails.</summary>
        public bool ContinueOnError { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        /// <summary>Whether to return the responses of successful requests (faults are always returned).</summary>
        public bool ReturnResponses { get; set; }
    }

    /// <summary>The outcome of one request of an <see cref="Messages.ExecuteMultipleRequest"/>.</summary>
    public sealed class ExecuteMultipleResponseItem : IExtensibleDataObject
    {
        public ExecuteMultipleResponseItem()
        {
        }

        public ExtensionDataObject ExtensionData { get; set; }

        public OrganizationServiceFault Fault { get; set; }

        /// <summary>The zero-based index of the request in <see cref="Messages.ExecuteMultipleRequest.Requests"/>.</summary>
        public int RequestIndex { get; set; }

        public OrganizationResponse Response { get; set; }
    }
}
