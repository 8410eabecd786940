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
        decimal? Value);
}
