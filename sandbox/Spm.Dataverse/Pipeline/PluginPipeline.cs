using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// The event execution pipeline over an <see cref="IDataverseStore"/>: for a message on a table it runs
    /// PreValidation (outside the transaction), then in one transaction PreOperation, the core operation and synchronous
    /// PostOperation steps (each stage in Rank order), commits, and queues asynchronous PostOperation steps for after the commit.
    /// For a Custom API (<see cref="RegisterCustomApi"/>) the core operation is its plug-in, run at stage 30 (MainOperation).
    /// </summary>
    /// <remarks>
    /// Errors: any exception in a synchronous step rolls the whole transaction back (including rows written by nested calls)
    /// and reaches the caller as a <see cref="DataverseFaultException"/>, what a client of Dataverse sees (a fault, never the
    /// plug-in's exception type): an <see cref="InvalidPluginExecutionException"/> keeps its message, is the fault's
    /// InnerException and gives its error code if it was built with one, 0x80040265 (IsvAborted) otherwise; any other
    /// exception becomes "Unexpected exception from plug-in (Execute): …" with code 0x80040224. A fault raised deeper (by
    /// the store, or the depth limit) passes through unchanged.
    /// Concurrency: requests from several threads are safe; top-level requests and asynchronous jobs run one at a time, as
    /// if every transaction took the same row lock (which is what SPM postings do in Dataverse with the ledger state row).
    /// <see cref="Transactions"/> records the rows each transaction wrote (the exclusive locks Dataverse would hold), so a test
    /// can assert which transactions would block each other.
    /// </remarks>
    public sealed class PluginPipeline
    {
        /// <summary>The fault code of the infinite-loop (depth) check, 0x8004A0F0.</summary>
        public const int InfiniteLoopErrorCode = -2147180304;

        /// <summary>The platform's message when Depth exceeds the maximum.</summary>
        public const string InfiniteLoopMessage =
            "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again.";

        /// <summary>0x80040224: a plug-in threw something other than InvalidPluginExecutionException.</summary>
        public const int UnexpectedPluginExceptionErrorCode = -2147220956;

        /// <summary>0x80040265 (IsvAborted): the fault code of an InvalidPluginExecutionException thrown without a code of its own.</summary>
        public const int IsvAbortedErrorCode = -2147220891;

        private readonly IDataverseStore _store;
        private readonly IPluginTypeResolver _resolver;
        private readonly StepRegistry _registry;
        private readonly ExecutionLog _log;
        private readonly AsyncStepQueue _asyncQueue;
        private readonly MessageExecutor _executor;

        public PluginPipeline(IDataverseStore store, PluginPipelineOptions? options = null, IPluginTypeResolver? resolver = null)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            Options = options ?? new PluginPipelineOptions();
            _log = new ExecutionLog(Options.RecordLimit);
            _resolver = resolver ?? new PluginTypeResolver();
            _registry = new StepRegistry(Options);
            var runner = new StepRunner(this, _log);
            var serial = new object();
            _asyncQueue = new AsyncStepQueue(_store, Options, runner, _log, serial);
            _executor = new MessageExecutor(_store, Options, _registry, runner, _log, _asyncQueue, serial);
            _store.RegisterSystemUser(Options.SystemUserId);
        }

        public PluginPipelineOptions Options { get; }

        public IDataverseStore Store => _store;

        /// <summary>The registered steps, in registration order.</summary>
        public IReadOnlyList<StepRegistration> Steps => _registry.Steps;

        /// <summary>The registered Custom APIs, in registration order.</summary>
        public IReadOnlyList<CustomApiRegistration> CustomApis => _registry.CustomApis;

        /// <summary>Every step run so far (synchronous and asynchronous, failed ones included), in the order they finished.</summary>
        public IReadOnlyList<ExecutionRecord> Executions => _log.Executions;

        /// <summary>
        /// Every transaction run so far (committed and rolled back), in the order they began, each with the rows it locked.
        /// Retrieve and RetrieveMultiple are not recorded: they lock nothing.
        /// </summary>
        public IReadOnlyList<TransactionRecord> Transactions => _log.Transactions;

        /// <summary>Every trace line of every step run, in the order the runs started.</summary>
        public IReadOnlyList<string> Traces => _log.Traces;

        /// <summary>What service-endpoint steps (webhooks) posted, in order: one per run of such a step.</summary>
        public IReadOnlyList<ServiceEndpointPost> ServiceEndpointPosts => _log.ServiceEndpointPosts;

        /// <summary>Asynchronous steps that failed every attempt.</summary>
        public IReadOnlyList<AsyncOperationFailure> FailedAsyncOperations => _log.FailedAsyncOperations;

        /// <summary>Asynchronous steps queued by committed operations and not yet run.</summary>
        public int PendingAsyncSteps => _asyncQueue.Pending;

        /// <summary>The service endpoints (webhooks) registered, by RegisterFolder or in code.</summary>
        public IReadOnlyList<ServiceEndpointRegistration> ServiceEndpoints => _registry.ServiceEndpoints;

        /// <summary>Names a service endpoint, so its posts carry the name.</summary>
        public void RegisterServiceEndpoint(Guid id, string name) => _registry.RegisterServiceEndpoint(new ServiceEndpointRegistration(id, name));

        /// <summary>Registers a service endpoint before the steps that post to it (RegisterFolder reads them from PluginAssemblies/ServiceEndpoints.xml).</summary>
        public void RegisterServiceEndpoint(ServiceEndpointRegistration endpoint) => _registry.RegisterServiceEndpoint(endpoint ?? throw new ArgumentNullException(nameof(endpoint)));

        /// <summary>Forgets the execution and transaction records and failures (not the steps, not the queue).</summary>
        public void ClearRecords() => _log.Clear();

        /// <summary>Registers a step run by <paramref name="plugin"/>. The step is validated as a step file would be.</summary>
        public StepRegistration Register(StepRegistration step, IPlugin plugin) => _registry.Register(step, plugin);

        /// <summary>Registers a step whose plug-in the resolver creates from its PluginTypeName.</summary>
        public StepRegistration Register(StepRegistration step)
        {
            ArgumentNullException.ThrowIfNull(step);
            if (step.ServiceEndpointId is { } endpoint)
            {
                return Register(step, new ServiceEndpointPoster(_registry.ServiceEndpoint(endpoint), Options, _log.Add));
            }

            return Register(step, _resolver.Resolve(step));
        }

        /// <summary>Registers a step built in code (named and shaped as <see cref="StepRegistration.For"/> does), adjusted by <paramref name="configure"/>.</summary>
        public StepRegistration Register(
            string messageName,
            string? primaryEntity,
            PipelineStage stage,
            IPlugin plugin,
            Func<StepRegistration, StepRegistration>? configure = null)
        {
            ArgumentNullException.ThrowIfNull(plugin);
            StepRegistration step = StepRegistration.For(messageName, primaryEntity, stage, plugin.GetType(), catalog: Options.Catalog);
            return Register(configure is null ? step : configure(step), plugin);
        }

        /// <summary>
        /// Registers a Custom API: requests named <paramref name="uniqueName"/> run <paramref name="plugin"/> as their main
        /// operation (stage 30, synchronous, in the transaction) instead of a data operation. Steps registered on the message
        /// run before and after it as on any message; the response's Results are the plug-in's OutputParameters.
        /// </summary>
        /// <param name="uniqueName">The message name, with the publisher's customization prefix (e.g. spm_EstimateCommission).</param>
        /// <param name="plugin">The plug-in the customapi record names.</param>
        /// <param name="isFunction">A function rather than an action (no difference over the SDK).</param>
        /// <param name="boundEntityLogicalName">For an entity-bound API, the table its Target points to; null for a global API.</param>
        /// <param name="executePrivilegeName">The customapi's executeprivilegename: a caller without it gets PrivilegeDenied; null lets anyone call.</param>
        public CustomApiRegistration RegisterCustomApi(string uniqueName, IPlugin plugin, bool isFunction = false, string? boundEntityLogicalName = null, string? executePrivilegeName = null) =>
            _registry.RegisterCustomApi(uniqueName, plugin, isFunction, boundEntityLogicalName, executePrivilegeName);

        /// <summary>Registers every step of an unpacked solution folder (the packed steps, then the post-import ones; see <see cref="StepRegistrationReader.ReadFolder"/>), resolving their plug-in types; a service-endpoint step posts to its webhook (or records the post) when it runs.</summary>
        public IReadOnlyList<StepRegistration> RegisterFolder(string folder)
        {
            foreach (ServiceEndpointRegistration endpoint in ServiceEndpointRegistration.ReadFolder(folder))
            {
                RegisterServiceEndpoint(endpoint);
            }

            IReadOnlyList<StepRegistration> steps = new StepRegistrationReader(Options.Catalog).ReadFolder(folder);
            foreach (StepRegistration step in steps)
            {
                Register(step);
            }

            return steps;
        }

        /// <summary>An organization service for a user (null: SYSTEM) whose every call runs through the pipeline at depth 1.</summary>
        public IOrganizationService CreateOrganizationService(Guid? userId)
        {
            Guid user = userId ?? Options.SystemUserId;
            return new PipelineOrganizationService(this, user, user, null, null);
        }

        /// <summary>
        /// Runs the queued asynchronous steps (and any they queue in turn) until the queue is empty. Each is tried up to
        /// <see cref="PluginPipelineOptions.AsyncMaxAttempts"/> times; every failed try is recorded, and a step that fails every
        /// try ends in <see cref="FailedAsyncOperations"/>. Returns how many queued steps were run.
        /// </summary>
        public int RunAsyncSteps() => _asyncQueue.RunAll();

        /// <summary>Executes one request through the pipeline. <paramref name="parent"/> is the context of the plug-in making the call.</summary>
        internal OrganizationResponse Execute(OrganizationRequest request, Guid userId, Guid initiatingUserId, PluginExecutionContext? parent) =>
            _executor.Execute(request, userId, initiatingUserId, parent);
    }
}
