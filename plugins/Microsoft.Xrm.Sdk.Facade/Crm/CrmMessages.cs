using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    // Messages of Microsoft.Crm.Sdk.Proxy. As in Microsoft.Xrm.Sdk.Messages, values live in Parameters under the
    // official parameter names and required parameters start out present with a null value.

    /// <summary>The WinOpportunity message: parameters "OpportunityClose" (an opportunityclose entity) and "Status".</summary>
    public sealed class WinOpportunityRequest : OrganizationRequest
    {
        public WinOpportunityRequest()
        {
            RequestName = "WinOpportunity";
            OpportunityClose = null;
            Status = null;
        }

        public Entity OpportunityClose
        {
            get => ParameterAccess.Get<Entity>(Parameters, "OpportunityClose");
            set => Parameters["OpportunityClose"] = value;
        }

        public OptionSetValue Status
        {
            get => ParameterAccess.Get<OptionSetValue>(Parameters, "Status");
            set => Parameters["Status"] = value;
        }
    }

    /// <summary>The response to <see cref="WinOpportunityRequest"/>.</summary>
    public sealed class WinOpportunityResponse : OrganizationResponse
    {
        public WinOpportunityResponse()
        {
        }
    }

    /// <summary>The LoseOpportunity message: parameters "OpportunityClose" (an opportunityclose entity) and "Status".</summary>
    public sealed class LoseOpportunityRequest : OrganizationRequest
    {
        public LoseOpportunityRequest()
        {
            RequestName = "LoseOpportunity";
            OpportunityClose = null;
            Status = null;
        }

        public Entity OpportunityClose
        {
            get => ParameterAccess.Get<Entity>(Parameters, "OpportunityClose");
            set => Parameters["OpportunityClose"] = value;
        }

        public OptionSetValue Status
        {
            get => ParameterAccess.Get<OptionSetValue>(Parameters, "Status");
            set => Parameters["Status"] = value;
        }
    }

    /// <summary>The response to <see cref="LoseOpportunityRequest"/>.</summary>
    public sealed class LoseOpportunityResponse : OrganizationResponse
    {
        public LoseOpportunityResponse()
        {
        }
    }

    /// <summary>The Assign message: parameters "Target" (the record) and "Assignee" (the new owner).</summary>
    public sealed class AssignRequest : OrganizationRequest
    {
        public AssignRequest()
        {
            RequestName = "Assign";
            Target = null;
            Assignee = null;
        }

        public EntityReference Assignee
        {
            get => ParameterAccess.Get<EntityReference>(Parameters, "Assignee");
            set => Parameters["Assignee"] = value;
        }

        public EntityReference Target
        {
            get => ParameterAccess.Get<EntityReference>(Parameters, "Target");
            set => Parameters["Target"] = value;
        }
    }

    /// <summary>The response to <see cref="AssignRequest"/>.</summary>
    public sealed class AssignResponse : OrganizationResponse
    {
        public AssignResponse()
        {
        }
    }

    /// <summary>The SetState message: parameters "EntityMoniker", "State" and "Status".</summary>
    public sealed class SetStateRequest : OrganizationRequest
    {
        public SetStateRequest()
        {
            RequestName = "SetState";
            EntityMoniker = null;
            State = null;
            Status = null;
        }

        public EntityReference EntityMoniker
        {
            get => ParameterAccess.Get<EntityReference>(Parameters, "EntityMoniker");
            set => Parameters["EntityMoniker"] = value;
        }

        public OptionSetValue State
        {
            get => ParameterAccess.Get<OptionSetValue>(Parameters, "State");
            set => Parameters["State"] = value;
        }

        public OptionSetValue Status
        {
            get => ParameterAccess.Get<OptionSetValue>(Parameters, "Status");
            set => Parameters["Status"] = value;
        }
    }

    /// <summary>The response to <see cref="SetStateRequest"/>.</summary>
    public sealed class SetStateResponse : OrganizationResponse
    {
        public SetStateResponse()
        {
        }
    }
}
