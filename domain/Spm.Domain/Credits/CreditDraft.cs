using System;

namespace Spm.Domain.Credits
{
    /// <summary>
    /// A credit the allocator wants on the ledger, before it gets a ledger id. The deal's name is carried for display
    /// only (statement lines, credit rows); it is not part of what is credited, see <see cref="CreditsSameAs"/>.
    /// </summary>
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
        /// <summary>
        /// Whether two drafts credit the same thing: every value but the deal's name, which is a display attribute. The
        /// ledger keeps a row whose credit is unchanged, so renaming a won deal posts nothing; the next row it does post
        /// carries the new name. (Probability is not part of a credit at all: it only weighs open pipeline.)
        /// Record equality still compares every value, the name included.
        /// </summary>
        public bool CreditsSameAs(CreditDraft other) =>
            other is not null
            && string.Equals(DealId, other.DealId, StringComparison.Ordinal)
            && string.Equals(ParticipantId, other.ParticipantId, StringComparison.Ordinal)
            && Kind == other.Kind
            && Share == other.Share
            && Date == other.Date
            && Revenue == other.Revenue
            && Margin == other.Margin
            && Units == other.Units
            && DealAmount == other.DealAmount
            && string.Equals(Category, other.Category, StringComparison.Ordinal);

        /// <summary>Two drafts for the same participant and kind credit the same thing when every value matches.</summary>
        internal static CreditDraft Of(Credit credit) => new CreditDraft(
            credit.DealId, credit.DealName, credit.ParticipantId, credit.Kind, credit.Share, credit.Date,
            credit.Revenue, credit.Margin, credit.Units, credit.DealAmount, credit.Category);
    }
}
