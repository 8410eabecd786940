using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Domain;
using Spm.Domain.Plans;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Services
{
    /// <summary>
    /// Checks a comp plan's configuration as a save would leave it, with the domain's own plan objects, so a plan that
    /// could not pay is refused when it is saved rather than on every later win.
    /// </summary>
    /// <remarks>
    /// Admins enter tiers one row at a time, so a component is allowed to be incomplete in exactly two ways: it has no
    /// tiers yet (it was just created), or its top tier is still bounded (the open-ended tier above has not been entered
    /// yet; also the one intermediate step of adding a tier on top: bound the top, then add above it). Everything else is
    /// refused on every save: a tier's own values (negative rate, end not above start), tiers that overlap, a gap between
    /// two tiers, a lowest tier that does not start at 0%, and deleting a component's only tier. So tiers are entered
    /// from 0% upwards, and the top tier is the one that can be cut: re-cutting a tier below it means deleting the tiers
    /// above, then entering them again. Wins on a component in either incomplete state are refused until it is complete.
    /// </remarks>
    public sealed class PlanConfigurationGuard
    {
        private const string PlanAlias = "plan";

        private readonly IOrganizationService _service;
        private readonly Action<string> _trace;

        public PlanConfigurationGuard(IOrganizationService service, Action<string> trace)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
            _trace = trace ?? (_ => { });
        }

        /// <param name="id">The tier row.</param>
        /// <param name="changes">The columns the request sets (Create, Update); null for a Delete.</param>
        /// <param name="before">The stored row's component (pre-image); null for a Create.</param>
        public void CheckTierChange(Guid id, Entity? changes, Entity? before)
        {
            var componentBefore = before == null ? Guid.Empty : Columns.Lookup(before, S.PlanTier.Component);
            var componentAfter = changes == null ? Guid.Empty : changes.Contains(S.PlanTier.Component) ? Columns.Lookup(changes, S.PlanTier.Component) : componentBefore;

            // The stored row comes from its component's tiers, read anyway to check what the change leaves behind.
            var storedSiblings = componentBefore == Guid.Empty ? new List<Entity>() : Tiers(componentBefore);
            var stored = storedSiblings.FirstOrDefault(t => t.Id == id);
            var merged = changes == null ? null : PlanMapping.Merge(stored, changes, id);
            var tierName = Columns.Text(merged ?? stored ?? new Entity(S.PlanTier.Table), S.PlanTier.Name);

            if (componentBefore != Guid.Empty && componentBefore != componentAfter)
            {
                var left = storedSiblings.Where(t => t.Id != id).ToList();
                var action = changes == null ? $"deleting tier '{tierName}'" : $"moving tier '{tierName}' to another component";
                var component = Component(componentBefore, out var planName);
                if (left.Count == 0)
                {
                    throw Refused(planName, Columns.Text(component, S.PlanComponent.Name), action, "It is the component's only tier, and a component needs at least one tier starting at 0%. Edit the tier instead, or delete the component.", null, null, tierName);
                }

                CheckComponent(planName, component, left, action, null);
            }

            if (merged != null && componentAfter != Guid.Empty)
            {
                var siblings = componentAfter == componentBefore ? storedSiblings : Tiers(componentAfter);
                var resulting = siblings.Where(t => t.Id != id || id == Guid.Empty).Concat(new[] { merged }).ToList();
                var component = Component(componentAfter, out var planName);
                CheckComponent(planName, component, resulting, $"saving tier '{tierName}'", merged);
            }
        }

        /// <param name="component">The component row as the save leaves it (stored values merged with the request's).</param>
        /// <param name="isNew">A component being created has no tiers yet: they reference it, so none can exist before it.</param>
        public void CheckComponentSave(Entity component, bool isNew)
        {
            var planName = PlanName(Columns.Lookup(component, S.PlanComponent.Plan));
            var tiers = isNew ? new List<Entity>() : Tiers(component.Id);
            CheckComponent(planName, component, tiers, "saving the component", null);
        }

        /// <param name="spiff">The SPIFF row as the save leaves it.</param>
        public void CheckSpiffSave(Entity spiff)
        {
            try
            {
                PlanMapping.ToSpiff(spiff);
            }
            catch (SpmRuleException rule)
            {
                var planName = PlanName(Columns.Lookup(spiff, S.Spiff.Plan));
                var column = ColumnOf(rule.Field, SpiffColumns);
                throw new SpmRuleException(column, spiff.Contains(column) ? spiff[column] : rule.Value, $"Comp plan '{planName}', SPIFF '{Columns.Text(spiff, S.Spiff.Name)}': saving the SPIFF was refused. {rule.Message} ({column} = {Format(spiff.Contains(column) ? spiff[column] : rule.Value)}). Nothing was saved.");
            }
        }

        private void CheckComponent(string planName, Entity component, IReadOnlyList<Entity> tiers, string action, Entity? focus)
        {
            var componentName = Columns.Text(component, S.PlanComponent.Name);
            try
            {
                var incentive = PlanMapping.IsTargetIncentive(component);
                var drafted = tiers.Count == 0 ? null : RateTable.CheckDraft(tiers.Select(t => PlanMapping.ToTier(t, incentive)).ToList());

                // Until the open-ended top tier is entered, the component's own values are checked against a stand-in flat table.
                var complete = drafted != null && !drafted[drafted.Count - 1].To.HasValue;
                PlanMapping.ToComponent(planName, component, complete ? new RateTable(drafted!) : RateTable.Flat(0m));
                _trace($"Plan '{planName}', component '{componentName}': {tiers.Count} tiers, {(complete ? "complete" : "still being entered")}, accepted");
            }
            catch (SpmRuleException rule)
            {
                if (rule.Field.StartsWith("Tier", StringComparison.Ordinal))
                {
                    var label = Label(rule.Field);
                    var row = (focus != null && Columns.Text(focus, S.PlanTier.Name) == label ? focus : null) ?? tiers.FirstOrDefault(t => Columns.Text(t, S.PlanTier.Name) == label) ?? focus;
                    var column = ColumnOf(rule.Field, TierColumns);
                    var value = row != null && row.Contains(column) ? row[column] : null;
                    var rowName = row == null ? null : Columns.Text(row, S.PlanTier.Name);

                    // Adding a tier on top takes two saves; an overlap with the open-ended top tier says which comes first.
                    var hint = column == S.PlanTier.ToPercent && value == null && rowName != null && !ReferenceEquals(row, focus) ? $" To add a tier above '{rowName}', first give '{rowName}' an upper bound where the new tier starts." : string.Empty;
                    throw Refused(planName, componentName, action, rule.Message + hint, column, value, rowName);
                }

                var componentColumn = ColumnOf(rule.Field, ComponentColumns);
                throw Refused(planName, componentName, action, rule.Message, componentColumn, component.Contains(componentColumn) ? component[componentColumn] : rule.Value);
            }
        }

        private static SpmRuleException Refused(string planName, string componentName, string action, string problem, string? column, object? value, string? tierName = null)
        {
            var where = column == null ? $"tier '{tierName}'" : (tierName == null ? string.Empty : $"tier '{tierName}': ") + $"{column} = {Format(value)}";
            return new SpmRuleException(column ?? S.PlanTier.Table, value ?? tierName, $"Comp plan '{planName}', component '{componentName}': {action} was refused. {problem} ({where}). Nothing was saved.");
        }

        private List<Entity> Tiers(Guid component) =>
            _service.All(Queries.Of(S.PlanTier.Table, PlanMapping.TierColumns).Where(S.PlanTier.Component, ConditionOperator.Equal, component));

        /// <summary>The component with its plan's name, in one request.</summary>
        private Entity Component(Guid id, out string planName)
        {
            var query = Queries.Of(S.PlanComponent.Table, PlanMapping.ComponentColumns).Where(S.PlanComponent.Id, ConditionOperator.Equal, id);
            var plan = query.AddLink(S.CompPlan.Table, S.PlanComponent.Plan, S.CompPlan.Id, JoinOperator.LeftOuter);
            plan.EntityAlias = PlanAlias;
            plan.Columns = new ColumnSet(S.CompPlan.Name);
            var row = _service.All(query).FirstOrDefault()
                ?? throw new InvalidPluginExecutionException($"The tier's plan component {id} does not exist; choose an existing component.");
            planName = row.GetAttributeValue<AliasedValue>(PlanAlias + "." + S.CompPlan.Name)?.Value as string ?? "(no plan)";
            return row;
        }

        private string PlanName(Guid plan) =>
            plan == Guid.Empty ? "(no plan)" : _service.Retrieve(S.CompPlan.Table, plan, new ColumnSet(S.CompPlan.Name)).GetAttributeValue<string>(S.CompPlan.Name) ?? plan.ToString("D");

        // The domain names a field by its role ("Tier 'Base' Rate"); the user needs the column they typed it in.
        private static readonly Dictionary<string, string> TierColumns = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["From"] = S.PlanTier.FromPercent, ["To"] = S.PlanTier.ToPercent, ["Rate"] = S.PlanTier.Rate, ["Label"] = S.PlanTier.Name, ["Tiers"] = S.PlanTier.Table,
        };

        private static readonly Dictionary<string, string> ComponentColumns = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Threshold"] = S.PlanComponent.Threshold, ["AttainmentCap"] = S.PlanComponent.AttainmentCap, ["PayoutCap"] = S.PlanComponent.PayoutCap,
            ["TargetIncentive"] = S.PlanComponent.TargetIncentive, ["Name"] = S.PlanComponent.Name, ["RateTable"] = S.PlanTier.Table,
        };

        private static readonly Dictionary<string, string> SpiffColumns = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["FirstDay"] = S.Spiff.FirstDay, ["LastDay"] = S.Spiff.LastDay, ["BonusPerDeal"] = S.Spiff.BonusPerDeal, ["MinimumDealAmount"] = S.Spiff.MinimumDealAmount, ["Name"] = S.Spiff.Name,
        };

        private static string ColumnOf(string field, Dictionary<string, string> columns)
        {
            var role = field.Substring(field.LastIndexOfAny(new[] { ' ', '.' }) + 1);
            return columns.TryGetValue(role, out var column) ? column : field;
        }

        private static string Label(string field)
        {
            var first = field.IndexOf('\'');
            var last = field.LastIndexOf('\'');
            return first >= 0 && last > first ? field.Substring(first + 1, last - first - 1) : string.Empty;
        }

        internal static string Format(object? value)
        {
            switch (value)
            {
                case null:
                    return "(empty)";
                case Money money:
                    return money.Value.ToString("0.##########", CultureInfo.InvariantCulture);
                case decimal number:
                    return number.ToString("0.##########", CultureInfo.InvariantCulture);
                case DateTime date:
                    return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                case OptionSetValue choice:
                    return choice.Value.ToString(CultureInfo.InvariantCulture);
                case EntityReference reference:
                    return reference.Name ?? reference.Id.ToString("D");
                default:
                    return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }
    }
}
