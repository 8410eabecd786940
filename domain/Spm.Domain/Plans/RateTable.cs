using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Internal;

namespace Spm.Domain.Plans
{
    /// <summary>Tiers that start at 0%, follow each other without gap or overlap, and end open-ended.</summary>
    public sealed record RateTable
    {
        public RateTable(IEnumerable<Tier> tiers)
        {
            Tiers = Check(tiers, requireOpenEndedTop: true);
        }

        /// <summary>
        /// The tiers of a table still being entered, one tier at a time from 0% upwards: held to every rule of a complete
        /// table (start at 0%, no gap, no overlap) except that the top tier may still be bounded, because the open-ended
        /// tier above it has not been entered yet. Returns the tiers in order; a complete table is one whose last tier has
        /// no upper bound.
        /// </summary>
        public static IReadOnlyList<Tier> CheckDraft(IEnumerable<Tier> tiers) => Check(tiers, requireOpenEndedTop: false);

        private static Tier[] Check(IEnumerable<Tier> tiers, bool requireOpenEndedTop)
        {
            var list = Preconditions.NotNull(tiers, "RateTable.Tiers").OrderBy(t => t.From).ToArray();
            Preconditions.Require(list.Length > 0, "RateTable.Tiers", null, "A rate table needs at least one tier.");
            Preconditions.Require(list[0].From == 0m, $"Tier '{list[0].Label}' From", list[0].From, $"The first tier '{list[0].Label}' starts at {list[0].From * 100m:0.##}%; the first tier must start at 0% (use a 0% rate below a threshold).");
            for (var i = 0; i < list.Length; i++)
            {
                var tier = list[i];
                if (i == list.Length - 1)
                {
                    Preconditions.Require(!requireOpenEndedTop || !tier.To.HasValue, $"Tier '{tier.Label}' To", tier.To, $"The last tier '{tier.Label}' ends at {tier.To * 100m:0.##}%; the last tier must be open-ended so every attainment has a rate.");
                    break;
                }

                var next = list[i + 1];
                Preconditions.Require(tier.To.HasValue, $"Tier '{tier.Label}' To", null, $"Tier '{tier.Label}' is open-ended but tier '{next.Label}' starts at {next.From * 100m:0.##}%; tiers overlap.");
                Preconditions.Require(tier.To!.Value <= next.From, $"Tier '{next.Label}' From", next.From, $"Tiers '{tier.Label}' ({tier.RangeText}) and '{next.Label}' ({next.RangeText}) overlap between {next.From * 100m:0.##}% and {tier.To.Value * 100m:0.##}%.");
                Preconditions.Require(tier.To.Value >= next.From, $"Tier '{next.Label}' From", next.From, $"There is a gap between tier '{tier.Label}' (ends at {tier.To.Value * 100m:0.##}%) and tier '{next.Label}' (starts at {next.From * 100m:0.##}%).");
            }

            return list;
        }

        public IReadOnlyList<Tier> Tiers { get; }

        public static RateTable Flat(decimal rate) => new RateTable(new[] { new Tier("Flat", 0m, null, rate) });

        public bool IsFlat => Tiers.Count == 1;

        public Tier TierAt(decimal attainment)
        {
            for (var i = Tiers.Count - 1; i > 0; i--)
            {
                if (attainment >= Tiers[i].From)
                {
                    return Tiers[i];
                }
            }

            return Tiers[0];
        }

        /// <summary>The first tier that starts above the given attainment, if any.</summary>
        public Tier? NextTierAbove(decimal attainment) => Tiers.FirstOrDefault(t => t.From > attainment);

        /// <summary>
        /// "accelerator" for a tier paying more than the rate in force just below 100% of quota, "decelerator" for one
        /// paying less (a slow start below quota, or a reduced rate far above it), "base" otherwise.
        /// </summary>
        public string RoleOf(Tier tier)
        {
            var atQuota = TierAt(0.9999m).Rate;
            return tier.Rate > atQuota ? "accelerator" : tier.Rate < atQuota ? "decelerator" : "base";
        }

        public bool Equals(RateTable? other) => other is not null && Tiers.SequenceEqual(other.Tiers);

        public override int GetHashCode() => Tiers.Count;
    }
}
