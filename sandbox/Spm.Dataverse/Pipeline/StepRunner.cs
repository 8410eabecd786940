using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>Runs one step with its context, records the run and turns a failure into the fault a Dataverse client sees.</summary>
    internal sealed class StepRunner
    {
        // 0x80131500, System.Exception's HResult: the ErrorCode of an InvalidPluginExecutionException built without a code.
        private const int NoPluginErrorCode = -2146233088;

        private readonly PluginPipeline _pipeline;
        private readonly ExecutionLog _log;
        private long _sequence;

        public StepRunner(PluginPipeline pipeline, ExecutionLog log)
        {
            _pipeline = pipeline;
            _log = log;
        }

        public void Run(RegisteredStep step, PluginExecutionContext context, int attempt = 1)
        {
            var tracing = new TracingService();
            var counter = new RequestCounter();
            var provider = new PluginServiceProvider(_pipeline, context, tracing, counter);
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
                _log.Add(new ExecutionRecord
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
                });
            }
        }

        private static DataverseFaultException Translate(Exception exception, StepRegistration step)
        {
            switch (exception)
            {
                case DataverseFaultException fault:
                    return fault;
                case InvalidPluginExecutionException invalid:
                    return new DataverseFaultException(
                        invalid.ErrorCode == NoPluginErrorCode ? PluginPipeline.IsvAbortedErrorCode : invalid.ErrorCode, invalid.Message, invalid);
                default:
                    return new DataverseFaultException(
                        PluginPipeline.UnexpectedPluginExceptionErrorCode,
                        $"Unexpected exception from plug-in (Execute): {step.PluginTypeFullName}: {exception.GetType().FullName}: {exception.Message}",
                        exception);
            }
        }
    }
}
