using System.Collections.Generic;
using Spm.Domain.Internal;
using Spm.Domain.Money;
using Spm.Domain.Quotas;
using Spm.Domain.Statements;

namespace Spm.Domain.Plans
{
    /// <summary>
    /// A payable part of a comp plan: a measure, a rate table by attainment (graduated or retroactive), an optional
    /// threshold (nothing pays below it), a cap on counted attainment and a cap on payout.
    /// </summary>
    public abstract class PlanComponent
    {
        protected PlanComponent(string id, string name, Measure measure, RateTable table, TierMode mode, decimal? threshold, decimal? attainmentCap, decimal? payoutCap)
        {
            Id = Preconditions.NotBlank(id, "PlanComponent.Id");
            Name = Preconditions.NotBlank(name, "PlanComponent.Name");
            Measure = measure;
            Table = Preconditions.NotNull(table, $"PlanComponent '{name}' RateTable");
            Mode = mode;
            if (threshold.HasValue)
            {
                Preconditions.InRange(threshold.Value, 0m, 10m, $"PlanComponent '{name}' Threshold");
            }

            if (attainmentCap.HasValue)
            {
                Preconditions.Positive(attainmentCap.Value, $"PlanComponent '{name}' AttainmentCap");
                if (threshold.HasValue && attainmentCap.Value < threshold.Value)
                {
                    throw new SpmRuleException($"PlanComponent '{name}' AttainmentCap", attainmentCap.Value, $"Component '{name}' caps counted attainment at {attainmentCap.Value * 100m:0.##}%, below its {threshold.Value * 100m:0.##}% threshold, so it could never pay.");
                }
            }

            if (payoutCap.HasValue)
            {
                Preconditions.Positive(payoutCap.Value, $"PlanComponent '{name}' PayoutCap");
            }

            Threshold = threshold;
            AttainmentCap = attainmentCap;
            PayoutCap = payoutCap;
        }

        public string Id { get; }

        public string Name { get; }

        public Measure Measure { get; }

        public RateTable Table { get; }

        public TierMode Mode { get; }

        /// <summary>Attainment (fraction) below which the component pays nothing.</summary>
        public decimal? Threshold { get; }

        /// <summary>Attainment (fraction) above which credit no longer counts.</summary>
        public decimal? AttainmentCap { get; }

        /// <summary>Most the component pays in one period, in plan currency.</summary>
        public decimal? PayoutCap { get; }

        /// <summary>True when the component cannot be computed without a quota.</summary>
        public virtual bool NeedsQuota => !Table.IsFlat || Threshold.HasValue || AttainmentCap.HasValue;

        /// <summary>
        /// Computes the component's pay for a period's credited value: each band rounded once, summed. Lines (with their
        /// explanations) are built only when a sink is given, so a full recalculation formats no text.
        /// </summary>
        internal abstract decimal Compute(decimal credited, decimal? quota, MoneyRounding rounding, List<StatementLine>? lines);

        /// <summary>The attainment that counts: capped when the plan says so.</summary>
        protected decimal CountedAttainment(decimal attainment) => AttainmentCap.HasValue && attainment > AttainmentCap.Value ? AttainmentCap.Value : attainment;

        protected decimal ApplyPayoutCap(decimal paid, MoneyRounding rounding, List<StatementLine>? lines)
        {
            if (!PayoutCap.HasValue)
            {
                return paid;
            }

            var cap = rounding.Round(PayoutCap.Value);
            if (paid <= cap)
            {
                return paid;
            }

            lines?.Add(new StatementLine(StatementLineKind.PayoutCap, Id, $"{Name}: payout capped at {rounding.Currency.Format(cap)} (computed {rounding.Currency.Format(paid)})", paid, null, 0m, cap - paid, cap - paid));
            return cap;
        }
    }
}
