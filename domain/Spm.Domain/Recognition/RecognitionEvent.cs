using System.Globalization;

namespace Spm.Domain.Recognition
{
    /// <summary>A milestone a recalculation crossed (spm_recognition), ready for a shout-out card.</summary>
    public sealed record RecognitionEvent(
        RecognitionKind Kind,
        string ParticipantId,
        string PeriodId,
        string Title,
        string Detail,
        string? DealId,
        decimal? Value)
    {
        /// <summary>
        /// What makes two announcements the same, so each is made once: "Kind|ParticipantId|PeriodId|Milestone". The
        /// milestone is the attainment fraction (AttainmentMilestone, e.g. 0.5) or the streak length in weeks (WinStreak,
        /// e.g. 3), as <see cref="Value"/> prints invariantly; the deal id for LargestDealOfPeriod (a deal is the largest
        /// of a period once, however often it is re-won); and nothing for FirstDeal, whose period is left out too,
        /// because a participant has one first deal ever: "FirstDeal|{participant}||". The engine skips keys it has
        /// announced or been told of (<see cref="Engine.SpmEngine.MarkRecognised"/>); a store keeps one row per key.
        /// </summary>
        public string DedupKey => Kind switch
        {
            RecognitionKind.FirstDeal => string.Join("|", Kind, ParticipantId, string.Empty, string.Empty),
            RecognitionKind.LargestDealOfPeriod => string.Join("|", Kind, ParticipantId, PeriodId, DealId ?? string.Empty),
            _ => string.Join("|", Kind, ParticipantId, PeriodId, Value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty),
        };
    }
}
