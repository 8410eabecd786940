using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Internal;

namespace Spm.Domain.Engine
{
    /// <summary>
    /// A participant's credited totals in one period as of a ledger sequence: every measure and each SPIFF's qualifying
    /// deal shares. Stored with the statement, it lets a later change fold only the rows posted since (a manager's
    /// period holds the roll-up of every deal below them: re-reading those rows on each win would grow with the org).
    /// </summary>
    public sealed class PeriodTotals
    {
        public PeriodTotals(decimal revenue, decimal margin, decimal units, decimal dealCount, IReadOnlyDictionary<string, decimal>? spiffShares, long upToSequence)
        {
            Preconditions.Require(upToSequence >= 0, "PeriodTotals.UpToSequence", upToSequence, $"A totals snapshot is taken at a ledger sequence of 0 or more (got {upToSequence}).");
            Revenue = revenue;
            Margin = margin;
            Units = units;
            DealCount = dealCount;
            SpiffShares = spiffShares == null ? new Dictionary<string, decimal>(StringComparer.Ordinal) : new Dictionary<string, decimal>(spiffShares.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
            UpToSequence = upToSequence;
        }

        public decimal Revenue { get; }

        public decimal Margin { get; }

        public decimal Units { get; }

        public decimal DealCount { get; }

        /// <summary>Qualifying deal shares by SPIFF id (a 50% split counts 0.5).</summary>
        public IReadOnlyDictionary<string, decimal> SpiffShares { get; }

        /// <summary>The participant's last ledger sequence the totals include; rows above it are folded on top.</summary>
        public long UpToSequence { get; }
    }
}
