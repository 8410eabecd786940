namespace Spm.Domain.Scorecards
{
    /// <summary>
    /// Sales KPIs over deals the participant owns that closed in the period. Velocity is the classic
    /// (open deals × win rate × average deal size) ÷ cycle length, in base currency per day.
    /// </summary>
    public sealed record Kpis(int Won, int Lost, decimal? WinRate, decimal? AverageDealSize, decimal? AverageCycleDays, int OpenDeals, decimal OpenPipeline, decimal? PipelineVelocityPerDay);
}
