using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Internal;
using Spm.Domain.Money;
using Spm.Domain.Quotas;

namespace Spm.Domain.Plans
{
    /// <summary>A compensation plan: payable components, SPIFFs, an optional draw, the clawback policy and the rounding rule.</summary>
    public sealed class CompPlan
    {
        public CompPlan(string id, string name, MoneyRounding rounding, IEnumerable<PlanComponent> components, IEnumerable<Spiff>? spiffs = null, Draw? draw = null, ClawbackPolicy? clawback = null)
        {
            Id = Preconditions.NotBlank(id, "CompPlan.Id");
            Name = Preconditions.NotBlank(name, "CompPlan.Name");
            Rounding = Preconditions.NotNull(rounding, $"CompPlan '{name}' Rounding");
            Components = Preconditions.NotNull(components, $"CompPlan '{name}' Components").ToArray();
            Spiffs = (spiffs ?? Enumerable.Empty<Spiff>()).ToArray();
            Preconditions.Require(Components.Count + Spiffs.Count > 0, $"CompPlan '{name}' Components", null, $"Plan '{name}' has no components and no SPIFFs, so it can never pay.");
            var duplicate = Components.Select(c => c.Id).Concat(Spiffs.Select(s => s.Id)).GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            Preconditions.Require(duplicate == null, $"CompPlan '{name}' Components", duplicate?.Key, $"Plan '{name}' uses the id '{duplicate?.Key}' for more than one component or SPIFF.");
            Draw = draw;
            Clawback = clawback ?? ClawbackPolicy.NinetyDays;
            Measures = Components.Select(c => c.Measure).Distinct().ToArray();
        }

        public string Id { get; }

        public string Name { get; }

        public MoneyRounding Rounding { get; }

        public Currency Currency => Rounding.Currency;

        public IReadOnlyList<PlanComponent> Components { get; }

        public IReadOnlyList<Spiff> Spiffs { get; }

        /// <summary>
        /// What decides which deals qualify for the plan's SPIFFs (each one's id, window, minimum and category; not its
        /// bonus), as one text: a totals snapshot's SPIFF shares hold only while the plan's basis is the one they were counted on.
        /// </summary>
        public string SpiffBasis => string.Join(";", Spiffs.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => string.Join(
            "|",
            s.Id,
            s.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            s.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            s.MinimumDealAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            s.Category ?? string.Empty)));

        public Draw? Draw { get; }

        public ClawbackPolicy Clawback { get; }

        /// <summary>The measures the plan pays on, so the engine sums only what it needs.</summary>
        public IReadOnlyList<Measure> Measures { get; }

        /// <summary>The measure attainment is headlined on: the first component's (revenue when the plan has none).</summary>
        public Measure PrimaryMeasure => Components.Count > 0 ? Components[0].Measure : Measure.Revenue;
    }
}
