using System;

namespace Spm.Domain.Credits
{
    /// <summary>A credit the allocator wants on the ledger, before it gets a ledger id.</summary>
    public sealed record CreditDraft(
        string DealId,
        string DealName,
        string ParticipantId,
        CreditKind Kind,
        decimal Share,
        DateTime Date,
        decimal Revenue,
        decimal Margin,
        decimal Units,
        decimal DealAmount,
        string? Category)
    {
        /// <summary>Two drafts for the same participant and kind credit the same thing when every value matches.</summary>
        internal static CreditDraft Of(Credit credit) => new CreditDraft(
            credit.DealId, credit.DealName, credit.ParticipantId, credit.Kind, credit.Share, credit.Date,
            credit.Revenue, credit.Margin, credit.Units, credit.DealAmount, credit.Category);
    }
}
