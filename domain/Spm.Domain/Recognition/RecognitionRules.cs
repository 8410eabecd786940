using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Spm.Domain.Internal;

namespace Spm.Domain.Recognition
{
    /// <summary>
    /// Which milestones count. Events fire only when a change crosses one, so replaying a change fires nothing; and the
    /// engine announces each milestone once per participant and period (a first deal once per participant ever, see
    /// <see cref="RecognitionEvent.DedupKey"/>), so crossing it again after a reopen or a reversal announces nothing.
    /// </summary>
    public sealed record RecognitionRules
    {
        public RecognitionRules(IEnumerable<decimal> attainmentMilestones, IEnumerable<int> streakWeeks)
        {
            AttainmentMilestones = Preconditions.NotNull(attainmentMilestones, "RecognitionRules.AttainmentMilestones").OrderBy(m => m).ToArray();
            foreach (var milestone in AttainmentMilestones)
            {
                Preconditions.Positive(milestone, "RecognitionRules.AttainmentMilestones");
            }

            StreakWeeks = Preconditions.NotNull(streakWeeks, "RecognitionRules.StreakWeeks").OrderBy(w => w).ToArray();
            foreach (var weeks in StreakWeeks)
            {
                Preconditions.InRange(weeks, 2, 104, "RecognitionRules.StreakWeeks");
            }
        }

        /// <summary>50%, 100% and 150% of quota; win streaks of 3, 5 and 10 consecutive weeks.</summary>
        public static RecognitionRules Default { get; } = new RecognitionRules(new[] { 0.5m, 1.0m, 1.5m }, new[] { 3, 5, 10 });

        public IReadOnlyList<decimal> AttainmentMilestones { get; }

        public IReadOnlyList<int> StreakWeeks { get; }

        public IEnumerable<decimal> Crossed(decimal? before, decimal? after) =>
            AttainmentMilestones.Where(m => (before ?? 0m) < m && (after ?? 0m) >= m);

        public static string Percent(decimal fraction) => (fraction * 100m).ToString("0.#", CultureInfo.InvariantCulture) + "%";
    }
}
