using System;
using System.Collections.Generic;
using Spm.Domain.Internal;

namespace Spm.Domain.Engine
{
    /// <summary>
    /// A participant's credited totals in one period as of a ledger sequence, every measure. Stored with the statement,
    /// it lets a later change fold only the rows posted since (a manager's period holds the roll-up of every deal below
    /// them: re-reading those rows on each win would grow with the org). SPIFF shares count only under the SPIFF
    /// definitions they were counted with (<see cref="Plans.CompPlan.SpiffBasis"/>): once an admin edits those, the
    /// period is folded from its rows again.
    /// </summary>
    public sealed class PeriodTotals
    {
        public PeriodTotals(decimal revenue, decimal margin, decimal units, decimal dealCount, long upToSequence, IReadOnlyDictionary<string, decimal>? spiffShares = null, string spiffBasis = "")
        {
            Preconditions.Require(upToSequence >= 0, "PeriodTotals.UpToSequence", upToSequence, $"A totals snapshot is taken at a ledger sequence of 0 or more (got {upToSequence}).");
            Revenue = revenue;
            Margin = margin;
            Units = units;
            DealCount = dealCount;
            UpToSequence = upToSequence;
            var shares = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var pair in spiffShares ?? new Dictionary<string, decimal>())
            {
                shares[pair.Key] = pair.Value;
            }

            SpiffShares = shares;
            SpiffBasis = Preconditions.NotNull(spiffBasis, "PeriodTotals.SpiffBasis");
        }

        public decimal Revenue { get; }

        public decimal Margin { get; }

        public decimal Units { get; }

        public decimal DealCount { get; }

        /// <summary>Qualifying deal shares by SPIFF id (a 50% split counts 0.5), counted under <see cref="SpiffBasis"/>.</summary>
        public IReadOnlyDictionary<string, decimal> SpiffShares { get; }

        /// <summary>The plan's <see cref="Plans.CompPlan.SpiffBasis"/> when the shares were counted ("" for a plan without SPIFFs).</summary>
        public string SpiffBasis { get; }

        /// <summary>The participant's last ledger sequence the totals include; rows above it are folded on top.</summary>
        public long UpToSequence { get; }
    }
}
