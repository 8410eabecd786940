using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Domain;
using Spm.Domain.Calendar;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Synchronous pre-operation on spm_period status: Open → Locked → Paid only, and periods lock in order. Refusing
    /// here keeps a locked statement from ever being rewritten.
    /// </summary>
    public sealed class PeriodStatusGuardPlugin : PluginBase
    {
        public PeriodStatusGuardPlugin()
            : base(typeof(PeriodStatusGuardPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var target = context.Target;
            var before = context.PreImage(OpportunitySteps.PreImage);
            if (target == null || before == null || !target.Contains(S.Period.Status))
            {
                return;
            }

            var from = Columns.Choice(before, S.Period.Status, S.Period.StatusOpen);
            var to = Columns.Choice(target, S.Period.Status, S.Period.StatusOpen);
            if (from == to)
            {
                return;
            }

            var name = Columns.Text(before, S.Period.Name);
            if (to != from + 1)
            {
                throw new SpmRuleException(S.Period.Status, to, $"Period '{name}' is {Label(from)} and cannot become {Label(to)}: a period moves Open → Locked → Paid, one step at a time, and never back.");
            }

            if (to == S.Period.StatusLocked)
            {
                var earlierOpen = context.SystemService.All(Queries.Of(S.Period.Table, S.Period.Name)
                    .Where(S.Period.Kind, Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, Columns.Choice(before, S.Period.Kind, S.Period.KindQuarter))
                    .Where(S.Period.StartDate, Microsoft.Xrm.Sdk.Query.ConditionOperator.LessThan, Columns.RequiredDate(before, S.Period.StartDate))
                    .Where(S.Period.Status, Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, S.Period.StatusOpen));
                if (earlierOpen.Count > 0)
                {
                    throw new SpmRuleException(S.Period.Status, name, $"Lock {string.Join(", ", earlierOpen.Select(p => Columns.Text(p, S.Period.Name)))} before '{name}': periods are locked in order.");
                }
            }
        }

        private static string Label(int status) => status == S.Period.StatusLocked ? "Locked" : status == S.Period.StatusPaid ? "Paid" : "Open";
    }

    /// <summary>
    /// Asynchronous post-operation: a period was locked, so every statement in it is computed one last time and frozen
    /// with the ledger sequence it reflects. Later changes to its deals become adjustments in the next open period.
    /// </summary>
    public sealed class PeriodLockPlugin : PluginBase
    {
        public PeriodLockPlugin()
            : base(typeof(PeriodLockPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var before = context.PreImage(OpportunitySteps.PreImage);
            var after = context.PostImage(OpportunitySteps.PostImage);
            if (before == null || after == null
                || Columns.Choice(before, S.Period.Status, S.Period.StatusOpen) != S.Period.StatusOpen
                || Columns.Choice(after, S.Period.Status, S.Period.StatusOpen) != S.Period.StatusLocked)
            {
                return;
            }

            var participants = context.SystemService.All(Queries.Of(S.PlanAssignment.Table, S.PlanAssignment.Participant))
                .Select(r => Columns.Lookup(r, S.PlanAssignment.Participant)).Where(id => id != Guid.Empty).Distinct().ToList();
            var now = context.PluginExecutionContext.OperationCreatedOn;
            for (var start = 0; start < participants.Count; start += 50)
            {
                var batch = participants.Skip(start).Take(50).ToList();
                var model = new SpmModelLoader(context.SystemService, context.Trace).Load(batch, null, true, context.PluginExecutionContext.PrimaryEntityId);
                var periodId = model.PeriodRows.First(p => p.Value == context.PluginExecutionContext.PrimaryEntityId).Key;
                var period = model.Periods.Get(periodId);
                new SpmResultWriter(context.SystemService, context.Trace).FreezeStatements(model, batch.Select(Columns.Key), period, now);
                context.Trace($"Froze {Math.Min(start + 50, participants.Count)} of {participants.Count} statements for {period.Id}");
            }
        }
    }
}
