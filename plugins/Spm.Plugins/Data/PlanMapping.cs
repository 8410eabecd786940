using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Spm.Domain;
using Spm.Domain.Plans;
using Spm.Domain.Quotas;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Data
{
    /// <summary>
    /// Plan rows to domain plan objects, shared by the loader (a recalculation) and the configuration guard (a save), so
    /// the plan a save is checked against is exactly the plan a win is computed with.
    /// </summary>
    internal static class PlanMapping
    {
        public static readonly string[] ComponentColumns =
        {
            S.PlanComponent.Plan, S.PlanComponent.Name, S.PlanComponent.Kind, S.PlanComponent.Measure, S.PlanComponent.TierMode, S.PlanComponent.Threshold,
            S.PlanComponent.AttainmentCap, S.PlanComponent.PayoutCap, S.PlanComponent.TargetIncentive, S.PlanComponent.Order,
        };

        public static readonly string[] TierColumns = { S.PlanTier.Name, S.PlanTier.FromPercent, S.PlanTier.ToPercent, S.PlanTier.Rate };

        public static readonly string[] SpiffColumns = { S.Spiff.Plan, S.Spiff.Name, S.Spiff.FirstDay, S.Spiff.LastDay, S.Spiff.BonusPerDeal, S.Spiff.MinimumDealAmount, S.Spiff.Category };

        public static bool IsTargetIncentive(Entity component) => Columns.Choice(component, S.PlanComponent.Kind, S.PlanComponent.KindCommission) == S.PlanComponent.KindTargetIncentive;

        /// <summary>Percent columns become fractions; a commission rate is a percent, a target-incentive rate a multiplier.</summary>
        public static Tier ToTier(string? name, decimal? fromPercent, decimal? toPercent, decimal? rate, bool targetIncentive) =>
            new Tier(name ?? "Tier", (fromPercent ?? 0m) / 100m, toPercent.HasValue ? toPercent.Value / 100m : (decimal?)null, targetIncentive ? rate ?? 0m : (rate ?? 0m) / 100m);

        public static Tier ToTier(Entity tier, bool targetIncentive) => ToTier(
            tier.GetAttributeValue<string>(S.PlanTier.Name),
            Columns.OptionalDecimal(tier, S.PlanTier.FromPercent),
            Columns.OptionalDecimal(tier, S.PlanTier.ToPercent),
            Columns.OptionalDecimal(tier, S.PlanTier.Rate),
            targetIncentive);

        public static PlanComponent ToComponent(string planName, Entity row, RateTable table)
        {
            var name = Columns.Text(row, S.PlanComponent.Name);
            var measure = (Measure)(Columns.Choice(row, S.PlanComponent.Measure, S.Quota.MeasureBase) - S.Quota.MeasureBase);
            var mode = Columns.Choice(row, S.PlanComponent.TierMode, S.PlanComponent.ModeGraduated) == S.PlanComponent.ModeRetroactive ? TierMode.Retroactive : TierMode.Graduated;
            var threshold = Columns.OptionalDecimal(row, S.PlanComponent.Threshold) / 100m;
            var cap = Columns.OptionalDecimal(row, S.PlanComponent.AttainmentCap) / 100m;
            var payoutCap = Columns.OptionalMoney(row, S.PlanComponent.PayoutCap);
            var id = Columns.Key(row.Id);
            return IsTargetIncentive(row)
                ? new TargetIncentiveComponent(id, name, measure, Columns.OptionalMoney(row, S.PlanComponent.TargetIncentive) ?? throw new SpmRuleException(S.PlanComponent.TargetIncentive, null, $"Component '{name}' of plan '{planName}' pays a target incentive but has no target incentive amount."), table, mode, threshold, cap, payoutCap)
                : new CommissionComponent(id, name, measure, table, mode, threshold, cap, payoutCap);
        }

        public static Spiff ToSpiff(Entity row) => new Spiff(
            Columns.Key(row.Id),
            Columns.Text(row, S.Spiff.Name),
            Columns.RequiredDate(row, S.Spiff.FirstDay),
            Columns.RequiredDate(row, S.Spiff.LastDay),
            Columns.Money(row, S.Spiff.BonusPerDeal),
            Columns.Money(row, S.Spiff.MinimumDealAmount),
            row.GetAttributeValue<string>(S.Spiff.Category));

        /// <summary>The row as it will be after the save: the stored values with the request's columns applied (a null clears).</summary>
        public static Entity Merge(Entity? stored, Entity changes, Guid id)
        {
            var merged = new Entity(changes.LogicalName, id);
            if (stored != null)
            {
                foreach (KeyValuePair<string, object> column in stored.Attributes)
                {
                    merged[column.Key] = column.Value;
                }
            }

            foreach (KeyValuePair<string, object> column in changes.Attributes)
            {
                if (column.Value == null)
                {
                    merged.Attributes.Remove(column.Key);
                }
                else
                {
                    merged[column.Key] = column.Value;
                }
            }

            return merged;
        }
    }
}
