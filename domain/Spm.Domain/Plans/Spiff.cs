using System;
using Spm.Domain.Credits;
using Spm.Domain.Internal;

namespace Spm.Domain.Plans
{
    /// <summary>
    /// A short-term per-deal bonus: every deal closed in [FirstDay, LastDay] that matches the filter (category, minimum
    /// deal size in base currency) pays the bonus, shared by split the same way the revenue is.
    /// </summary>
    public sealed record Spiff
    {
        public Spiff(string id, string name, DateTime firstDay, DateTime lastDay, decimal bonusPerDeal, decimal minimumDealAmount = 0m, string? category = null)
        {
            Id = Preconditions.NotBlank(id, "Spiff.Id");
            Name = Preconditions.NotBlank(name, "Spiff.Name");
            FirstDay = Preconditions.DateOnly(firstDay, $"Spiff '{name}' FirstDay");
            LastDay = Preconditions.DateOnly(lastDay, $"Spiff '{name}' LastDay");
            Preconditions.Require(LastDay >= FirstDay, $"Spiff '{name}' LastDay", lastDay, $"SPIFF '{name}' ends ({lastDay:yyyy-MM-dd}) before it starts ({firstDay:yyyy-MM-dd}).");
            BonusPerDeal = Preconditions.Positive(bonusPerDeal, $"Spiff '{name}' BonusPerDeal");
            MinimumDealAmount = Preconditions.NotNegative(minimumDealAmount, $"Spiff '{name}' MinimumDealAmount");
            Category = string.IsNullOrWhiteSpace(category) ? null : category;
        }

        public string Id { get; }

        public string Name { get; }

        public DateTime FirstDay { get; }

        public DateTime LastDay { get; }

        public decimal BonusPerDeal { get; }

        public decimal MinimumDealAmount { get; }

        public string? Category { get; }

        /// <summary>Owner and revenue-split credits qualify; overlay and roll-up credit do not earn SPIFFs.</summary>
        public bool Qualifies(Credit credit) =>
            (credit.Kind == CreditKind.Owner || credit.Kind == CreditKind.Split)
            && credit.Date >= FirstDay && credit.Date <= LastDay
            && credit.DealAmount >= MinimumDealAmount
            && (Category == null || string.Equals(Category, credit.Category, StringComparison.OrdinalIgnoreCase));

        /// <summary>For people: "deals closed Feb 1–Mar 31, 2026 in 'New Logo' of at least $25,000.00".</summary>
        public string FilterText(Money.Currency currency) =>
            $"deals closed {FirstDay:MMM d}–{LastDay:MMM d, yyyy}{(Category == null ? string.Empty : $" in '{Category}'")}{(MinimumDealAmount > 0m ? $" of at least {currency.Format(MinimumDealAmount)}" : string.Empty)}";
    }
}
