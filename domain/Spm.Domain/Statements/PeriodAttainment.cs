using Spm.Domain.Quotas;

namespace Spm.Domain.Statements
{
    /// <summary>Credited value against quota for one measure; Attainment is null when there is no quota.</summary>
    public sealed record PeriodAttainment(Measure Measure, decimal Credited, decimal? Quota)
    {
        /// <summary>Credited ÷ quota as a fraction (1.0 = 100%), unrounded.</summary>
        public decimal? Attainment => Quota.HasValue ? Credited / Quota.Value : (decimal?)null;
    }
}
