using System.Collections.Generic;
using System.Globalization;
using Spm.Domain.Money;
using Spm.Domain.Quotas;
using Spm.Domain.Statements;

namespace Spm.Domain.Plans
{
    /// <summary>
    /// Pays a rate on credited value: a flat rate or percent of revenue (one tier), or tiers by attainment with
    /// accelerators and decelerators, graduated or retroactive.
    /// </summary>
    public sealed class CommissionComponent : PlanComponent
    {
        public CommissionComponent(string id, string name, Measure measure, RateTable table, TierMode mode = TierMode.Graduated, decimal? threshold = null, decimal? attainmentCap = null, decimal? payoutCap = null)
            : base(id, name, measure, table, mode, threshold, attainmentCap, payoutCap)
        {
        }

        internal override decimal Compute(decimal credited, decimal? quota, MoneyRounding rounding, List<StatementLine>? lines)
        {
            if (quota == null || !NeedsQuota)
            {
                // Percent of revenue: no quota involved, one line.
                var flat = Table.Tiers[0];
                var rawFlat = credited * flat.Rate;
                var amountFlat = rounding.Round(rawFlat);
                lines?.Add(new StatementLine(StatementLineKind.Commission, Id, $"{Name}: {Format(credited, rounding.Currency)} credited at {Percent(flat.Rate)}", credited, flat.Label, flat.Rate, amountFlat, rawFlat));
                return ApplyPayoutCap(amountFlat, rounding, lines);
            }

            var q = quota.Value;
            if (Threshold.HasValue && credited < q * Threshold.Value)
            {
                lines?.Add(new StatementLine(StatementLineKind.Commission, Id, $"{Name}: attainment {Percent(credited / q)} is below the {Percent(Threshold.Value)} threshold; nothing is payable yet", credited, null, 0m, 0m, 0m));
                return 0m;
            }

            var counted = AttainmentCap.HasValue && credited > q * AttainmentCap.Value ? q * AttainmentCap.Value : credited;
            var capNote = lines != null && counted < credited ? $" (credit above the {Percent(AttainmentCap!.Value)} attainment cap does not count)" : string.Empty;
            var paid = 0m;
            if (Mode == TierMode.Retroactive)
            {
                var reached = Table.TierAt(counted / q);
                var raw = counted * reached.Rate;
                paid = rounding.Round(raw);
                lines?.Add(new StatementLine(StatementLineKind.Commission, Id, $"{Name}: all {Format(counted, rounding.Currency)} at {Percent(reached.Rate)}, the rate of tier '{reached.Label}' ({reached.RangeText}) reached at {Percent(credited / q)} attainment{capNote}", counted, reached.Label, reached.Rate, paid, raw));
            }
            else
            {
                var tiers = Table.Tiers;
                for (var i = 0; i < tiers.Count; i++)
                {
                    var tier = tiers[i];
                    var low = q * tier.From;
                    if (i > 0 && counted <= low)
                    {
                        break;
                    }

                    var inBand = (tier.To.HasValue && counted > q * tier.To.Value ? q * tier.To.Value : counted) - low;
                    var raw = inBand * tier.Rate;
                    var amount = rounding.Round(raw);
                    paid += amount;
                    if (lines != null)
                    {
                        var role = Table.RoleOf(tier);
                        lines.Add(new StatementLine(StatementLineKind.Commission, Id, $"{Name}: {Format(inBand, rounding.Currency)} in tier '{tier.Label}' ({tier.RangeText}{(role == "base" ? string.Empty : ", " + role)}) at {Percent(tier.Rate)}{capNote}", inBand, tier.Label, tier.Rate, amount, raw));
                    }
                }
            }

            return ApplyPayoutCap(paid, rounding, lines);
        }

        private static string Percent(decimal fraction) => (fraction * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";

        private string Format(decimal value, Currency currency) => Measure == Measure.Revenue || Measure == Measure.Margin
            ? currency.Format(value)
            : value.ToString("0.##", CultureInfo.InvariantCulture) + " " + (Measure == Measure.Units ? "units" : "deals");
    }
}
