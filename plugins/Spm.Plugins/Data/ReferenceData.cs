using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Domain.Plans;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Data
{
    /// <summary>
    /// What sales ops configure, as of one configuration version: periods, currencies and plan definitions, and per
    /// participant their user row (manager, flags), plan assignments, quotas and manual adjustments. Every save of those
    /// tables stamps a new version on the configuration row (ConfigurationVersionPlugin, before the save in its own
    /// transaction), so a posting reads one row to know whether the copy it holds is current instead of re-reading them.
    /// Rows are only added (per plan or participant, as first needed) and never changed; domain objects with state (the
    /// period book) are built per execution from them. With no configuration row yet nothing is cached.
    /// </summary>
    internal sealed class ReferenceData
    {
        private const int Kept = 8;
        private static readonly ConcurrentDictionary<string, ReferenceData> ByVersion = new ConcurrentDictionary<string, ReferenceData>(StringComparer.Ordinal);
        private static readonly ConcurrentQueue<string> Order = new ConcurrentQueue<string>();
        private readonly ConcurrentDictionary<Guid, CompPlan> _plans = new ConcurrentDictionary<Guid, CompPlan>();
        private readonly ConcurrentDictionary<Guid, Entity> _users = new ConcurrentDictionary<Guid, Entity>();
        private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, IReadOnlyList<Entity>>> _byParticipant = new ConcurrentDictionary<string, ConcurrentDictionary<Guid, IReadOnlyList<Entity>>>(StringComparer.Ordinal);

        private ReferenceData(string? version, IReadOnlyList<Entity> periodRows, IReadOnlyList<Entity> currencyRows)
        {
            Version = version;
            PeriodRows = periodRows;
            CurrencyRows = currencyRows;
        }

        /// <summary>The configuration version these rows belong to; null when the org has none yet (nothing is cached).</summary>
        public string? Version { get; }

        public IReadOnlyList<Entity> PeriodRows { get; }

        public IReadOnlyList<Entity> CurrencyRows { get; }

        /// <summary>The current copy: one read of the configuration row, and the tables themselves only when it moved.</summary>
        public static ReferenceData Current(IOrganizationService service)
        {
            var row = service.All(Queries.Of(S.LedgerState.Table, S.LedgerState.ConfigVersion).Where(S.LedgerState.Id, ConditionOperator.Equal, S.LedgerState.ConfigurationRowId)).FirstOrDefault();
            var version = row?.GetAttributeValue<string>(S.LedgerState.ConfigVersion);
            if (!string.IsNullOrEmpty(version) && ByVersion.TryGetValue(version!, out var cached))
            {
                return cached;
            }

            var fresh = new ReferenceData(
                version,
                service.All(Queries.Of(S.Period.Table, S.Period.Name, S.Period.Kind, S.Period.FiscalYear, S.Period.Number, S.Period.StartDate, S.Period.Status).OrderBy(S.Period.StartDate)),
                service.All(Queries.Of(S.TransactionCurrency.Table, S.TransactionCurrency.IsoCode, S.TransactionCurrency.Precision, S.TransactionCurrency.Symbol, S.TransactionCurrency.ExchangeRate)));
            if (!string.IsNullOrEmpty(version) && ByVersion.TryAdd(version!, fresh))
            {
                Order.Enqueue(version!);
                while (Order.Count > Kept && Order.TryDequeue(out var oldest))
                {
                    ByVersion.TryRemove(oldest, out _);
                }
            }

            return fresh;
        }

        /// <summary>A user row read under this version (with the columns the loader asks for), if any.</summary>
        public bool TryUser(Guid id, out Entity user)
        {
            user = null!;
            return Version != null && _users.TryGetValue(id, out user!);
        }

        public void AddUser(Entity user)
        {
            if (Version != null)
            {
                _users.TryAdd(user.Id, user);
            }
        }

        /// <summary>A table's rows of these participants (all of them, any period), reading only participants not yet read under this version.</summary>
        public List<Entity> ForParticipants(string table, string participantColumn, IReadOnlyCollection<Guid> participants, Func<IReadOnlyCollection<Guid>, List<Entity>> load)
        {
            var ids = participants.Where(id => id != Guid.Empty).Distinct().ToList();
            if (Version == null)
            {
                return ids.Count == 0 ? new List<Entity>() : load(ids);
            }

            var cache = _byParticipant.GetOrAdd(table, _ => new ConcurrentDictionary<Guid, IReadOnlyList<Entity>>());
            var missing = ids.Where(id => !cache.ContainsKey(id)).ToList();
            if (missing.Count > 0)
            {
                var rows = load(missing);
                foreach (var id in missing)
                {
                    cache.TryAdd(id, rows.Where(r => Columns.Lookup(r, participantColumn) == id).ToList());
                }
            }

            return ids.SelectMany(id => cache[id]).ToList();
        }

        /// <summary>The plans of these ids, reading only those not yet built for this version.</summary>
        public Dictionary<Guid, CompPlan> Plans(IReadOnlyCollection<Guid> planIds, Func<IReadOnlyCollection<Guid>, Dictionary<Guid, CompPlan>> load)
        {
            if (Version == null)
            {
                return load(planIds);
            }

            var missing = planIds.Where(id => !_plans.ContainsKey(id)).ToList();
            if (missing.Count > 0)
            {
                foreach (var pair in load(missing))
                {
                    _plans[pair.Key] = pair.Value;
                }
            }

            return planIds.Where(_plans.ContainsKey).Distinct().ToDictionary(id => id, id => _plans[id]);
        }
    }
}
