using System.Collections.Generic;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// One transactional execution: the asynchronous steps it queued wait here until its transaction commits, then move
    /// to the enclosing transaction (or to the queue at the top), and vanish when it rolls back.
    /// </summary>
    internal sealed class ExecutionFrame
    {
        public ExecutionFrame(ExecutionFrame? parent, long transactionSequence)
        {
            Parent = parent;
            TransactionSequence = parent?.TransactionSequence ?? transactionSequence;
        }

        public ExecutionFrame? Parent { get; }

        /// <summary>The <see cref="TransactionRecord.Sequence"/> of the transaction this execution runs in; 0 when it is not recorded (a read).</summary>
        public long TransactionSequence { get; }

        public List<AsyncJob> PendingAsync { get; } = new List<AsyncJob>();
    }

    /// <summary>A queued asynchronous step run, with the context captured when it was queued.</summary>
    internal sealed class AsyncJob
    {
        public AsyncJob(RegisteredStep step, PluginExecutionContext context)
        {
            Step = step;
            Context = context;
        }

        public RegisteredStep Step { get; }

        public PluginExecutionContext Context { get; }
    }
}
