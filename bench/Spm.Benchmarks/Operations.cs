using System.Collections.Generic;
using Spm.Domain.Credits;
using Spm.Domain.Engine;

namespace Spm.Benchmarks
{
    /// <summary>The three measured operations, shared by the BenchmarkDotNet classes and the --quick Stopwatch run.</summary>
    public static class Operations
    {
        /// <summary>The floor: read every participant's ledger rows once and sum revenue (no rules, no lookups).</summary>
        public static decimal[] Floor(SyntheticOrg org, decimal[] sums)
        {
            var ledger = org.Engine.Ledger;
            var ids = org.ParticipantIds;
            for (var p = 0; p < ids.Length; p++)
            {
                var credits = ledger.CreditsOf(ids[p]);
                var total = 0m;
                for (var i = 0; i < credits.Count; i++)
                {
                    total += credits[i].Revenue;
                }

                sums[p] = total;
            }

            return sums;
        }

        public static IReadOnlyList<ParticipantPeriodResult> FullRecalculation(SyntheticOrg org) =>
            org.Engine.RecalculateAll(org.Q1, org.AsOf, fromScratch: true);

        /// <summary>
        /// One deal's amount changes (the n-th call changes the n-th of the rotating deals, alternating its amount on each
        /// pass), then only the participants it moved are re-derived.
        /// </summary>
        public static IReadOnlyList<ParticipantPeriodResult> Incremental(SyntheticOrg org, int call)
        {
            var deals = org.IncrementalDeals;
            var deal = deals[call % deals.Length];
            var bump = (call / deals.Length) % 2 == 0 ? 1_000m : 0m;
            var changed = new Deal(deal.Id, deal.Name, deal.OwnerId, deal.Status, deal.Amount + bump, deal.CurrencyCode, deal.ExchangeRate, deal.CreatedOn, deal.EstimatedCloseDate, deal.ActualCloseDate, deal.Probability, deal.Margin, deal.Units, deal.Category, deal.Splits);
            var change = org.Engine.ApplyDeal(changed, org.AsOf);
            return org.Engine.Recalculate(change.Posting.AffectedParticipants, org.Q1, org.AsOf);
        }
    }
}
