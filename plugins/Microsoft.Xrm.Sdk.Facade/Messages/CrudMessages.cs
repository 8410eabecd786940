using System;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk.Messages
{
    // Each typed request sets RequestName to the SDK message name and keeps its values in Parameters under the
    // official parameter names; required parameters start out present with a null value, as in the SDK.
    // Each typed response reads its values from Results and returns default when a result is absent.

    /// <summary>The Create message: parameter "Target"; result "id".</summary>
    public sealed class CreateRequest : OrganizationRequest
    {
        public CreateRequest()
        {
            RequestName = "Create";
            Target = null;
        }

        public Entity Target
        {
            get => ParameterAccess.Get<Entity>(Parameters, "Target");
            set => Parameters["Target"] = value;
        }
    }

    /// <summary>The response to <see cref="CreateRequest"/>.</summary>
    public sealed class CreateResponse : OrganizationResponse
    {
        public CreateResponse()
        {
        }

        /// <summary>The id of the created record (result "id").</summary>
        public Guid id => ParameterAccess.Get<Guid>(Results, "id");
    }

    /// <summary>The Retrieve message: parameters "Target" and "ColumnSet"; result "Entity".</summary>
    public sealed class RetrieveRequest : OrganizationRequest
    {
        public RetrieveRequest()
        {
            RequestName = "Retrieve";
            Target = null;
            ColumnSet = null;
        }

        public ColumnSet ColumnSet
        {
            get => ParameterAccess.Get<ColumnSet>(Parameters, "ColumnSet");
            set => Parameters["ColumnSet"] = value;
        }

        public EntityReference Target
        {
            get => ParameterAccess.Get<EntityReference>(Parameters, "Target");
            set => Parameters["Target"] = value;
        }
    }

    /// <summary>The response to <see cref="RetrieveRequest"/>.</summary>
    public sealed class RetrieveResponse : OrganizationResponse
    {
        public RetrieveResponse()
        {
        }

        public Entity Entity => ParameterAccess.Get<Entity>(Results, "Entity");
    }

    /// <summary>The RetrieveMultiple message: parameter "Query"; result "EntityCollection".</summary>
    public sealed class RetrieveMultipleRequest : OrganizationRequest
    {
        public RetrieveMultipleRequest()
        {
            RequestName = "RetrieveMultiple";
            Query = null;
        }

        public QueryBase Query
        {
            get => ParameterAccess.Get<QueryBase>(Parameters, "Query");
            set => Parameters["Query"] = value;
        }
    }

    /// <summary>The response to <see cref="RetrieveMultipleRequest"/>.</summary>
    public sealed class RetrieveMultipleResponse : OrganizationResponse
    {
        public RetrieveMultipleResponse()
        {
        }

        public EntityCollection EntityCollection => ParameterAccess.Get<EntityCollection>(Results, "EntityCollection");
    }

    /// <summary>The Update message: parameters "Target" and (optional) "ConcurrencyBehavior".</summary>
    public sealed class UpdateRequest : OrganizationRequest
    {
        public UpdateRequest()
        {
            RequestName = "Update";
            Target = null;
        }

        public ConcurrencyBehavior ConcurrencyBehavior
        {
            get => ParameterAccess.Get<ConcurrencyBehavior>(Parameters, "ConcurrencyBehavior");
            set => Parameters["ConcurrencyBehavior"] = value;
        }

        public Entity Target
        {
            get => ParameterAccess.Get<Entity>(Parameters, "Target");
            set => Parameters["Target"] = value;
        }
    }

    /// <summary>The response to <see cref="UpdateRequest"/>.</summary>
    public sealed class UpdateResponse : OrganizationResponse
    {
        public UpdateResponse()
        {
        }
    }

    /// <summary>The Delete message: parameters "Target" and (optional) "ConcurrencyBehavior".</summary>
    public sealed class DeleteRequest : OrganizationRequest
    {
        public DeleteRequest()
        {
            RequestName = "Delete";
            Target = null;
        }

        public ConcurrencyBehavior ConcurrencyBehavior
        {
            get => ParameterAccess.Get<ConcurrencyBehavior>(Parameters, "ConcurrencyBehavior");
            set => Parameters["ConcurrencyBehavior"] = value;
        }

        public EntityReference Target
        {
            get => ParameterAccess.Get<EntityReference>(Parameters, "Target");
            set => Parameters["Target"] = value;
        }
    }

    /// <summary>The response to <see cref="DeleteRequest"/>.</summary>
    public sealed class DeleteResponse : OrganizationResponse
    {
        public DeleteResponse()
        {
        }
    }

    /// <summary>The Upsert message: parameter "Target"; results "RecordCreated" and "Target".</summary>
    public sealed class UpsertRequest : OrganizationRequest
    {
        public UpsertRequest()
        {
            RequestName = "Upsert";
            Target = null;
        }

        public Entity Target
        {
            get => ParameterAccess.Get<Entity>(Parameters, "Target");
            set => Parameters["Target"] = value;
        }
    }

    /// <summary>The response to <see cref="UpsertRequest"/>.</summary>
    public sealed class UpsertResponse : OrganizationResponse
    {
        public UpsertResponse()
        {
        }

        /// <summary>True when the record was created, false when an existing one was updated.</summary>
        public bool RecordCreated => ParameterAccess.Get<bool>(Results, "RecordCreated");

        public EntityReference Target => ParameterAccess.Get<EntityReference>(Results, "Target");
    }
}
