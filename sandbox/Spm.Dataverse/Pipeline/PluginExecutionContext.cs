using System;
using Microsoft.Xrm.Sdk;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>The execution context one step run sees. Built by the pipeline; read-only to plug-ins.</summary>
    public sealed class PluginExecutionContext : IPluginExecutionContext
    {
        internal PluginExecutionContext()
        {
        }

        public Guid BusinessUnitId { get; internal set; }

        public Guid CorrelationId { get; internal set; }

        public int Depth { get; internal set; }

        public Guid InitiatingUserId { get; internal set; }

        public ParameterCollection InputParameters { get; internal set; } = new ParameterCollection();

        public bool IsExecutingOffline => false;

        public bool IsInTransaction { get; internal set; }

        public bool IsOfflinePlayback => false;

        /// <summary>2: sandbox, where Dataverse online runs every plug-in.</summary>
        public int IsolationMode => 2;

        public string MessageName { get; internal set; } = string.Empty;

        public int Mode { get; internal set; }

        public DateTime OperationCreatedOn { get; internal set; }

        /// <summary>The system job id of an asynchronous run; empty for synchronous ones.</summary>
        public Guid OperationId { get; internal set; }

        public Guid OrganizationId { get; internal set; }

        public string OrganizationName { get; internal set; } = string.Empty;

        public ParameterCollection OutputParameters { get; internal set; } = new ParameterCollection();

        /// <summary>The step (sdkmessageprocessingstep) being run.</summary>
        public EntityReference OwningExtension { get; internal set; } = new EntityReference();

        public EntityImageCollection PostEntityImages { get; internal set; } = new EntityImageCollection();

        public EntityImageCollection PreEntityImages { get; internal set; } = new EntityImageCollection();

        public Guid PrimaryEntityId { get; internal set; }

        public string PrimaryEntityName { get; internal set; } = "none";

        public Guid? RequestId { get; internal set; }

        public string SecondaryEntityName => "none";

        public ParameterCollection SharedVariables { get; internal set; } = new ParameterCollection();

        public Guid UserId { get; internal set; }

        public IPluginExecutionContext? ParentContext { get; internal set; }

        IPluginExecutionContext IPluginExecutionContext.ParentContext => ParentContext!;

        public int Stage { get; internal set; }

        /// <summary>Where async jobs queued by nested calls go; null when this run is outside any transaction.</summary>
        internal ExecutionFrame? Frame { get; set; }
    }
}
