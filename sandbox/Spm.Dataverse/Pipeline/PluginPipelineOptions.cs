using System;
using System.Collections.Generic;
using System.Net.Http;
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

        /// <summary>
        /// How many execution, transaction and webhook records each log keeps (the newest); null keeps all, as tests want.
        /// A long-running host sets it, or the records of every request would grow for as long as it runs.
        /// </summary>
        public int? RecordLimit { get; init; }

        /// <summary>The clock for OperationCreatedOn.</summary>
        public Func<DateTime> UtcNow { get; init; } = () => DateTime.UtcNow;

        /// <summary>
        /// Where each service endpoint (by ServiceEndpointId) posts over HTTP, e.g. the local bot for the host's --bot-url.
        /// An endpoint not listed here is recorded in <see cref="PluginPipeline.ServiceEndpointPosts"/> but not sent: the
        /// solution's URL is a placeholder until an admin sets the real one.
        /// </summary>
        public IReadOnlyDictionary<Guid, ServiceEndpointTarget> ServiceEndpoints { get; init; } = new Dictionary<Guid, ServiceEndpointTarget>();

        /// <summary>The client webhooks post with; null: one shared client of the process.</summary>
        public HttpClient? WebhookHttpClient { get; init; }

        /// <summary>How long a webhook waits for the answer before the post fails (Dataverse: 60 seconds).</summary>
        public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(60);

        /// <summary>The environment's domain name, sent in x-ms-dynamics-organization; null: {OrganizationName}.crm.dynamics.com.</summary>
        public string? OrganizationDomainName { get; init; }
    }
}
