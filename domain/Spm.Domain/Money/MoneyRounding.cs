using System;
using Spm.Domain.Internal;

namespace Spm.Domain.Money
{
    /// <summary>
    /// The one rounding rule of a plan: statement lines are rounded to the currency's decimals with this midpoint
    /// rule, and nothing else is rounded. Totals are sums of rounded lines, so a total always equals its lines.
    /// </summary>
    public sealed record MoneyRounding
    {
        public MoneyRounding(Currency currency, MidpointRounding midpoint)
        {
            Currency = Preconditions.NotNull(currency, "MoneyRounding.Currency");
            Preconditions.Require(
                midpoint == MidpointRounding.AwayFromZero || midpoint == MidpointRounding.ToEven,
                "MoneyRounding.Midpoint",
                midpoint,
                $"MoneyRounding.Midpoint must be AwayFromZero or ToEven (got {midpoint}).");
            Midpoint = midpoint;
        }

        public Currency Currency { get; }

        public MidpointRounding Midpoint { get; }

        /// <summary>Half away from zero, the rule payroll and most comp plans state: 0.125 → 0.13, -0.125 → -0.13.</summary>
        public static MoneyRounding Commercial(Currency currency) => new MoneyRounding(currency, MidpointRounding.AwayFromZero);

        /// <summary>Banker's rounding: 0.125 → 0.12, 0.135 → 0.14.</summary>
        public static MoneyRounding Bankers(Currency currency) => new MoneyRounding(currency, MidpointRounding.ToEven);

        public decimal Round(decimal amount) => Math.Round(amount, Currency.Decimals, Midpoint);

        public string Describe() =>
            $"rounded per line to {Currency.Decimals} decimals in {Currency.Code}, midpoint {(Midpoint == MidpointRounding.AwayFromZero ? "away from zero" : "to even")}";
    }
}
