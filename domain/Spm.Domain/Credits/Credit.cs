using System;
using Spm.Domain.Calendar;
using Spm.Domain.Quotas;

namespace Spm.Domain.Credits
{
    /// <summary>
    /// One ledger row: a participant's credit for a deal, in base currency, dated at the deal's close date.
    /// A reversal carries negated amounts, the id of the row it reverses, and the date it was posted.
    /// </summary>
    public sealed class Credit
    {
        internal Credit(long id, CreditDraft draft, long? reversalOfId, DateTime postedOn)
        {
            Id = id;
            DealId = draft.DealId;
            DealName = draft.DealName;
            ParticipantId = draft.ParticipantId;
            Kind = draft.Kind;
            Share = draft.Share;
            Date = draft.Date;
            MonthKey = Calendar.MonthKey.Of(draft.Date);
            var sign = reversalOfId.HasValue ? -1m : 1m;
            Revenue = sign * draft.Revenue;
            Margin = sign * draft.Margin;
            Units = sign * draft.Units;
            DealCount = sign * draft.Share;
            DealAmount = draft.DealAmount;
            Category = draft.Category;
            ReversalOfId = reversalOfId;
            PostedOn = postedOn;
        }

        /// <summary>
        /// A row read back from storage (spm_credit), amounts signed as stored. Checked like a new row: the id must be
        /// positive, and a reversal must carry non-positive amounts.
        /// </summary>
        public static Credit Restore(long id, CreditDraft signedValues, long? reversalOfId, DateTime postedOn)
        {
            Internal.Preconditions.Require(id > 0, "Credit.Id", id, $"Ledger row id must be positive (got {id}).");
            Internal.Preconditions.NotNull(signedValues, "Credit");
            var sign = reversalOfId.HasValue ? -1m : 1m;
            Internal.Preconditions.Require(
                sign * signedValues.Revenue >= 0m,
                "Credit.Revenue",
                signedValues.Revenue,
                $"Ledger row {id} for deal {signedValues.DealName}: {(reversalOfId.HasValue ? "a reversal" : "a credit")} cannot carry revenue {signedValues.Revenue}.");
            var unsigned = signedValues with { Revenue = sign * signedValues.Revenue, Margin = sign * signedValues.Margin, Units = sign * signedValues.Units };
            return new Credit(id, unsigned, reversalOfId, Internal.Preconditions.DateOnly(postedOn, "Credit.PostedOn"));
        }

        /// <summary>The row's values as a draft, amounts signed as stored (negative on a reversal).</summary>
        public CreditDraft ToSignedDraft() => new CreditDraft(DealId, DealName, ParticipantId, Kind, Share, Date, Revenue, Margin, Units, DealAmount, Category);

        public long Id { get; }

        public string DealId { get; }

        public string DealName { get; }

        public string ParticipantId { get; }

        public CreditKind Kind { get; }

        /// <summary>0–1 share of the deal this row credits (overlays may add past 1 across rows).</summary>
        public decimal Share { get; }

        /// <summary>Credit date: the deal's actual close date.</summary>
        public DateTime Date { get; }

        public int MonthKey { get; }

        public decimal Revenue { get; }

        public decimal Margin { get; }

        public decimal Units { get; }

        /// <summary>The share as a deal count (+0.5 for half a deal; negative on a reversal).</summary>
        public decimal DealCount { get; }

        /// <summary>The whole deal's revenue in base currency, for SPIFF thresholds and "largest deal".</summary>
        public decimal DealAmount { get; }

        public string? Category { get; }

        public long? ReversalOfId { get; }

        public bool IsReversal => ReversalOfId.HasValue;

        public DateTime PostedOn { get; }

        public decimal Value(Measure measure) => measure switch
        {
            Measure.Revenue => Revenue,
            Measure.Margin => Margin,
            Measure.Units => Units,
            _ => DealCount,
        };

        public override string ToString() =>
            $"#{Id} {Date:yyyy-MM-dd} {DealName} → {ParticipantId} {Kind} {Share:P0} revenue {Revenue}{(IsReversal ? $" (reverses #{ReversalOfId}, posted {PostedOn:yyyy-MM-dd})" : string.Empty)}";
    }
}
