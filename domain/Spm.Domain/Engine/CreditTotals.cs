using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Plans;
using Spm.Domain.Quotas;

namespace Spm.Domain.Engine
{
    /// <summary>
    /// A fold of one participant's ledger rows dated in one period: measure totals and SPIFF deal shares, and the
    /// ledger position it has read up to. The ledger is append-only, so a fold at position n extended with rows
    /// [n, m) equals a fold from scratch at m; that is what makes incremental recalculation exact.
    /// </summary>
    internal sealed class CreditTotals
    {
        public CreditTotals(FiscalPeriod period, CompPlan? plan, bool allMeasures)
        {
            Period = period;
            Plan = plan;
            SpiffShares = plan == null || plan.Spiffs.Count == 0 ? System.Array.Empty<decimal>() : new decimal[plan.Spiffs.Count];

            // Sum only what the plan pays on (revenue always, for attainment headlines): the fold is the hot loop.
            _margin = allMeasures || plan != null && Contains(plan.Measures, Measure.Margin);
            _units = allMeasures || plan != null && Contains(plan.Measures, Measure.Units);
            _count = allMeasures || plan != null && Contains(plan.Measures, Measure.DealCount);
        }

        private readonly bool _margin;
        private readonly bool _units;
        private readonly bool _count;
        private long _seededUpTo;

        public FiscalPeriod Period { get; }

        public CompPlan? Plan { get; }

        public int Position { get; private set; }

        public decimal Revenue { get; private set; }

        public decimal Margin { get; private set; }

        public decimal Units { get; private set; }

        public decimal DealCount { get; private set; }

        /// <summary>Per plan SPIFF: the qualifying deal shares (a 50% split counts 0.5 deals).</summary>
        public decimal[] SpiffShares { get; }

        /// <summary>Starts from stored totals: rows up to the snapshot's sequence are in them already and are skipped.</summary>
        public void Seed(PeriodTotals snapshot)
        {
            Revenue = snapshot.Revenue;
            Margin = snapshot.Margin;
            Units = snapshot.Units;
            DealCount = snapshot.DealCount;
            for (var s = 0; s < SpiffShares.Length; s++)
            {
                SpiffShares[s] = snapshot.SpiffShares.TryGetValue(Plan!.Spiffs[s].Id, out var shares) ? shares : 0m;
            }

            _seededUpTo = snapshot.UpToSequence;
        }

        public decimal Value(Measure measure) => measure switch
        {
            Measure.Revenue => Revenue,
            Measure.Margin => Margin,
            Measure.Units => Units,
            _ => DealCount,
        };

        /// <summary>
        /// Folds rows [Position, to), stopping at the first row whose id is above <paramref name="upToSequence"/>.
        /// Reversals in <paramref name="keptReversals"/> (late cancellations of settled credit that keep their pay, see
        /// <see cref="ClawbackPolicy"/>) are left out: that commission was settled and is not taken back.
        /// </summary>
        public void Extend(ParticipantCredits slice, int to, System.Collections.Generic.HashSet<long>? keptReversals = null, long upToSequence = long.MaxValue)
        {
            var items = slice.Items;
            var first = Period.FirstMonthKey;
            var last = first + Period.MonthCount;
            var spiffs = Plan?.Spiffs;
            decimal revenue = Revenue, margin = Margin, units = Units, count = DealCount;
            for (var i = Position; i < to; i++)
            {
                var credit = items[i];
                if (credit.Id > upToSequence)
                {
                    // Ids grow along a slice, so nothing after this row is wanted either.
                    to = i;
                    break;
                }

                var month = credit.MonthKey;
                if (month < first || month >= last || credit.Id <= _seededUpTo)
                {
                    continue;
                }

                if (keptReversals != null && credit.IsReversal && keptReversals.Contains(credit.Id))
                {
                    continue;
                }

                revenue += credit.Revenue;
                if (_margin)
                {
                    margin += credit.Margin;
                }

                if (_units)
                {
                    units += credit.Units;
                }

                if (_count)
                {
                    count += credit.DealCount;
                }

                AddSpiffShares(credit, spiffs);
            }

            Revenue = revenue;
            Margin = margin;
            Units = units;
            DealCount = count;
            Position = to;
        }

        private void AddSpiffShares(Credit credit, System.Collections.Generic.IReadOnlyList<Spiff>? spiffs)
        {
            if (spiffs == null)
            {
                return;
            }

            for (var s = 0; s < spiffs.Count; s++)
            {
                if (spiffs[s].Qualifies(credit))
                {
                    SpiffShares[s] += credit.IsReversal ? -credit.Share : credit.Share;
                }
            }
        }

        private static bool Contains(System.Collections.Generic.IReadOnlyList<Measure> measures, Measure measure)
        {
            for (var i = 0; i < measures.Count; i++)
            {
                if (measures[i] == measure)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
