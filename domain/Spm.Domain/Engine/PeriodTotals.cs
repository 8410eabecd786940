using Spm.Domain.Internal;

namespace Spm.Domain.Engine
{
    /// <summary>
    /// A participant's credited totals in one period as of a ledger sequence, every measure. Stored with the statement,
    /// it lets a later change fold only the rows posted since (a manager's period holds the roll-up of every deal below
    /// them: re-reading those rows on each win would grow with the org). It holds no SPIFF shares, because which deals
    /// qualify depends on SPIFF definitions an admin may edit: a period whose plan pays SPIFFs is folded from its rows.
    /// </summary>
    public sealed class PeriodTotals
    {
        public PeriodTotals(decimal revenue, decimal margin, decimal units, decimal dealCount, long upToSequence)
        {
            Preconditions.Require(upToSequence >= 0, "PeriodTotals.UpToSequence", upToSequence, $"A totals snapshot is taken at a ledger sequence of 0 or more (got {upToSequence}).");
            Revenue = revenue;
            Margin = margin;
            Units = units;
            DealCount = dealCount;
            UpToSequence = upToSequence;
        }

        public decimal Revenue { get; }

        public decimal Margin { get; }

        public decimal Units { get; }

        public decimal DealCount { get; }

        /// <summary>The participant's last ledger sequence the totals include; rows above it are folded on top.</summary>
        public long UpToSequence { get; }
    }
}
