using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Spm.Dataverse.Pipeline;

namespace Spm.WebApi.Hosting
{
    /// <summary>
    /// Dataverse's asynchronous service in the box: after a request completes it drains the pipeline's queue of
    /// asynchronous steps (RunAsyncSteps) on a background task, so the request that queued them never waits for them.
    /// </summary>
    public sealed class AsyncStepWorker : IAsyncDisposable
    {
        private readonly PluginPipeline _pipeline;
        private readonly SemaphoreSlim _wake = new SemaphoreSlim(0);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly object _gate = new object();
        private readonly List<TaskCompletionSource> _waiters = new List<TaskCompletionSource>();
        private Task? _loop;
        private int _signalled;

        internal AsyncStepWorker(PluginPipeline pipeline)
        {
            _pipeline = pipeline;
        }

        /// <summary>The last unexpected exception a drain threw (a failed step is recorded by the pipeline, not here).</summary>
        public Exception? LastError { get; private set; }

        internal void Start() => _loop ??= Task.Run(RunAsync);

        /// <summary>Asks for a drain (after a request); returns at once.</summary>
        public void Signal()
        {
            if (Interlocked.Exchange(ref _signalled, 1) == 0)
            {
                _wake.Release();
            }
        }

        /// <summary>Completes when every step queued before the call (and the steps they queue) has run.</summary>
        public Task DrainAsync()
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _waiters.Add(waiter);
            }

            Signal();
            return waiter.Task;
        }

        private async Task RunAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await _wake.WaitAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                Interlocked.Exchange(ref _signalled, 0);
                List<TaskCompletionSource> waiting;
                lock (_gate)
                {
                    waiting = new List<TaskCompletionSource>(_waiters);
                    _waiters.Clear();
                }

                try
                {
                    // RunAsyncSteps returns 0 while another thread drains; loop until the queue is seen empty.
                    while (_pipeline.RunAsyncSteps() > 0 || _pipeline.PendingAsyncSteps > 0)
                    {
                        await Task.Delay(5).ConfigureAwait(false);
                    }
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    LastError = exception;
                }

                waiting.ForEach(w => w.TrySetResult());
            }

            lock (_gate)
            {
                _waiters.ForEach(w => w.TrySetCanceled());
                _waiters.Clear();
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            if (_loop != null)
            {
                await _loop.ConfigureAwait(false);
            }

            _stop.Dispose();
            _wake.Dispose();
        }
    }
}
