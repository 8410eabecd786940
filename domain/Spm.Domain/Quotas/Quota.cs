using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Spm.Domain.Calendar;
using Spm.Domain.Internal;
using Spm.Domain.Participants;

namespace Spm.Domain.Quotas
{
    /// <summary>A participant's target for one measure in one period, with optional ramp and dated adjustments.</summary>
    public sealed record Quota
    {
        public Quota(string participantId, FiscalPeriod period, Measure measure, decimal amount, RampSchedule? ramp = null, IEnumerable<QuotaAdjustment>? adjustments = null)
        {
            ParticipantId = Preconditions.NotBlank(participantId, "Quota.ParticipantId");
            Period = Preconditions.NotNull(period, "Quota.Period");
            Measure = measure;
            Amount = Preconditions.Positive(amount, $"Quota.Amount for {participantId} {period.Id} {measure}");
            Ramp = ramp;
            Adjustments = (adjustments ?? Enumerable.Empty<QuotaAdjustment>()).OrderBy(a => a.EffectiveDate).ToArray();
            foreach (var adjustment in Adjustments)
            {
                Preconditions.Require(adjustment.EffectiveDate < period.End, "QuotaAdjustment.EffectiveDate", adjustment.EffectiveDate, $"Quota adjustment '{adjustment.Reason}' is dated {adjustment.EffectiveDate:yyyy-MM-dd}, after {period.Id} ends.");
            }

            var final = Amount + Adjustments.Sum(a => a.Delta);
            Preconditions.Require(final > 0m, "QuotaAdjustment.Delta", final, $"Adjustments would bring {participantId}'s {period.Id} {measure} quota to {Preconditions.Format(final)}; a quota must stay above zero.");
        }

        public string ParticipantId { get; }

        public FiscalPeriod Period { get; }

        public Measure Measure { get; }

        /// <summary>The full (un-ramped) quota as assigned.</summary>
        public decimal Amount { get; }

        public RampSchedule? Ramp { get; }

        public IReadOnlyList<QuotaAdjustment> Adjustments { get; }

        /// <summary>The quota amount in force on <paramref name="asOf"/>: ramped amount plus adjustments effective by then.</summary>
        public decimal AmountOn(Participant participant, DateTime asOf)
        {
            var amount = Ramp == null ? Amount : Amount * Ramp.FactorFor(participant.HireDate, Period);
            for (var i = 0; i < Adjustments.Count; i++)
            {
                if (Adjustments[i].EffectiveDate <= asOf)
                {
                    amount += Adjustments[i].Delta;
                }
            }

            // A plain check: this runs once per participant in every recalculation, so the message is built only on failure.
            if (amount <= 0m)
            {
                throw new SpmRuleException("Quota.Amount", amount, $"{participant.Name}'s {Period.Id} {Measure} quota is {Preconditions.Format(amount)} on {asOf:yyyy-MM-dd} (hired {participant.HireDate:yyyy-MM-dd}); attainment needs a quota above zero.");
            }

            return amount;
        }

        /// <summary>The same amount with how it was derived, for people.</summary>
        public EffectiveQuota EffectiveOn(Participant participant, DateTime asOf)
        {
            var lines = new List<string> { $"assigned {Amount.ToString("#,##0.##", CultureInfo.InvariantCulture)}" };
            if (Ramp != null)
            {
                lines.Add(Ramp.Describe(participant.HireDate, Period));
            }

            foreach (var adjustment in Adjustments.Where(a => a.EffectiveDate <= asOf))
            {
                lines.Add(string.Format(CultureInfo.InvariantCulture, "{0:yyyy-MM-dd} {1}{2}: {3}", adjustment.EffectiveDate, adjustment.Delta > 0 ? "+" : string.Empty, adjustment.Delta.ToString("#,##0.##", CultureInfo.InvariantCulture), adjustment.Reason));
            }

            return new EffectiveQuota(ParticipantId, Period, Measure, AmountOn(participant, asOf), lines);
        }

        public bool Equals(Quota? other) =>
            other is not null && ParticipantId == other.ParticipantId && Period == other.Period && Measure == other.Measure
            && Amount == other.Amount && Equals(Ramp, other.Ramp) && Adjustments.SequenceEqual(other.Adjustments);

        public override int GetHashCode() => unchecked((ParticipantId.GetHashCode() * 397) ^ Period.Id.GetHashCode() ^ Amount.GetHashCode() ^ (int)Measure);
    }
}
