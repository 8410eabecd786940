using Spm.Domain.Statements;

namespace Spm.Domain.Engine
{
    /// <summary>The figures a full recalculation produces for one participant and period (no explanation text).</summary>
    public sealed record ParticipantPeriodResult(
        string ParticipantId,
        string PeriodId,
        string? PlanId,
        PeriodAttainment Attainment,
        decimal Earned,
        decimal TotalPayable,
        decimal DrawClosingBalance,
        bool Frozen,
        long LedgerSequence);
}
