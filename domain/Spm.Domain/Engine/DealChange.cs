using System.Collections.Generic;
using Spm.Domain.Credits;
using Spm.Domain.Recognition;

namespace Spm.Domain.Engine
{
    /// <summary>The outcome of one deal change: ledger rows appended, the re-derived figures of everyone it moved, and milestones crossed.</summary>
    public sealed record DealChange(
        Deal? Deal,
        LedgerPosting Posting,
        IReadOnlyList<ParticipantPeriodResult> Results,
        IReadOnlyList<RecognitionEvent> Recognitions);
}
