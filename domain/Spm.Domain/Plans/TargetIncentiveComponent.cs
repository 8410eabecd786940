using System.Collections.Generic;
using System.Globalization;
using Spm.Domain.Internal;
using Spm.Domain.Money;
using Spm.Domain.Quotas;
using Spm.Domain.Statements;

namespace Spm.Domain.Plans
{
    /// <summary>
    /// OTE-based pay: target incentive × attainment × multiplier. The rate table's rates are multipliers per band
    /// (1.0 up to 100%, 2.0 above is a 2× accelerator). Graduated multiplies each band's attainment points by its
    /// multiplier; retroactive applies the reached band's multiplier to all attainment.
    /// </summary>
    public sealed class TargetIncentiveComponent : PlanComponent
    {
        public TargetIncentiveComponent(string id, string name, Measure measure, decimal targetIncentive, RateTable multipliers, TierMode mode = TierMode.Graduated, decimal? threshold = null, decimal? attainmentCap = null, decimal? payoutCap = null)
            : base(id, name, measure, multipliers, mode, threshold, attainmentCap, payoutCap)
        {
            TargetIncentive = Preconditions.Positive(targetIncentive, $"PlanComponent '{name}' TargetIncentive");
        }

        /// <summary>The variable pay at 100% attainment for one statement period.</summary>
        public decimal TargetIncentive { get; }

        public override bool NeedsQuota => true;

        internal override decimal Compute(decimal credited, decimal? quota, MoneyRounding rounding, List<StatementLine>? lines)
        {
            var q = quota!.Value;
            var attainment = credited / q;
            if (Threshold.HasValue && attainment < Threshold.Value)
            {
                lines?.Add(new StatementLine(StatementLineKind.TargetIncentive, Id, $"{Name}: attainment {Points(attainment)}% is below the {Points(Threshold.Value)}% threshold; nothing is payable yet", credited, null, 0m, 0m, 0m));
                return 0m;
            }

            var counted = CountedAttainment(attainment);
            var paid = 0m;
            if (Mode == TierMode.Retroactive)
            {
                var reached = Table.TierAt(counted);
                var raw = TargetIncentive * counted * reached.Rate;
                paid = rounding.Round(raw);
                lines?.Add(new StatementLine(StatementLineKind.TargetIncentive, Id, $"{Name}: {rounding.Currency.Format(TargetIncentive)} target × {Points(counted)}% attainment × {reached.Rate:0.##} ('{reached.Label}' multiplier)", credited, reached.Label, reached.Rate, paid, raw));
            }
            else
            {
                var tiers = Table.Tiers;
                for (var i = 0; i < tiers.Count; i++)
                {
                    var tier = tiers[i];
                    if (i > 0 && counted <= tier.From)
                    {
                        break;
                    }

                    var points = (tier.To.HasValue && tier.To.Value < counted ? tier.To.Value : counted) - tier.From;
                    var raw = TargetIncentive * points * tier.Rate;
                    var amount = rounding.Round(raw);
                    paid += amount;
                    if (lines != null)
                    {
                        var role = Table.RoleOf(tier);
                        lines.Add(new StatementLine(StatementLineKind.TargetIncentive, Id, $"{Name}: {Points(points)} attainment points in '{tier.Label}' ({tier.RangeText}{(role == "base" ? string.Empty : ", " + role)}) × {tier.Rate:0.##} × {rounding.Currency.Format(TargetIncentive)} target", q * points, tier.Label, tier.Rate, amount, raw));
                    }
                }
            }

            return ApplyPayoutCap(paid, rounding, lines);
        }

        private static string Points(decimal fraction) => (fraction * 100m).ToString("0.##", CultureInfo.InvariantCulture);
    }
}
