using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// Executes one request through the event pipeline: the depth check, PreValidation outside the transaction, then in one
    /// store transaction PreOperation, the core operation (or a Custom API's plug-in), synchronous PostOperation and the
    /// queueing of asynchronous steps, which reach the queue only when the outermost transaction commits.
    /// </summary>
    internal sealed class MessageExecutor
    {
        private readonly IDataverseStore _store;
        private readonly PluginPipelineOptions _options;
        private readonly StepRegistry _registry;
        private readonly StepRunner _runner;
        private readonly ExecutionLog _log;
        private readonly AsyncStepQueue _asyncQueue;

        // Held for a whole top-level request or async job: the store's transactions nest as a stack, one thread's at a time.
        private readonly object _serial;
        private long _transactionSequence;

        public MessageExecutor(
            IDataverseStore store,
            PluginPipelineOptions options,
            StepRegistry registry,
            StepRunner runner,
            ExecutionLog log,
            AsyncStepQueue asyncQueue,
            object serial)
        {
            _store = store;
            _options = options;
            _registry = registry;
            _runner = runner;
            _log = log;
            _asyncQueue = asyncQueue;
            _serial = serial;
        }

        /// <summary>Executes one request. <paramref name="parent"/> is the context of the plug-in making the call.</summary>
        public OrganizationResponse Execute(OrganizationRequest request, Guid userId, Guid initiatingUserId, PluginExecutionContext? parent)
        {
            lock (_serial)
            {
                return ExecuteSerialized(request, userId, initiatingUserId, parent, parent is { IsInTransaction: true } ? parent.Frame : null);
            }
        }

        /// <param name="enclosing">The transaction the request runs in (its caller's, or an ExecuteTransaction's); null: its own.</param>
        private OrganizationResponse ExecuteSerialized(
            OrganizationRequest request, Guid userId, Guid initiatingUserId, PluginExecutionContext? parent, ExecutionFrame? enclosing)
        {
            if (request is ExecuteMultipleRequest multiple)
            {
                return ExecuteMultiple(multiple, userId, initiatingUserId, parent);
            }

            if (request is ExecuteTransactionRequest transactionRequest)
            {
                return ExecuteTransaction(transactionRequest, userId, initiatingUserId, parent, enclosing);
            }

            OrganizationRequest coreRequest = RequestInspector.Copy(request);
            string messageName = MessageNames.FromRequestName(coreRequest.RequestName ?? string.Empty);
            (string? entityName, Guid entityId) = RequestInspector.PrimaryEntity(messageName, coreRequest);
            int depth = (parent?.Depth ?? 0) + 1;
            Guid correlationId = parent?.CorrelationId ?? Guid.NewGuid();
            bool inEnclosingTransaction = enclosing is not null;

            RegisteredStep[] candidates = _registry.StepsFor(messageName, entityName);
            CustomApiStep? customApi = _registry.CustomApiFor(messageName);

            if (customApi?.Api.BoundEntityLogicalName is { } bound && !string.Equals(entityName, bound, StringComparison.Ordinal))
            {
                throw new DataverseFaultException(
                    Spm.Dataverse.Store.DataverseErrors.InvalidArgument,
                    $"Custom API {customApi.Api.UniqueName} is bound to '{bound}': its Target must be an EntityReference to a {bound} record.");
            }

            // A Custom API's executeprivilegename: the caller needs it before anything runs.
            if (customApi?.Api.ExecutePrivilegeName is { } executePrivilege)
            {
                _store.DemandPrivilege(executePrivilege, userId);
            }

            if ((candidates.Length > 0 || customApi is not null) && depth > _options.MaxDepth)
            {
                throw new DataverseFaultException(PluginPipeline.InfiniteLoopErrorCode, PluginPipeline.InfiniteLoopMessage);
            }

            var operation = new MessageOperation(
                _options, _store, _runner, coreRequest, messageName, entityName, entityId, depth, correlationId, userId, initiatingUserId, parent);

            // PreValidation: before the transaction (inside the caller's, for a nested call).
            operation.RunStage(candidates, PipelineStage.PreValidation, inEnclosingTransaction, frame: enclosing);

            bool recorded = inEnclosingTransaction || messageName is MessageNames.Retrieve or MessageNames.RetrieveMultiple;
            long transactionSequence = recorded ? 0 : Interlocked.Increment(ref _transactionSequence);
            var frame = new ExecutionFrame(enclosing, transactionSequence);
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

                    HandOffAsync(frame, depth);
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

        /// <summary>After a commit, the asynchronous steps the execution queued wait for the enclosing transaction, or join the queue (and run, for a client's request, when the options say so).</summary>
        private void HandOffAsync(ExecutionFrame frame, int depth)
        {
            if (frame.Parent is not null)
            {
                frame.Parent.PendingAsync.AddRange(frame.PendingAsync);
                return;
            }

            _asyncQueue.Enqueue(frame.PendingAsync);
            if (depth == 1 && _options.AutoRunAsyncSteps && frame.PendingAsync.Count > 0)
            {
                _asyncQueue.RunAll();
            }
        }

        private void RecordTransaction(long sequence, MessageOperation operation, IReadOnlyList<LockedRow> locks, Exception? error) =>
            RecordTransaction(sequence, operation.MessageName, operation.EntityName, operation.EntityId, operation.Depth, operation.CorrelationId, operation.UserId, locks, error);

        private void RecordTransaction(
            long sequence, string messageName, string? entityName, Guid entityId, int depth, Guid correlationId, Guid userId, IReadOnlyList<LockedRow> locks, Exception? error)
        {
            _log.Add(new TransactionRecord
            {
                Sequence = sequence,
                MessageName = messageName,
                PrimaryEntityName = entityName,
                PrimaryEntityId = entityId,
                Depth = depth,
                CorrelationId = correlationId,
                UserId = userId,
                LockedRows = locks,
                Exception = error,
            });
        }

        /// <summary>
        /// ExecuteTransaction: the requests run in order, each through its own pipeline (its steps, PreValidation included, in
        /// this transaction), in one store transaction. The first fault rolls every request back and is rethrown as an
        /// <see cref="ExecuteTransactionFault"/> carrying its code, message and the failed request's index; asynchronous steps
        /// queued by the requests run only after the whole transaction commits.
        /// </summary>
        private OrganizationResponse ExecuteTransaction(
            ExecuteTransactionRequest request, Guid userId, Guid initiatingUserId, PluginExecutionContext? parent, ExecutionFrame? enclosing)
        {
            OrganizationRequestCollection requests = request.Requests
                ?? throw Spm.Dataverse.Store.DataverseErrors.Argument("ExecuteTransaction needs Requests: the requests to run in one transaction.");
            for (int i = 0; i < requests.Count; i++)
            {
                if (requests[i] is null)
                {
                    throw Spm.Dataverse.Store.DataverseErrors.Argument($"ExecuteTransaction request {i} is null.");
                }

                if (requests[i].RequestName is "ExecuteMultiple" or "ExecuteTransaction")
                {
                    throw Spm.Dataverse.Store.DataverseErrors.Argument(
                        $"ExecuteTransaction request {i} is an {requests[i].RequestName} request: an ExecuteTransaction cannot contain ExecuteMultiple or ExecuteTransaction.");
                }
            }

            int depth = (parent?.Depth ?? 0) + 1;
            Guid correlationId = parent?.CorrelationId ?? Guid.NewGuid();
            bool recorded = enclosing is not null;
            long transactionSequence = recorded ? 0 : Interlocked.Increment(ref _transactionSequence);
            var frame = new ExecutionFrame(enclosing, transactionSequence);
            var responses = new OrganizationResponseCollection();
            using (IStoreTransaction transaction = _store.BeginTransaction())
            {
                try
                {
                    for (int i = 0; i < requests.Count; i++)
                    {
                        try
                        {
                            responses.Add(ExecuteSerialized(requests[i], userId, initiatingUserId, parent, frame));
                        }
                        catch (DataverseFaultException fault)
                        {
                            // The plug-in's exception stays the InnerException, as for a request run alone.
                            throw new DataverseFaultException(TransactionFault(fault.Fault, i), fault.InnerException ?? fault);
                        }
                    }

                    transaction.Commit();
                    if (!recorded)
                    {
                        recorded = true;
                        RecordTransaction(transactionSequence, "ExecuteTransaction", null, Guid.Empty, depth, correlationId, userId, transaction.LockedRows, null);
                    }

                    HandOffAsync(frame, depth);
                    var response = new ExecuteTransactionResponse { ResponseName = "ExecuteTransaction" };
                    response.Results["Responses"] = request.ReturnResponses == true ? responses : new OrganizationResponseCollection();
                    return response;
                }
                catch (Exception ex) when (!recorded)
                {
                    transaction.Dispose();
                    RecordTransaction(transactionSequence, "ExecuteTransaction", null, Guid.Empty, depth, correlationId, userId, transaction.LockedRows, ex);
                    throw;
                }
            }
        }

        private static ExecuteTransactionFault TransactionFault(OrganizationServiceFault fault, int index) => new ExecuteTransactionFault
        {
            ActivityId = fault.ActivityId,
            ErrorCode = fault.ErrorCode,
            ErrorDetails = fault.ErrorDetails,
            HelpLink = fault.HelpLink,
            InnerFault = fault.InnerFault,
            Message = fault.Message,
            Timestamp = fault.Timestamp,
            TraceText = fault.TraceText,
            FaultedRequestIndex = index,
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
    }
}
