using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// The asynchronous service: system jobs queued by committed operations, run one at a time (under the pipeline's
    /// serial lock), each tried up to <see cref="PluginPipelineOptions.AsyncMaxAttempts"/> times (a webhook once: its post
    /// retries itself) and left failed after that, in <see cref="ExecutionLog.FailedAsyncOperations"/> and as an asyncoperation
    /// row with statuscode Failed and the error, when the store has that table.
    /// </summary>
    internal sealed class AsyncStepQueue
    {
        private readonly IDataverseStore _store;
        private readonly PluginPipelineOptions _options;
        private readonly StepRunner _runner;
        private readonly ExecutionLog _log;
        private readonly object _serial;
        private readonly Queue<AsyncJob> _queue = new Queue<AsyncJob>();
        private readonly object _gate = new object();
        private bool _draining;

        public AsyncStepQueue(IDataverseStore store, PluginPipelineOptions options, StepRunner runner, ExecutionLog log, object serial)
        {
            _store = store;
            _options = options;
            _runner = runner;
            _log = log;
            _serial = serial;
        }

        public int Pending
        {
            get
            {
                lock (_gate)
                {
                    return _queue.Count;
                }
            }
        }

        public void Enqueue(IEnumerable<AsyncJob> jobs)
        {
            lock (_gate)
            {
                foreach (AsyncJob job in jobs)
                {
                    _queue.Enqueue(job);
                }
            }
        }

        /// <summary>Runs queued jobs (and any they queue) until the queue is empty; a call made while draining returns 0.</summary>
        public int RunAll()
        {
            lock (_gate)
            {
                if (_draining)
                {
                    return 0;
                }

                _draining = true;
            }

            int ran = 0;
            try
            {
                while (true)
                {
                    AsyncJob job;
                    lock (_gate)
                    {
                        if (_queue.Count == 0)
                        {
                            break;
                        }

                        job = _queue.Dequeue();
                    }

                    lock (_serial)
                    {
                        Run(job);
                    }

                    ran++;
                }
            }
            finally
            {
                lock (_gate)
                {
                    _draining = false;
                }
            }

            return ran;
        }

        private void Run(AsyncJob job)
        {
            int attempts = job.Step.Registration.ServiceEndpointId is null ? Math.Max(1, _options.AsyncMaxAttempts) : 1;
            DateTime startedOn = _options.UtcNow();
            var errors = new List<Exception>();
            for (int attempt = 1; attempt <= attempts; attempt++)
            {
                // Each try sees a fresh copy of the context captured at queue time, as a system job deserializes it.
                PluginExecutionContext context = CopyForRetry(job.Context);
                context.OperationId = job.Context.OperationId;
                try
                {
                    _runner.Run(job.Step, context, attempt);
                    return;
                }
                catch (DataverseFaultException fault)
                {
                    errors.Add(fault.InnerException ?? fault);
                }
            }

            _log.Add(new AsyncOperationFailure(job.Step.Registration, job.Context.PrimaryEntityId, attempts, errors));
            StoreFailedJob(job, attempts, errors[errors.Count - 1], startedOn);
        }

        /// <summary>The system job of a failed step, as an admin finds it under Settings > System Jobs: Completed, Failed, with the message.</summary>
        private void StoreFailedJob(AsyncJob job, int attempts, Exception error, DateTime startedOn)
        {
            PluginExecutionContext context = job.Context;
            var row = new Entity("asyncoperation", context.OperationId)
            {
                ["name"] = job.Step.Registration.Name,
                ["operationtype"] = new OptionSetValue(AsyncOperationStatus.SystemEventOperationType),
                ["messagename"] = context.MessageName,
                ["primaryentitytype"] = context.PrimaryEntityName,
                ["message"] = error.Message,
                ["friendlymessage"] = error.Message,
                ["errorcode"] = error is DataverseFaultException fault ? fault.ErrorCode : error.HResult,
                ["correlationid"] = context.CorrelationId,
                ["depth"] = context.Depth,
                ["retrycount"] = attempts - 1,
                ["startedon"] = startedOn,
                ["completedon"] = _options.UtcNow(),
                ["statecode"] = new OptionSetValue(AsyncOperationStatus.CompletedState),
                ["statuscode"] = new OptionSetValue(AsyncOperationStatus.Failed),
            };
            if (context.PrimaryEntityName != "none" && _store.Snapshot(context.PrimaryEntityName, context.PrimaryEntityId, Array.Empty<string>()) is not null)
            {
                row["regardingobjectid"] = new EntityReference(context.PrimaryEntityName, context.PrimaryEntityId);
            }

            try
            {
                using IStoreTransaction transaction = _store.BeginTransaction();
                _store.ExecuteCore(new CreateRequest { Target = row }, context.UserId);
                transaction.Commit();
            }
            catch (DataverseFaultException unknown) when (unknown.ErrorCode == DataverseErrors.QueryBuilderNoEntity)
            {
                // A store whose metadata has no asyncoperation table keeps the failure in FailedAsyncOperations only.
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
    }
}
