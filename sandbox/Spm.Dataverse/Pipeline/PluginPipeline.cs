using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
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

        // 0x80131500, System.Exception's HResult: the ErrorCode of an InvalidPluginExecutionException built without a code.
        private const int NoPluginErrorCode = -2146233088;

        private readonly IDataverseStore _store;
        private readonly IPluginTypeResolver _resolver;
        private readonly List<RegisteredStep> _steps = new List<RegisteredStep>();
        private readonly Dictionary<string, CustomApiStep> _customApis = new Dictionary<string, CustomApiStep>(StringComparer.OrdinalIgnoreCase);
        private readonly Queue<AsyncJob> _asyncQueue = new Queue<AsyncJob>();
        private readonly List<ExecutionRecord> _records = new List<ExecutionRecord>();
        private readonly List<TransactionRecord> _transactionRecords = new List<TransactionRecord>();
        private readonly List<AsyncOperationFailure> _asyncFailures = new List<AsyncOperationFailure>();
        private readonly List<ServiceEndpointPost> _serviceEndpointPosts = new List<ServiceEndpointPost>();
        private readonly Dictionary<Guid, string> _serviceEndpointNames = new Dictionary<Guid, string>();
        private readonly object _gate = new object();

        // Held for a whole top-level request or async job: the store's transactions nest as a stack, one thread's at a time.
        private readonly object _serial = new object();
        private long _sequence;
        private long _transactionSequence;
        private bool _drainingAsync;

        public PluginPipeline(IDataverseStore store, PluginPipelineOptions? options = null, IPluginTypeResolver? resolver = null)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            Options = options ?? new PluginPipelineOptions();
            _resolver = resolver ?? new PluginTypeResolver();
        }

        public PluginPipelineOptions Options { get; }

        public IDataverseStore Store => _store;

        /// <summary>The registered steps, in registration order.</summary>
        public IReadOnlyList<StepRegistration> Steps
        {
            get
            {
                lock (_gate)
                {
                    return _steps.Select(s => s.Registration).ToArray();
                }
            }
        }

        /// <summary>The registered Custom APIs, in registration order.</summary>
        public IReadOnlyList<CustomApiRegistration> CustomApis
        {
            get
            {
                lock (_gate)
                {
                    return _customApis.Values.OrderBy(a => a.Step.Order).Select(a => a.Api).ToArray();
                }
            }
        }

        /// <summary>Every step run so far (synchronous and asynchronous, failed ones included), in the order they finished.</summary>
        public IReadOnlyList<ExecutionRecord> Executions
        {
            get
            {
                lock (_gate)
                {
                    return _records.ToArray();
                }
            }
        }

        /// <summary>
        /// Every transaction run so far (committed and rolled back), in the order they began, each with the rows it locked.
        /// Retrieve and RetrieveMultiple are not recorded: they lock nothing.
        /// </summary>
        public IReadOnlyList<TransactionRecord> Transactions
        {
            get
            {
                lock (_gate)
                {
                    return _transactionRecords.OrderBy(t => t.Sequence).ToArray();
                }
            }
        }

        /// <summary>Every trace line of every step run, in the order the runs started.</summary>
        public IReadOnlyList<string> Traces
        {
            get
            {
                lock (_gate)
                {
                    return _records.OrderBy(r => r.Sequence).SelectMany(r => r.TraceLines).ToArray();
                }
            }
        }

        /// <summary>What service-endpoint steps (webhooks) posted, in order: one per run of such a step.</summary>
        public IReadOnlyList<ServiceEndpointPost> ServiceEndpointPosts
        {
            get
            {
                lock (_gate)
                {
                    return _serviceEndpointPosts.ToArray();
                }
            }
        }

        /// <summary>Names a service endpoint, so its posts carry the name (RegisterFolder reads them from Other/Customizations.xml).</summary>
        public void RegisterServiceEndpoint(Guid id, string name)
        {
            lock (_gate)
            {
                _serviceEndpointNames[id] = name;
            }
        }

        /// <summary>Asynchronous steps that failed every attempt.</summary>
        public IReadOnlyList<AsyncOperationFailure> FailedAsyncOperations
        {
            get
            {
                lock (_gate)
                {
                    return _asyncFailures.ToArray();
                }
            }
        }

        /// <summary>Asynchronous steps queued by committed operations and not yet run.</summary>
        public int PendingAsyncSteps
        {
            get
            {
                lock (_gate)
                {
                    return _asyncQueue.Count;
                }
            }
        }

        /// <summary>Forgets the execution and transaction records and failures (not the steps, not the queue).</summary>
        public void ClearRecords()
        {
            lock (_gate)
            {
                _records.Clear();
                _transactionRecords.Clear();
                _asyncFailures.Clear();
            }
        }

        /// <summary>Registers a step run by <paramref name="plugin"/>. The step is validated as a step file would be.</summary>
        public StepRegistration Register(StepRegistration step, IPlugin plugin)
        {
            ArgumentNullException.ThrowIfNull(step);
            ArgumentNullException.ThrowIfNull(plugin);
            StepRegistrationValidator.Validate(step, "step " + step.Name, Options.Catalog);
            Guid? runAs = null;
            if (step.ImpersonatingUserIdName is { } userName)
            {
                if (!Options.UsersByDomainName.TryGetValue(userName, out Guid userId))
                {
                    throw new StepRegistrationException("step " + step.Name, "ImpersonatingUserIdName",
                        $"user '{userName}' is not in PluginPipelineOptions.UsersByDomainName.");
                }

                runAs = userId;
            }

            lock (_gate)
            {
                if (_steps.Any(s => s.Registration.Id == step.Id))
                {
                    throw new StepRegistrationException("step " + step.Name, "SdkMessageProcessingStep/@SdkMessageProcessingStepId",
                        $"step {step.Id:D} is already registered.");
                }

                _steps.Add(new RegisteredStep(step, plugin, runAs, _steps.Count));
            }

            return step;
        }

        /// <summary>Registers a step whose plug-in the resolver creates from its PluginTypeName.</summary>
        public StepRegistration Register(StepRegistration step)
        {
            ArgumentNullException.ThrowIfNull(step);
            if (step.ServiceEndpointId is { } endpoint)
            {
                string name;
                lock (_gate)
                {
                    name = _serviceEndpointNames.TryGetValue(endpoint, out string? known) ? known : endpoint.ToString("D");
                }

                return Register(step, new ServiceEndpointPoster(endpoint, name, post =>
                {
                    lock (_gate)
                    {
                        _serviceEndpointPosts.Add(post);
                    }
                }));
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
        public CustomApiRegistration RegisterCustomApi(string uniqueName, IPlugin plugin, bool isFunction = false, string? boundEntityLogicalName = null)
        {
            ArgumentNullException.ThrowIfNull(plugin);
            const string source = "custom API";
            if (string.IsNullOrWhiteSpace(uniqueName))
            {
                throw new StepRegistrationException(source, "UniqueName", "a custom API needs a unique name.");
            }

            int underscore = uniqueName.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || underscore == uniqueName.Length - 1 || uniqueName.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
            {
                throw new StepRegistrationException(source + " " + uniqueName, "UniqueName",
                    "a custom API's unique name is the publisher's customization prefix, an underscore and letters or digits (e.g. spm_EstimateCommission).");
            }

            if (IsCoreMessage(uniqueName))
            {
                throw new StepRegistrationException(source + " " + uniqueName, "UniqueName", $"'{uniqueName}' is a platform message.");
            }

            var api = new CustomApiRegistration(uniqueName, plugin, isFunction, boundEntityLogicalName);
            lock (_gate)
            {
                if (_customApis.ContainsKey(uniqueName))
                {
                    throw new StepRegistrationException(source + " " + uniqueName, "UniqueName", $"custom API '{uniqueName}' is already registered.");
                }

                // The main operation is recorded like a step (stage 30), so Executions and Traces show it.
                StepRegistration main = StepRegistration.For(uniqueName, boundEntityLogicalName, PipelineStage.MainOperation, plugin.GetType(), catalog: Options.Catalog) with
                {
                    Name = $"{api.PluginTypeName}: custom API {uniqueName}",
                };
                _customApis.Add(uniqueName, new CustomApiStep(api, new RegisteredStep(main, plugin, null, _customApis.Count)));
            }

            return api;
        }

        /// <summary>Registers every step of an unpacked solution folder (the packed steps, then the post-import ones; see <see cref="StepRegistrationReader.ReadFolder"/>), resolving their plug-in types; a service-endpoint step records a post when it runs.</summary>
        public IReadOnlyList<StepRegistration> RegisterFolder(string folder)
        {
            foreach (KeyValuePair<Guid, string> endpoint in ServiceEndpointPoster.ReadNames(folder))
            {
                RegisterServiceEndpoint(endpoint.Key, endpoint.Value);
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
        public int RunAsyncSteps()
        {
            lock (_gate)
            {
                if (_drainingAsync)
                {
                    return 0;
                }

                _drainingAsync = true;
            }

            int ran = 0;
            try
            {
                while (true)
                {
                    AsyncJob job;
                    lock (_gate)
                    {
                        if (_asyncQueue.Count == 0)
                        {
                            break;
                        }

                        job = _asyncQueue.Dequeue();
                    }

                    lock (_serial)
                    {
                        RunAsyncJob(job);
                    }

                    ran++;
                }
            }
            finally
            {
                lock (_gate)
                {
                    _drainingAsync = false;
                }
            }

            return ran;
        }

        /// <summary>Executes one request through the pipeline. <paramref name="parent"/> is the context of the plug-in making the call.</summary>
        internal OrganizationResponse Execute(OrganizationRequest request, Guid userId, Guid initiatingUserId, PluginExecutionContext? parent)
        {
            lock (_serial)
            {
                return ExecuteSerialized(request, userId, initiatingUserId, parent);
            }
        }

        private OrganizationResponse ExecuteSerialized(OrganizationRequest request, Guid userId, Guid initiatingUserId, PluginExecutionContext? parent)
        {
            if (request is ExecuteMultipleRequest multiple)
            {
                return ExecuteMultiple(multiple, userId, initiatingUserId, parent);
            }

            OrganizationRequest coreRequest = RequestInspector.Copy(request);
            string messageName = MessageNames.FromRequestName(coreRequest.RequestName ?? string.Empty);
            (string? entityName, Guid entityId) = RequestInspector.PrimaryEntity(messageName, coreRequest);
            int depth = (parent?.Depth ?? 0) + 1;
            Guid correlationId = parent?.CorrelationId ?? Guid.NewGuid();
            bool parentInTransaction = parent?.IsInTransaction ?? false;

            RegisteredStep[] candidates;
            lock (_gate)
            {
                candidates = _steps
                    .Where(s => string.Equals(s.Registration.MessageName, messageName, StringComparison.OrdinalIgnoreCase)
                        && (s.Registration.PrimaryEntity is null || string.Equals(s.Registration.PrimaryEntity, entityName, StringComparison.Ordinal)))
                    .OrderBy(s => s.Registration.Rank)
                    .ThenBy(s => s.Order)
                    .ToArray();
            }

            CustomApiStep? customApi;
            lock (_gate)
            {
                _customApis.TryGetValue(messageName, out customApi);
            }

            if (customApi?.Api.BoundEntityLogicalName is { } bound && !string.Equals(entityName, bound, StringComparison.Ordinal))
            {
                throw new DataverseFaultException(
                    Spm.Dataverse.Store.DataverseErrors.InvalidArgument,
                    $"Custom API {customApi.Api.UniqueName} is bound to '{bound}': its Target must be an EntityReference to a {bound} record.");
            }

            if ((candidates.Length > 0 || customApi is not null) && depth > Options.MaxDepth)
            {
                throw new DataverseFaultException(InfiniteLoopErrorCode, InfiniteLoopMessage);
            }

            var operation = new Operation(this, coreRequest, messageName, entityName, entityId, depth, correlationId, userId, initiatingUserId, parent);

            // PreValidation: before the transaction (inside the caller's, for a nested call).
            operation.RunStage(candidates, PipelineStage.PreValidation, parentInTransaction, frame: parentInTransaction ? parent!.Frame : null);

            bool recorded = parentInTransaction || messageName is MessageNames.Retrieve or MessageNames.RetrieveMultiple;
            long transactionSequence = recorded ? 0 : Interlocked.Increment(ref _transactionSequence);
            var frame = new ExecutionFrame(parentInTransaction ? parent!.Frame : null, transactionSequence);
            using (IStoreTransaction transaction = _store.BeginTransaction())
            {
                try
                {
                    operation.CapturePreImage(candidates);
                    operation.RunStage(candidates, PipelineStage.PreOperation, inTransaction: true, frame);

                    OrganizationResponse response;
                    if (customApi is not null)
                    {
                        response = operation.RunMainOperation(customApi.Step, frame);
                    }
                    else
                    {
                        if (messageName == MessageNames.Delete)
                        {
                            CascadeDelete(coreRequest, operation.CascadeContext(frame), userId, initiatingUserId);
                        }

                        response = _store.ExecuteCore(coreRequest, userId);
                    }

                    operation.CompleteCore(response);
                    operation.CapturePostImage(candidates);

                    operation.RunStage(candidates, PipelineStage.PostOperation, inTransaction: true, frame);
                    operation.QueueAsync(candidates, frame);

                    transaction.Commit();
                    if (!recorded)
                    {
                        recorded = true;
                        RecordTransaction(transactionSequence, operation, transaction.LockedRows, null);
                    }

                    if (frame.Parent is not null)
                    {
                        frame.Parent.PendingAsync.AddRange(frame.PendingAsync);
                    }
                    else
                    {
                        Enqueue(frame.PendingAsync);
                    }

                    if (depth == 1 && Options.AutoRunAsyncSteps && frame.PendingAsync.Count > 0)
                    {
                        RunAsyncSteps();
                    }

                    return response;
                }
                catch (Exception ex) when (!recorded)
                {
                    // Roll back first, so the record lists every lock the transaction held until it ended.
                    transaction.Dispose();
                    RecordTransaction(transactionSequence, operation, transaction.LockedRows, ex);
                    throw;
                }
            }
        }

        /// <summary>
        /// The children a Delete cascades to are deleted first, each through its own Delete pipeline inside this transaction
        /// (Dataverse runs the children's Delete plug-ins); the store then refuses, cascades what is left and removes links.
        /// </summary>
        private void CascadeDelete(OrganizationRequest request, PluginExecutionContext context, Guid userId, Guid initiatingUserId)
        {
            if (!request.Parameters.TryGetValue("Target", out object? value) || value is not EntityReference target)
            {
                return;
            }

            foreach (EntityReference child in _store.PrepareDelete(target))
            {
                if (_store.Snapshot(child.LogicalName, child.Id, Array.Empty<string>()) is not null)
                {
                    Execute(new DeleteRequest { Target = child }, userId, initiatingUserId, context);
                }
            }
        }

        private void RecordTransaction(long sequence, Operation operation, IReadOnlyList<LockedRow> locks, Exception? error)
        {
            var record = new TransactionRecord
            {
                Sequence = sequence,
                MessageName = operation.MessageName,
                PrimaryEntityName = operation.EntityName,
                PrimaryEntityId = operation.EntityId,
                Depth = operation.Depth,
                CorrelationId = operation.CorrelationId,
                UserId = operation.UserId,
                LockedRows = locks,
                Exception = error,
            };
            lock (_gate)
            {
                _transactionRecords.Add(record);
            }
        }

        /// <summary>The messages the store executes itself: a custom API cannot take one of these names.</summary>
        private static bool IsCoreMessage(string name) => name.ToUpperInvariant() switch
        {
            "CREATE" or "RETRIEVE" or "RETRIEVEMULTIPLE" or "UPDATE" or "DELETE" or "UPSERT" or "ASSIGN" or "SETSTATE"
                or "SETSTATEDYNAMICENTITY" or "WINOPPORTUNITY" or "LOSEOPPORTUNITY" or "WIN" or "LOSE" or "EXECUTEMULTIPLE"
                or "ASSOCIATE" or "DISASSOCIATE" or "GRANTACCESS" or "REVOKEACCESS" or "RETRIEVESHAREDPRINCIPALSANDACCESS" => true,
            _ => false,
        };

        private OrganizationResponse ExecuteMultiple(ExecuteMultipleRequest request, Guid userId, Guid initiatingUserId, PluginExecutionContext? parent)
        {
            ExecuteMultipleSettings settings = request.Settings ?? new ExecuteMultipleSettings();
            var items = new ExecuteMultipleResponseItemCollection();
            bool faulted = false;
            OrganizationRequestCollection requests = request.Requests ?? new OrganizationRequestCollection();
            for (int i = 0; i < requests.Count; i++)
            {
                try
                {
                    OrganizationResponse response = Execute(requests[i], userId, initiatingUserId, parent);
                    if (settings.ReturnResponses)
                    {
                        items.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Response = response });
                    }
                }
                catch (DataverseFaultException fault)
                {
                    faulted = true;
                    items.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Fault = fault.Fault });
                    if (!settings.ContinueOnError)
                    {
                        break;
                    }
                }
            }

            var result = new ExecuteMultipleResponse { ResponseName = "ExecuteMultiple" };
            result.Results["IsFaulted"] = faulted;
            result.Results["Responses"] = items;
            return result;
        }

        private void Enqueue(IEnumerable<AsyncJob> jobs)
        {
            lock (_gate)
            {
                foreach (AsyncJob job in jobs)
                {
                    _asyncQueue.Enqueue(job);
                }
            }
        }

        private void RunAsyncJob(AsyncJob job)
        {
            int attempts = Math.Max(1, Options.AsyncMaxAttempts);
            var errors = new List<Exception>();
            for (int attempt = 1; attempt <= attempts; attempt++)
            {
                // Each try sees a fresh copy of the context captured at queue time, as a system job deserializes it.
                PluginExecutionContext context = CopyForRetry(job.Context);
                context.OperationId = job.Context.OperationId;
                try
                {
                    RunStep(job.Step, context, attempt);
                    return;
                }
                catch (DataverseFaultException fault)
                {
                    errors.Add(fault.InnerException ?? fault);
                }
            }

            lock (_gate)
            {
                _asyncFailures.Add(new AsyncOperationFailure(job.Step.Registration, job.Context.PrimaryEntityId, attempts, errors));
            }
        }

        private static PluginExecutionContext CopyForRetry(PluginExecutionContext context)
        {
            var copy = new PluginExecutionContext
            {
                BusinessUnitId = context.BusinessUnitId,
                CorrelationId = context.CorrelationId,
                Depth = context.Depth,
                InitiatingUserId = context.InitiatingUserId,
                InputParameters = RequestInspector.CopyParameters(context.InputParameters),
                IsInTransaction = false,
                MessageName = context.MessageName,
                Mode = context.Mode,
                OperationCreatedOn = context.OperationCreatedOn,
                OrganizationId = context.OrganizationId,
                OrganizationName = context.OrganizationName,
                OutputParameters = RequestInspector.CopyParameters(context.OutputParameters),
                OwningExtension = context.OwningExtension,
                PrimaryEntityId = context.PrimaryEntityId,
                PrimaryEntityName = context.PrimaryEntityName,
                RequestId = context.RequestId,
                SharedVariables = RequestInspector.CopyParameters(context.SharedVariables),
                UserId = context.UserId,
                ParentContext = context.ParentContext,
                Stage = context.Stage,
                Frame = null,
            };
            copy.PreEntityImages = CopyImages(context.PreEntityImages);
            copy.PostEntityImages = CopyImages(context.PostEntityImages);
            return copy;
        }

        private static EntityImageCollection CopyImages(EntityImageCollection images)
        {
            var copy = new EntityImageCollection();
            foreach (KeyValuePair<string, Entity> image in images)
            {
                copy[image.Key] = RequestInspector.CopyEntity(image.Value);
            }

            return copy;
        }

        /// <summary>Runs one step with its context; records the run; translates a failure into the fault the caller sees.</summary>
        internal void RunStep(RegisteredStep step, PluginExecutionContext context, int attempt = 1)
        {
            var tracing = new TracingService();
            var counter = new RequestCounter();
            var provider = new PluginServiceProvider(this, context, tracing, counter);
            long sequence = Interlocked.Increment(ref _sequence);
            var stopwatch = Stopwatch.StartNew();
            Exception? error = null;
            try
            {
                step.Plugin.Execute(provider);
            }
            catch (Exception ex)
            {
                error = ex;
                throw Translate(ex, step.Registration);
            }
            finally
            {
                stopwatch.Stop();
                var record = new ExecutionRecord
                {
                    Sequence = sequence,
                    MessageName = context.MessageName,
                    PrimaryEntityName = context.PrimaryEntityName == "none" ? null : context.PrimaryEntityName,
                    PrimaryEntityId = context.PrimaryEntityId,
                    Stage = (PipelineStage)context.Stage,
                    Mode = (StepMode)context.Mode,
                    PluginTypeName = step.Registration.PluginTypeFullName,
                    StepId = step.Registration.Id,
                    StepName = step.Registration.Name,
                    Depth = context.Depth,
                    CorrelationId = context.CorrelationId,
                    UserId = context.UserId,
                    Duration = stopwatch.Elapsed,
                    TraceLines = tracing.Lines.ToArray(),
                    Exception = error,
                    Requests = counter.Requests,
                    Attempt = attempt,
                    TransactionSequence = context.Frame is { TransactionSequence: > 0 } frame ? frame.TransactionSequence : null,
                };
                lock (_gate)
                {
                    _records.Add(record);
                }
            }
        }

        private static DataverseFaultException Translate(Exception exception, StepRegistration step)
        {
            switch (exception)
            {
                case DataverseFaultException fault:
                    return fault;
                case InvalidPluginExecutionException invalid:
                    return new DataverseFaultException(invalid.ErrorCode == NoPluginErrorCode ? IsvAbortedErrorCode : invalid.ErrorCode, invalid.Message, invalid);
                default:
                    return new DataverseFaultException(
                        UnexpectedPluginExceptionErrorCode,
                        $"Unexpected exception from plug-in (Execute): {step.PluginTypeFullName}: {exception.GetType().FullName}: {exception.Message}",
                        exception);
            }
        }

        private sealed class CustomApiStep
        {
            public CustomApiStep(CustomApiRegistration api, RegisteredStep step)
            {
                Api = api;
                Step = step;
            }

            public CustomApiRegistration Api { get; }

            public RegisteredStep Step { get; }
        }

        /// <summary>The state of one message execution shared by its stages: parameters, shared variables, images.</summary>
        private sealed class Operation
        {
            private readonly PluginPipeline _pipeline;
            private readonly OrganizationRequest _request;
            private readonly string _messageName;
            private readonly string? _entityName;
            private readonly int _depth;
            private readonly Guid _correlationId;
            private readonly Guid _userId;
            private readonly Guid _initiatingUserId;
            private readonly PluginExecutionContext? _parent;
            private readonly ParameterCollection _sharedVariables = new ParameterCollection();
            private readonly DateTime _createdOn;
            private Guid _entityId;
            private ParameterCollection _outputParameters = new ParameterCollection();
            private Entity? _preImage;
            private bool _preImageTaken;
            private Entity? _postImage;

            public Operation(
                PluginPipeline pipeline,
                OrganizationRequest request,
                string messageName,
                string? entityName,
                Guid entityId,
                int depth,
                Guid correlationId,
                Guid userId,
                Guid initiatingUserId,
                PluginExecutionContext? parent)
            {
                _pipeline = pipeline;
                _request = request;
                _messageName = messageName;
                _entityName = entityName;
                _entityId = entityId;
                _depth = depth;
                _correlationId = correlationId;
                _userId = userId;
                _initiatingUserId = initiatingUserId;
                _parent = parent;
                _createdOn = pipeline.Options.UtcNow();
            }

            public string MessageName => _messageName;

            public string? EntityName => _entityName;

            public Guid EntityId => _entityId;

            public int Depth => _depth;

            public Guid CorrelationId => _correlationId;

            public Guid UserId => _userId;

            /// <summary>The context a cascaded child Delete runs under: this operation, in its transaction, as its parent.</summary>
            public PluginExecutionContext CascadeContext(ExecutionFrame frame)
            {
                PluginPipelineOptions options = _pipeline.Options;
                return new PluginExecutionContext
                {
                    BusinessUnitId = options.BusinessUnitId,
                    CorrelationId = _correlationId,
                    Depth = _depth,
                    InitiatingUserId = _initiatingUserId,
                    InputParameters = _request.Parameters,
                    IsInTransaction = true,
                    MessageName = _messageName,
                    Mode = (int)StepMode.Synchronous,
                    OperationCreatedOn = _createdOn,
                    OrganizationId = options.OrganizationId,
                    OrganizationName = options.OrganizationName,
                    PrimaryEntityId = _entityId,
                    PrimaryEntityName = _entityName ?? "none",
                    RequestId = _request.RequestId,
                    UserId = _userId,
                    ParentContext = _parent,
                    Stage = (int)PipelineStage.MainOperation,
                    Frame = frame,
                };
            }

            public void RunStage(RegisteredStep[] candidates, PipelineStage stage, bool inTransaction, ExecutionFrame? frame)
            {
                foreach (RegisteredStep step in candidates)
                {
                    if (step.Registration.Stage != stage || step.Registration.Mode != StepMode.Synchronous || !PassesFilter(step.Registration))
                    {
                        continue;
                    }

                    if (stage == PipelineStage.PreValidation && NeedsPreImage(step.Registration))
                    {
                        // PreValidation runs before the operation's transaction: its pre-image is read when the step runs.
                        _preImage = Snapshot();
                        _preImageTaken = true;
                    }

                    PluginExecutionContext context = BuildContext(step, stage, StepMode.Synchronous, inTransaction);
                    context.Frame = frame;
                    _pipeline.RunStep(step, context);
                }
            }

            /// <summary>
            /// The core operation of a Custom API: its plug-in at stage 30, in the transaction, with the request's parameters
            /// as InputParameters. What it puts in OutputParameters is the response.
            /// </summary>
            public OrganizationResponse RunMainOperation(RegisteredStep main, ExecutionFrame frame)
            {
                PluginExecutionContext context = BuildContext(main, PipelineStage.MainOperation, StepMode.Synchronous, inTransaction: true);
                context.Frame = frame;
                _pipeline.RunStep(main, context);
                var response = new OrganizationResponse { ResponseName = main.Registration.MessageName };
                foreach (KeyValuePair<string, object> output in context.OutputParameters)
                {
                    response.Results[output.Key] = output.Value;
                }

                return response;
            }

            public void CapturePreImage(RegisteredStep[] candidates)
            {
                if (candidates.Any(s => s.Registration.Stage != PipelineStage.PreValidation && NeedsPreImage(s.Registration)))
                {
                    _preImage = Snapshot();
                    _preImageTaken = true;
                }
            }

            public void CompleteCore(OrganizationResponse response)
            {
                _outputParameters = response.Results ?? new ParameterCollection();
                if (_messageName == MessageNames.Create && _outputParameters.TryGetValue("id", out object? id) && id is Guid created)
                {
                    _entityId = created;
                }
            }

            public void CapturePostImage(RegisteredStep[] candidates)
            {
                if (candidates.Any(s => s.Registration.Images.Any(i => i.IsPostImage)))
                {
                    _postImage = Snapshot();
                }
            }

            public void QueueAsync(RegisteredStep[] candidates, ExecutionFrame frame)
            {
                foreach (RegisteredStep step in candidates)
                {
                    if (step.Registration.Mode != StepMode.Asynchronous || !PassesFilter(step.Registration))
                    {
                        continue;
                    }

                    // The system job carries a serialized copy of the context, taken now.
                    PluginExecutionContext context = BuildContext(step, PipelineStage.PostOperation, StepMode.Asynchronous, inTransaction: false);
                    context.InputParameters = RequestInspector.CopyParameters(context.InputParameters);
                    context.OutputParameters = RequestInspector.CopyParameters(context.OutputParameters);
                    context.SharedVariables = RequestInspector.CopyParameters(context.SharedVariables);
                    context.OperationId = Guid.NewGuid();
                    frame.PendingAsync.Add(new AsyncJob(step, context));
                }
            }

            private bool PassesFilter(StepRegistration step)
            {
                if (step.FilteringAttributes.Count == 0 || _messageName != MessageNames.Update)
                {
                    return true;
                }

                return _request.Parameters.TryGetValue("Target", out object? target)
                    && target is Entity entity
                    && step.FilteringAttributes.Any(entity.Contains);
            }

            private static bool NeedsPreImage(StepRegistration step) => step.Images.Any(i => i.IsPreImage);

            private Entity? Snapshot()
            {
                return _entityName is null || _entityId == Guid.Empty ? null : _pipeline._store.Snapshot(_entityName, _entityId, null);
            }

            private PluginExecutionContext BuildContext(RegisteredStep step, PipelineStage stage, StepMode mode, bool inTransaction)
            {
                PluginPipelineOptions options = _pipeline.Options;
                var context = new PluginExecutionContext
                {
                    BusinessUnitId = options.BusinessUnitId,
                    CorrelationId = _correlationId,
                    Depth = _depth,
                    InitiatingUserId = _initiatingUserId,
                    InputParameters = _request.Parameters,
                    IsInTransaction = inTransaction,
                    MessageName = _messageName,
                    Mode = (int)mode,
                    OperationCreatedOn = _createdOn,
                    OrganizationId = options.OrganizationId,
                    OrganizationName = options.OrganizationName,
                    OutputParameters = stage == PipelineStage.PostOperation ? _outputParameters : new ParameterCollection(),
                    OwningExtension = new EntityReference("sdkmessageprocessingstep", step.Registration.Id) { Name = step.Registration.Name },
                    PrimaryEntityId = _entityId,
                    PrimaryEntityName = _entityName ?? "none",
                    RequestId = _request.RequestId,
                    SharedVariables = _sharedVariables,
                    UserId = step.RunAsUserId ?? _userId,
                    ParentContext = _parent,
                    Stage = (int)stage,
                };

                foreach (StepImageRegistration image in step.Registration.Images)
                {
                    if (image.IsPreImage && _preImageTaken && _preImage is not null)
                    {
                        context.PreEntityImages[image.EntityAlias] = Project(_preImage, image.Attributes);
                    }

                    if (image.IsPostImage && stage == PipelineStage.PostOperation && _postImage is not null)
                    {
                        context.PostEntityImages[image.EntityAlias] = Project(_postImage, image.Attributes);
                    }
                }

                return context;
            }

            private static Entity Project(Entity row, IReadOnlyList<string> attributes)
            {
                var image = new Entity(row.LogicalName, row.Id);
                IEnumerable<string> names = attributes.Count == 0 ? row.Attributes.Keys.ToArray() : attributes;
                foreach (string name in names)
                {
                    if (row.Attributes.TryGetValue(name, out object? value) && value is not null)
                    {
                        image.Attributes[name] = value;
                        if (row.FormattedValues.TryGetValue(name, out string? formatted))
                        {
                            image.FormattedValues[name] = formatted;
                        }
                    }
                }

                return image;
            }
        }
    }
}
