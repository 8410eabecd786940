using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Calendar;
using Spm.Domain.Internal;
using Spm.Domain.Participants;

namespace Spm.Domain.Quotas
{
    /// <summary>All quotas, one per participant × period × measure. A quarter with no quota sums its months' quotas.</summary>
    public sealed class QuotaBook
    {
        private readonly Dictionary<PairKey, Quota>[] _quotas = { new Dictionary<PairKey, Quota>(), new Dictionary<PairKey, Quota>(), new Dictionary<PairKey, Quota>(), new Dictionary<PairKey, Quota>() };

        public QuotaBook(IEnumerable<Quota> quotas)
        {
            foreach (var quota in Preconditions.NotNull(quotas, "QuotaBook.Quotas"))
            {
                Set(quota);
            }
        }

        public IEnumerable<Quota> All => _quotas.SelectMany(q => q.Values);

        /// <summary>Adds or replaces the quota for its participant × period × measure.</summary>
        public void Set(Quota quota) => _quotas[(int)Preconditions.NotNull(quota, "Quota").Measure][new PairKey(quota.ParticipantId, quota.Period.Id)] = quota;

        public bool TryGet(string participantId, FiscalPeriod period, Measure measure, out Quota? quota) =>
            _quotas[(int)measure].TryGetValue(new PairKey(participantId, period.Id), out quota);

        /// <summary>The quota amount in force, or null when none is assigned. A quarter or year without its own quota sums the shorter periods inside it.</summary>
        public decimal? AmountFor(Participant participant, FiscalPeriod period, Measure measure, DateTime asOf, FiscalCalendar calendar)
        {
            if (TryGet(participant.Id, period, measure, out var quota))
            {
                return quota!.AmountOn(participant, asOf);
            }

            if (period.Kind == PeriodKind.Month)
            {
                return null;
            }

            var total = 0m;
            foreach (var part in calendar.PeriodsWithin(period, period.Kind == PeriodKind.Year ? PeriodKind.Quarter : PeriodKind.Month))
            {
                var amount = AmountFor(participant, part, measure, asOf, calendar);
                if (!amount.HasValue)
                {
                    return null;
                }

                total += amount.Value;
            }

            return total;
        }

        public EffectiveQuota EffectiveQuota(Participant participant, FiscalPeriod period, Measure measure, DateTime asOf, FiscalCalendar calendar)
        {
            if (TryGet(participant.Id, period, measure, out var quota))
            {
                return quota!.EffectiveOn(participant, asOf);
            }

            var amount = AmountFor(participant, period, measure, asOf, calendar)
                ?? throw new SpmRuleException("Quota", $"{participant.Id}/{period.Id}/{measure}", $"{participant.Name} has no {measure} quota for {period.Id}; assign one before computing attainment.");
            var parts = calendar.PeriodsWithin(period, period.Kind == PeriodKind.Year ? PeriodKind.Quarter : PeriodKind.Month)
                .Select(p => $"{p.Id}: {Preconditions.Format(AmountFor(participant, p, measure, asOf, calendar)!.Value)}")
                .ToList();
            return new EffectiveQuota(participant.Id, period, measure, amount, parts);
        }
    }
}
