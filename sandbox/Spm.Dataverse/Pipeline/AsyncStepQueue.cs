using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// The asynchronous service: system jobs queued by committed operations, run one at a time (under the pipeline's
    /// serial lock), each tried up to <see cref="PluginPipelineOptions.AsyncMaxAttempts"/> times and left failed after that.
    /// </summary>
    internal sealed class AsyncStepQueue
    {
        private readonly PluginPipelineOptions _options;
        private readonly StepRunner _runner;
        private readonly ExecutionLog _log;
        private readonly object _serial;
        private readonly Queue<AsyncJob> _queue = new Queue<AsyncJob>();
        private readonly object _gate = new object();
        private bool _draining;

        public AsyncStepQueue(PluginPipelineOptions options, StepRunner runner, ExecutionLog log, object serial)
        {
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
            int attempts = Math.Max(1, _options.AsyncMaxAttempts);
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
