using System;
using Spm.Domain.Internal;

namespace Spm.Domain.Quotas
{
    /// <summary>A dated change to a quota with the reason sales ops gave (territory change, leave, …).</summary>
    public sealed record QuotaAdjustment
    {
        public QuotaAdjustment(DateTime effectiveDate, decimal delta, string reason)
        {
            EffectiveDate = Preconditions.DateOnly(effectiveDate, "QuotaAdjustment.EffectiveDate");
            Preconditions.Require(delta != 0m, "QuotaAdjustment.Delta", delta, "QuotaAdjustment.Delta cannot be zero.");
            Delta = delta;
            Reason = Preconditions.NotBlank(reason, "QuotaAdjustment.Reason");
        }

        public DateTime EffectiveDate { get; }

        public decimal Delta { get; }

        public string Reason { get; }
    }
}
