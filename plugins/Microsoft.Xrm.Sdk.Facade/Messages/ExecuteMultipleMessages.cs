namespace Microsoft.Xrm.Sdk.Messages
{
    /// <summary>The ExecuteMultiple message: parameters "Requests" and "Settings"; results "IsFaulted" and "Responses".</summary>
    public sealed class ExecuteMultipleRequest : OrganizationRequest
    {
        public ExecuteMultipleRequest()
        {
            RequestName = "ExecuteMultiple";
            Requests = null;
            Settings = null;
        }

        public OrganizationRequestCollection Requests
        {
            get => ParameterAccess.Get<OrganizationRequestCollection>(Parameters, "Requests");
            set => Parameters["Requests"] = value;
        }

        public ExecuteMultipleSettings Settings
        {
            get => ParameterAccess.Get<ExecuteMultipleSettings>(Parameters, "Settings");
            set => Parameters["Settings"] = value;
        }
    }

    /// <summary>The response to <see cref="ExecuteMultipleRequest"/>.</summary>
    public sealed class ExecuteMultipleResponse : OrganizationResponse
    {
        public ExecuteMultipleResponse()
        {
        }

        /// <summary>True when at least one request failed.</summary>
        public bool IsFaulted => ParameterAccess.Get<bool>(Results, "IsFaulted");

        public ExecuteMultipleResponseItemCollection Responses => ParameterAccess.Get<ExecuteMultipleResponseItemCollection>(Results, "Responses");
    }
}
