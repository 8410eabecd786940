using System;
using System.Collections.Generic;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>Settings of a <see cref="PluginPipeline"/>. The defaults are the platform's.</summary>
    public sealed class PluginPipelineOptions
    {
        /// <summary>The deepest a plug-in-triggering call may go (the platform's default is 8, WorkflowSettings.MaxDepth).</summary>
        public int MaxDepth { get; init; } = 8;

        /// <summary>How many times an asynchronous step is tried before its system job is left failed.</summary>
        public int AsyncMaxAttempts { get; init; } = 3;

        /// <summary>Run queued asynchronous steps as soon as the top-level request that queued them commits.</summary>
        public bool AutoRunAsyncSteps { get; init; }

        public Guid OrganizationId { get; init; } = new Guid("5b0e5c3a-7f41-4a39-9d59-0c8f0e5a5b01");

        public string OrganizationName { get; init; } = "spmsandbox";

        /// <summary>The business unit placed in every context (one business unit in the box).</summary>
        public Guid BusinessUnitId { get; init; } = new Guid("5b0e5c3a-7f41-4a39-9d59-0c8f0e5a5b02");

        /// <summary>The SYSTEM user: what CreateOrganizationService(null) runs as.</summary>
        public Guid SystemUserId { get; init; } = new Guid("5b0e5c3a-7f41-4a39-9d59-0c8f0e5a5b03");

        /// <summary>Users by domain name, for steps whose ImpersonatingUserIdName names who they run as.</summary>
        public IReadOnlyDictionary<string, Guid> UsersByDomainName { get; init; } = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The messages step files may name.</summary>
        public SdkMessageCatalog Catalog { get; init; } = SdkMessageCatalog.Standard;

        /// <summary>The clock for OperationCreatedOn.</summary>
        public Func<DateTime> UtcNow { get; init; } = () => DateTime.UtcNow;
    }
}
