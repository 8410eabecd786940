using Spm.Domain.Internal;

namespace Spm.Domain.Plans
{
    /// <summary>
    /// A guaranteed minimum payment per statement period. When earnings fall short the draw tops them up. A recoverable
    /// draw books the top-up as a balance the rep repays from earnings above the draw in later periods of the plan
    /// year; a non-recoverable draw forgives it.
    /// </summary>
    public sealed record Draw
    {
        public Draw(decimal amountPerPeriod, bool recoverable)
        {
            AmountPerPeriod = Preconditions.Positive(amountPerPeriod, "Draw.AmountPerPeriod");
            Recoverable = recoverable;
        }

        public decimal AmountPerPeriod { get; }

        public bool Recoverable { get; }
    }
}
