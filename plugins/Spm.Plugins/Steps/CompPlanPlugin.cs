using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Asynchronous: a comp plan, one of its components, tiers or SPIFFs changed. Every participant on the plan gets their
    /// open statements re-derived, a batch of participants at a time; locked periods stay as they are.
    /// </summary>
    public sealed class CompPlanPlugin : PluginBase
    {
        private const int BatchSize = 50;

        public CompPlanPlugin()
            : base(typeof(CompPlanPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var planId = PlanOf(context);
            if (planId == Guid.Empty)
            {
                context.Trace("No plan could be found for this change.");
                return;
            }

            var participants = context.SystemService.All(Queries.Of(S.PlanAssignment.Table, S.PlanAssignment.Participant).Where(S.PlanAssignment.Plan, ConditionOperator.Equal, planId))
                .Select(r => Columns.Lookup(r, S.PlanAssignment.Participant))
                .Where(id => id != Guid.Empty)
                .Distinct()
                .ToList();
            var service = new Services.CreditPostingService(context.SystemService, context.Trace);
            for (var start = 0; start < participants.Count; start += BatchSize)
            {
                var batch = participants.Skip(start).Take(BatchSize).ToList();
                service.Recalculate(batch, null, context.PluginExecutionContext.OperationCreatedOn);
                context.Trace($"Recalculated {Math.Min(start + BatchSize, participants.Count)} of {participants.Count} participants on the plan");
            }
        }

        private static Guid PlanOf(LocalPluginContext context)
        {
            var row = context.PostImage(StepImages.Post) ?? context.PreImage(StepImages.Pre) ?? context.Target;
            var table = context.PluginExecutionContext.PrimaryEntityName;
            if (table == S.CompPlan.Table)
            {
                return context.PluginExecutionContext.PrimaryEntityId;
            }

            if (row == null)
            {
                return Guid.Empty;
            }

            if (table == S.PlanTier.Table)
            {
                var component = Columns.Lookup(row, S.PlanTier.Component);
                return component == Guid.Empty ? Guid.Empty : Columns.Lookup(context.SystemService.Retrieve(S.PlanComponent.Table, component, new ColumnSet(S.PlanComponent.Plan)), S.PlanComponent.Plan);
            }

            return Columns.Lookup(row, table == S.Spiff.Table ? S.Spiff.Plan : S.PlanComponent.Plan);
        }
    }
}
