namespace Spm.Domain.Engine
{
    /// <summary>Reported while a long recalculation runs.</summary>
    public sealed record RecalculationProgress(int Done, int Total, string PeriodId);
}
