using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Calendar;
using Spm.Domain.Internal;

namespace Spm.Domain.Plans
{
    /// <summary>Which plan a participant is on, from a date (spm_planassignment).</summary>
    public sealed record PlanAssignment
    {
        public PlanAssignment(string participantId, CompPlan plan, DateTime effectiveFrom)
        {
            ParticipantId = Preconditions.NotBlank(participantId, "PlanAssignment.ParticipantId");
            Plan = Preconditions.NotNull(plan, "PlanAssignment.Plan");
            EffectiveFrom = Preconditions.DateOnly(effectiveFrom, "PlanAssignment.EffectiveFrom");
        }

        public string ParticipantId { get; }

        public CompPlan Plan { get; }

        public DateTime EffectiveFrom { get; }
    }

    /// <summary>All plan assignments; the plan in force for a period is the latest one effective by the period's start.</summary>
    public sealed class PlanAssignments
    {
        private readonly Dictionary<string, List<PlanAssignment>> _byParticipant = new Dictionary<string, List<PlanAssignment>>(StringComparer.Ordinal);

        public PlanAssignments(IEnumerable<PlanAssignment> assignments)
        {
            foreach (var assignment in Preconditions.NotNull(assignments, "PlanAssignments"))
            {
                Assign(assignment);
            }
        }

        public void Assign(PlanAssignment assignment)
        {
            if (!_byParticipant.TryGetValue(assignment.ParticipantId, out var list))
            {
                _byParticipant[assignment.ParticipantId] = list = new List<PlanAssignment>();
            }

            list.RemoveAll(a => a.EffectiveFrom == assignment.EffectiveFrom);
            list.Add(assignment);
            list.Sort((a, b) => a.EffectiveFrom.CompareTo(b.EffectiveFrom));
        }

        public CompPlan? PlanFor(string participantId, FiscalPeriod period)
        {
            if (!_byParticipant.TryGetValue(participantId, out var list))
            {
                return null;
            }

            CompPlan? plan = null;
            foreach (var assignment in list)
            {
                if (assignment.EffectiveFrom < period.End)
                {
                    plan = assignment.Plan;
                }
            }

            return plan;
        }

        public IEnumerable<CompPlan> Plans => _byParticipant.Values.SelectMany(l => l).Select(a => a.Plan).Distinct();
    }
}
