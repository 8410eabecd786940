using System;
using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse;

namespace Spm.Benchmarks
{
    /// <summary>
    /// The store under the pipeline, timing every request it answers: a step's Duration includes the in-memory store serving
    /// its requests (a scan of the whole table per query), which is Dataverse's work in production, not the plugin's. It also
    /// counts the rows each answer hands back (entities of a RetrieveMultiple, grouped rows of an aggregate, 1 for a Retrieve).
    /// </summary>
    public sealed class TimedStore : IDataverseStore
    {
        private readonly IDataverseStore _inner;
        private readonly List<(string Request, TimeSpan Elapsed, int Rows, string Table)> _calls = new List<(string Request, TimeSpan Elapsed, int Rows, string Table)>();

        public TimedStore(IDataverseStore inner)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        }

        /// <summary>The requests answered since the last <see cref="Reset"/>, in order, with the time each took and the rows it returned.</summary>
        public IReadOnlyList<(string Request, TimeSpan Elapsed, int Rows, string Table)> Calls => _calls;

        public void Reset()
        {
            _calls.Clear();
            Allocated = 0;
            Paused = TimeSpan.Zero;
        }

        /// <summary>Bytes this thread allocated inside the store's answers since the last <see cref="Reset"/>.</summary>
        public long Allocated { get; private set; }

        /// <summary>GC pause time that fell inside the store's answers since the last <see cref="Reset"/>.</summary>
        public TimeSpan Paused { get; private set; }

        public OrganizationResponse ExecuteCore(OrganizationRequest request, Guid callerId)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var paused = GC.GetTotalPauseDuration();
            var start = Stopwatch.GetTimestamp();
            OrganizationResponse? response = null;
            try
            {
                response = _inner.ExecuteCore(request, callerId);
                return response;
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(start);
                Allocated += GC.GetAllocatedBytesForCurrentThread() - allocated;
                Paused += GC.GetTotalPauseDuration() - paused;
                _calls.Add((request.RequestName, elapsed, RowsOf(response), TableOf(request)));
            }
        }

        public Entity? Snapshot(string logicalName, Guid id, string[]? columns) => _inner.Snapshot(logicalName, id, columns);

        public IStoreTransaction BeginTransaction() => _inner.BeginTransaction();

        public IReadOnlyList<EntityReference> PrepareDelete(EntityReference target) => _inner.PrepareDelete(target);

        public void RegisterSystemUser(Guid userId) => _inner.RegisterSystemUser(userId);

        public void DemandPrivilege(string privilegeName, Guid callerId) => _inner.DemandPrivilege(privilegeName, callerId);

        private static int RowsOf(OrganizationResponse? response) => response switch
        {
            RetrieveMultipleResponse many => many.EntityCollection?.Entities.Count ?? 0,
            RetrieveResponse one => one.Entity == null ? 0 : 1,
            null => 0,
            _ => response.Results.TryGetValue("EntityCollection", out var collection) && collection is EntityCollection rows ? rows.Entities.Count
                : response.Results.TryGetValue("Entity", out var entity) && entity is Entity ? 1 : 0,
        };

        private static string TableOf(OrganizationRequest request)
        {
            if (request.Parameters.TryGetValue("Query", out var query))
            {
                return query switch
                {
                    QueryExpression expression => expression.EntityName,
                    FetchExpression fetch => FetchTable(fetch.Query),
                    _ => "?",
                };
            }

            if (request.Parameters.TryGetValue("Target", out var target))
            {
                return target switch
                {
                    Entity entity => entity.LogicalName,
                    EntityReference reference => reference.LogicalName,
                    _ => "?",
                };
            }

            return string.Empty;
        }

        private static string FetchTable(string fetch)
        {
            var at = fetch.IndexOf("<entity name='", StringComparison.Ordinal);
            if (at < 0)
            {
                return "fetch";
            }

            at += "<entity name='".Length;
            var end = fetch.IndexOf('\'', at);
            return end < 0 ? "fetch" : fetch.Substring(at, end - at);
        }
    }
}
