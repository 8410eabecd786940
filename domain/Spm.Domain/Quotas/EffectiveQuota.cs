using System.Collections.Generic;
using Spm.Domain.Calendar;

namespace Spm.Domain.Quotas
{
    /// <summary>The quota that attainment divides by, with how it was derived.</summary>
    public sealed record EffectiveQuota(string ParticipantId, FiscalPeriod Period, Measure Measure, decimal Amount, IReadOnlyList<string> Explanation);
}
