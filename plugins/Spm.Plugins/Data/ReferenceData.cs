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
    /// Periods, currencies and plan definitions as of one configuration version. Every save of those tables stamps a new
    /// version on the configuration row (ConfigurationVersionPlugin, in the saving transaction), so a posting reads one
    /// row to know whether the copy it holds is current, instead of re-reading every period and plan it has ever had.
    /// Entries are immutable once built (plans by id are added as first needed); domain objects with state (the period
    /// book) are built per execution from the rows.
    /// </summary>
    internal sealed class ReferenceData
    {
        private const int Kept = 8;
        private static readonly ConcurrentDictionary<string, ReferenceData> ByVersion = new ConcurrentDictionary<string, ReferenceData>(StringComparer.Ordinal);
        private static readonly ConcurrentQueue<string> Order = new ConcurrentQueue<string>();
        private readonly ConcurrentDictionary<Guid, CompPlan> _plans = new ConcurrentDictionary<Guid, CompPlan>();

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
