using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Internal;

namespace Spm.Domain.Credits
{
    /// <summary>
    /// An opportunity as SPM needs it: owner, status, amounts in the transaction currency with the Dataverse exchange
    /// rate (units of transaction currency per one base unit, so base = amount / rate), dates, probability and splits.
    /// </summary>
    public sealed record Deal
    {
        public Deal(
            string id,
            string name,
            string ownerId,
            DealStatus status,
            decimal amount,
            string currencyCode,
            decimal? exchangeRate,
            DateTime createdOn,
            DateTime estimatedCloseDate,
            DateTime? actualCloseDate = null,
            decimal probability = 0m,
            decimal margin = 0m,
            decimal units = 0m,
            string? category = null,
            IEnumerable<DealSplit>? splits = null)
        {
            Id = Preconditions.NotBlank(id, "Deal.Id");
            Name = Preconditions.NotBlank(name, "Deal.Name");
            OwnerId = Preconditions.NotBlank(ownerId, $"Deal.OwnerId of '{name}'");
            Status = status;
            Amount = Preconditions.NotNegative(amount, $"Deal.Amount of '{name}'");
            CurrencyCode = Preconditions.NotBlank(currencyCode, $"Deal.CurrencyCode of '{name}'").ToUpperInvariant();
            if (exchangeRate.HasValue)
            {
                Preconditions.Positive(exchangeRate.Value, $"Deal.ExchangeRate of '{name}'");
            }

            ExchangeRate = exchangeRate;
            CreatedOn = Preconditions.DateOnly(createdOn, $"Deal.CreatedOn of '{name}'");
            EstimatedCloseDate = Preconditions.DateOnly(estimatedCloseDate, $"Deal.EstimatedCloseDate of '{name}'");
            if (status != DealStatus.Open)
            {
                Preconditions.Require(actualCloseDate.HasValue, $"Deal.ActualCloseDate of '{name}'", null, $"Deal '{name}' is {status} but has no actual close date.");
            }

            ActualCloseDate = actualCloseDate.HasValue ? Preconditions.DateOnly(actualCloseDate.Value, $"Deal.ActualCloseDate of '{name}'") : (DateTime?)null;
            Probability = Preconditions.InRange(probability, 0m, 100m, $"Deal.Probability of '{name}'");
            Margin = Preconditions.NotNegative(margin, $"Deal.Margin of '{name}'");
            Units = Preconditions.NotNegative(units, $"Deal.Units of '{name}'");
            Category = string.IsNullOrWhiteSpace(category) ? null : category;
            Splits = (splits ?? Enumerable.Empty<DealSplit>()).ToArray();
            var duplicate = Splits.GroupBy(s => new { s.ParticipantId, s.Kind }).FirstOrDefault(g => g.Count() > 1);
            Preconditions.Require(duplicate == null, "CreditSplit.ParticipantId", duplicate?.Key.ParticipantId, $"Deal '{name}' lists {duplicate?.Key.ParticipantId} twice as a {duplicate?.Key.Kind} split; merge the lines.");
        }

        public string Id { get; }

        /// <summary>Display only: credit rows carry it, but renaming a won deal does not re-post its credit.</summary>
        public string Name { get; }

        public string OwnerId { get; }

        public DealStatus Status { get; }

        /// <summary>Actual value when won, estimated value while open; transaction currency. A won deal with no revenue, margin or units is credited nothing.</summary>
        public decimal Amount { get; }

        public string CurrencyCode { get; }

        public decimal? ExchangeRate { get; }

        public DateTime CreatedOn { get; }

        public DateTime EstimatedCloseDate { get; }

        public DateTime? ActualCloseDate { get; }

        /// <summary>0–100 close probability, used for probability-weighted pipeline only; a won deal's credit ignores it.</summary>
        public decimal Probability { get; }

        public decimal Margin { get; }

        public decimal Units { get; }

        /// <summary>Product line or deal type, for SPIFF filters.</summary>
        public string? Category { get; }

        public IReadOnlyList<DealSplit> Splits { get; }

        public bool Equals(Deal? other) =>
            other is not null && Id == other.Id && Name == other.Name && OwnerId == other.OwnerId && Status == other.Status
            && Amount == other.Amount && CurrencyCode == other.CurrencyCode && ExchangeRate == other.ExchangeRate
            && CreatedOn == other.CreatedOn && EstimatedCloseDate == other.EstimatedCloseDate && ActualCloseDate == other.ActualCloseDate
            && Probability == other.Probability && Margin == other.Margin && Units == other.Units && Category == other.Category
            && Splits.SequenceEqual(other.Splits);

        public override int GetHashCode() => unchecked((Id.GetHashCode() * 397) ^ Amount.GetHashCode() ^ (int)Status);
    }
}
