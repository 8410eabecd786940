using System.Collections.Generic;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// One transactional execution: the asynchronous steps it queued wait here until its transaction commits, then move
    /// to the enclosing transaction (or to the queue at the top), and vanish when it rolls back.
    /// </summary>
    internal sealed class ExecutionFrame
    {
        public ExecutionFrame(ExecutionFrame? parent)
        {
            Parent = parent;
        }

        public ExecutionFrame? Parent { get; }

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
