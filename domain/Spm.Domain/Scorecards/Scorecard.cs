using System.Collections.Generic;
using Spm.Domain.Statements;

namespace Spm.Domain.Scorecards
{
    /// <summary>The read model the CRM and Teams both show for one participant and period.</summary>
    public sealed record Scorecard(
        string ParticipantId,
        string Name,
        string Team,
        string PeriodId,
        string PeriodName,
        string CurrencyCode,
        PeriodAttainment Attainment,
        Pace Pace,
        Projection Projection,
        int Rank,
        int TeamSize,
        decimal EarningsThisPeriod,
        decimal EarningsYearToDate,
        NextTier? NextTier,
        Kpis Kpis,
        IReadOnlyList<string> QuotaExplanation);
}
