using Spm.Domain.Internal;

namespace Spm.Domain.Plans
{
    /// <summary>
    /// One band of a rate table by attainment: [From, To) as fractions of quota (1.0 = 100%), open-ended when To is null.
    /// The rate is a commission rate on credit (0.05 = 5%) or, for target-incentive components, a payout multiplier.
    /// </summary>
    public sealed record Tier
    {
        public Tier(string label, decimal from, decimal? to, decimal rate)
        {
            Label = Preconditions.NotBlank(label, "Tier.Label");
            From = Preconditions.NotNegative(from, $"Tier '{label}' From");
            if (to.HasValue)
            {
                Preconditions.Require(to.Value > from, $"Tier '{label}' To", to.Value, $"Tier '{label}' ends at {to.Value:P1}, which is not above where it starts ({from:P1}).");
            }

            To = to;
            Rate = Preconditions.NotNegative(rate, $"Tier '{label}' Rate");
        }

        public string Label { get; }

        public decimal From { get; }

        public decimal? To { get; }

        public decimal Rate { get; }

        public bool Contains(decimal attainment) => attainment >= From && (!To.HasValue || attainment < To.Value);

        public string RangeText => To.HasValue ? $"{From * 100m:0.##}%–{To.Value * 100m:0.##}%" : $"{From * 100m:0.##}% and above";
    }
}
