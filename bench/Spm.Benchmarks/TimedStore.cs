using System;
using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse;

namespace Spm.Benchmarks
{
    /// <summary>
    /// The store under the pipeline, timing every request it answers: a step's Duration includes the in-memory store serving
    /// its requests (a scan of the whole table per query), which is Dataverse's work in production, not the plugin's.
    /// </summary>
    public sealed class TimedStore : IDataverseStore
    {
        private readonly IDataverseStore _inner;
        private readonly List<(string Request, TimeSpan Elapsed)> _calls = new List<(string Request, TimeSpan Elapsed)>();

        public TimedStore(IDataverseStore inner)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        }

        /// <summary>The requests answered since the last <see cref="Reset"/>, in order, with the time each took.</summary>
        public IReadOnlyList<(string Request, TimeSpan Elapsed)> Calls => _calls;

        public void Reset() => _calls.Clear();

        public OrganizationResponse ExecuteCore(OrganizationRequest request, Guid callerId)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                return _inner.ExecuteCore(request, callerId);
            }
            finally
            {
                _calls.Add((request.RequestName, Stopwatch.GetElapsedTime(start)));
            }
        }

        public Entity? Snapshot(string logicalName, Guid id, string[]? columns) => _inner.Snapshot(logicalName, id, columns);

        public IStoreTransaction BeginTransaction() => _inner.BeginTransaction();

        public IReadOnlyList<EntityReference> PrepareDelete(EntityReference target) => _inner.PrepareDelete(target);
    }
}
