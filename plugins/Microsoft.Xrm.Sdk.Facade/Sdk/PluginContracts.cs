using System;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A plug-in: the platform calls <see cref="Execute"/> with a provider of the execution services.</summary>
    public interface IPlugin
    {
        void Execute(IServiceProvider serviceProvider);
    }

    /// <summary>The context of an event pipeline execution (message, images, parameters, identities).</summary>
    public interface IExecutionContext
    {
        Guid BusinessUnitId { get; }

        Guid CorrelationId { get; }

        int Depth { get; }

        Guid InitiatingUserId { get; }

        ParameterCollection InputParameters { get; }

        bool IsExecutingOffline { get; }

        bool IsInTransaction { get; }

        bool IsOfflinePlayback { get; }

        int IsolationMode { get; }

        string MessageName { get; }

        int Mode { get; }

        DateTime OperationCreatedOn { get; }

        Guid OperationId { get; }

        Guid OrganizationId { get; }

        string OrganizationName { get; }

        ParameterCollection OutputParameters { get; }

        EntityReference OwningExtension { get; }

        EntityImageCollection PostEntityImages { get; }

        EntityImageCollection PreEntityImages { get; }

        Guid PrimaryEntityId { get; }

        string PrimaryEntityName { get; }

        Guid? RequestId { get; }

        string SecondaryEntityName { get; }

        ParameterCollection SharedVariables { get; }

        Guid UserId { get; }
    }

    /// <summary>The execution context handed to a plug-in.</summary>
    public interface IPluginExecutionContext : IExecutionContext
    {
        /// <summary>The context of the parent pipeline, or null at the top level.</summary>
        IPluginExecutionContext ParentContext { get; }

        /// <summary>The pipeline stage: 10 pre-validation, 20 pre-operation, 30 main operation, 40 post-operation.</summary>
        int Stage { get; }
    }

    /// <summary>The organization (data) service.</summary>
    public interface IOrganizationService
    {
        void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities);

        Guid Create(Entity entity);

        void Delete(string entityName, Guid id);

        void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities);

        OrganizationResponse Execute(OrganizationRequest request);

        Entity Retrieve(string entityName, Guid id, ColumnSet columnSet);

        EntityCollection RetrieveMultiple(QueryBase query);

        void Update(Entity entity);
    }

    /// <summary>Creates organization services for a user: null is the SYSTEM user, Guid.Empty the user the step runs as (context.UserId).</summary>
    public interface IOrganizationServiceFactory
    {
        IOrganizationService CreateOrganizationService(Guid? userId);
    }

    /// <summary>Writes to the plug-in trace log.</summary>
    public interface ITracingService
    {
        void Trace(string format, params object[] args);
    }
}
