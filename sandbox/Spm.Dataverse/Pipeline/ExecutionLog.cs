using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// What a <see cref="PluginPipeline"/> has done, for tests to assert: every step run, every transaction with the rows
    /// it locked, every service-endpoint post and every asynchronous job left failed.
    /// </summary>
    internal sealed class ExecutionLog
    {
        private readonly List<ExecutionRecord> _records = new List<ExecutionRecord>();
        private readonly List<TransactionRecord> _transactions = new List<TransactionRecord>();
        private readonly List<AsyncOperationFailure> _asyncFailures = new List<AsyncOperationFailure>();
        private readonly List<ServiceEndpointPost> _serviceEndpointPosts = new List<ServiceEndpointPost>();
        private readonly object _gate = new object();
        private readonly int? _limit;

        public ExecutionLog(int? limit = null)
        {
            if (limit is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), limit, "A record limit must be positive (or null to keep every record).");
            }

            _limit = limit;
        }

        /// <summary>Adds a record, dropping the oldest beyond the limit.</summary>
        private void Keep<T>(List<T> records, T record)
        {
            records.Add(record);
            if (_limit is int limit && records.Count > limit)
            {
                records.RemoveRange(0, records.Count - limit);
            }
        }

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

        public IReadOnlyList<TransactionRecord> Transactions
        {
            get
            {
                lock (_gate)
                {
                    return _transactions.OrderBy(t => t.Sequence).ToArray();
                }
            }
        }

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

        public void Add(ExecutionRecord record)
        {
            lock (_gate)
            {
                Keep(_records, record);
            }
        }

        public void Add(TransactionRecord record)
        {
            lock (_gate)
            {
                Keep(_transactions, record);
            }
        }

        public void Add(ServiceEndpointPost post)
        {
            lock (_gate)
            {
                Keep(_serviceEndpointPosts, post);
            }
        }

        public void Add(AsyncOperationFailure failure)
        {
            lock (_gate)
            {
                Keep(_asyncFailures, failure);
            }
        }

        /// <summary>Forgets the execution and transaction records and failures (service-endpoint posts stay).</summary>
        public void Clear()
        {
            lock (_gate)
            {
                _records.Clear();
                _transactions.Clear();
                _asyncFailures.Clear();
            }
        }
    }
}
