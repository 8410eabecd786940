namespace Microsoft.Xrm.Sdk.Messages
{
    /// <summary>
    /// The ExecuteTransaction message: parameters "Requests" and "ReturnResponses"; result "Responses". The requests run in
    /// order in one database transaction; a failure rolls back all of them and faults with an <see cref="ExecuteTransactionFault"/>.
    /// </summary>
    public sealed class ExecuteTransactionRequest : OrganizationRequest
    {
        public ExecuteTransactionRequest()
        {
            RequestName = "ExecuteTransaction";
            Requests = null;
        }

        public OrganizationRequestCollection Requests
        {
            get => ParameterAccess.Get<OrganizationRequestCollection>(Parameters, "Requests");
            set => Parameters["Requests"] = value;
        }

        /// <summary>Whether the response carries one response per request, in request order (null: no).</summary>
        public bool? ReturnResponses
        {
            get => ParameterAccess.Get<bool?>(Parameters, "ReturnResponses");
            set => Parameters["ReturnResponses"] = value;
        }
    }

    /// <summary>The response to <see cref="ExecuteTransactionRequest"/>.</summary>
    public sealed class ExecuteTransactionResponse : OrganizationResponse
    {
        public ExecuteTransactionResponse()
        {
        }

        /// <summary>One response per request, in request order, when ReturnResponses was true.</summary>
        public OrganizationResponseCollection Responses => ParameterAccess.Get<OrganizationResponseCollection>(Results, "Responses");
    }
}
