using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Domain;
using Spm.Domain.Calendar;
using Spm.Plugins.Data;
using Spm.Plugins.Services;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Synchronous pre-operation on spm_period Create, Update and Delete. Status moves Open → Locked → Paid only, and
    /// periods lock in order. A locked or paid period is final: its dates, kind, fiscal year and number cannot change and
    /// it cannot be deleted, or its frozen statements would no longer match it. An open period ends after it starts.
    /// </summary>
    public sealed class PeriodStatusGuardPlugin : PluginBase
    {
        /// <summary>What defines a period: the columns a locked or paid period keeps as they are.</summary>
        public static readonly string[] DefinitionColumns = { S.Period.StartDate, S.Period.EndDate, S.Period.Kind, S.Period.FiscalYear, S.Period.Number };

        public PeriodStatusGuardPlugin()
            : base(typeof(PeriodStatusGuardPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var message = context.PluginExecutionContext.MessageName;
            var before = context.PreImage(StepImages.Pre);
            if (message == "Delete")
            {
                RefuseDeletingFinalPeriod(before);
                return;
            }

            var target = context.Target;
            if (target == null || (message == "Update" && before == null))
            {
                return;
            }

            if (before != null)
            {
                RefuseEditingFinalPeriod(before, target);
                CheckStatusChange(context, before, target);
            }

            RequireEndAfterStart(PlanMapping.Merge(before, target, target.Id));
        }

        private static void RefuseDeletingFinalPeriod(Entity? before)
        {
            var status = before == null ? S.Period.StatusOpen : Columns.Choice(before, S.Period.Status, S.Period.StatusOpen);
            if (status != S.Period.StatusOpen)
            {
                var name = Columns.Text(before!, S.Period.Name);
                throw new SpmRuleException(S.Period.Status, status, $"Period '{name}' is {Label(status)} and cannot be deleted: its statements are final and refer to it.");
            }
        }

        private static void RefuseEditingFinalPeriod(Entity before, Entity target)
        {
            var status = Columns.Choice(before, S.Period.Status, S.Period.StatusOpen);
            if (status == S.Period.StatusOpen)
            {
                return;
            }

            foreach (var column in DefinitionColumns)
            {
                // Re-saving the same value (a form or an integration sending every column) changes nothing and is fine.
                if (target.Contains(column) && !Same(before.Contains(column) ? before[column] : null, target[column]))
                {
                    var name = Columns.Text(before, S.Period.Name);
                    throw new SpmRuleException(column, target[column], $"Period '{name}' is {Label(status)}: its dates, kind, fiscal year and number are final, because its statements were frozen with them. Nothing was saved ({column} = {PlanConfigurationGuard.Format(target[column])}, stored {PlanConfigurationGuard.Format(before.Contains(column) ? before[column] : null)}).");
                }
            }
        }

        private static void CheckStatusChange(LocalPluginContext context, Entity before, Entity target)
        {
            if (!target.Contains(S.Period.Status))
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

        private static void RequireEndAfterStart(Entity period)
        {
            var start = Columns.Date(period, S.Period.StartDate);
            var end = Columns.Date(period, S.Period.EndDate);
            if (start.HasValue && end.HasValue && end.Value <= start.Value)
            {
                throw new SpmRuleException(S.Period.EndDate, end.Value, $"Period '{Columns.Text(period, S.Period.Name)}' ends on {end.Value:yyyy-MM-dd}, which is not after it starts ({start.Value:yyyy-MM-dd}). Nothing was saved ({S.Period.EndDate} = {end.Value:yyyy-MM-dd}).");
            }
        }

        private static bool Same(object? stored, object? requested)
        {
            switch (requested)
            {
                case DateTime date:
                    return stored is DateTime storedDate && storedDate.Date == date.Date;
                case OptionSetValue choice:
                    return stored is OptionSetValue storedChoice && storedChoice.Value == choice.Value;
                case null:
                    return stored == null;
                default:
                    return Equals(stored, requested);
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
            var before = context.PreImage(StepImages.Pre);
            var after = context.PostImage(StepImages.Post);
            if (before == null || after == null
                || Columns.Choice(before, S.Period.Status, S.Period.StatusOpen) != S.Period.StatusOpen
                || Columns.Choice(after, S.Period.Status, S.Period.StatusOpen) != S.Period.StatusLocked)
            {
                return;
            }

            // Everyone on a plan, and everyone credited in the period without one (their statement shows the credit): each
            // gets a frozen statement, whose sequence later postings read as "settled up to here".
            var participants = context.SystemService.All(Queries.Of(S.PlanAssignment.Table, S.PlanAssignment.Participant))
                .Select(r => Columns.Lookup(r, S.PlanAssignment.Participant))
                .Concat(context.SystemService.All(Queries.Of(S.Statement.Table, S.Statement.Participant).Where(S.Statement.Period, Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, context.PluginExecutionContext.PrimaryEntityId))
                    .Select(r => Columns.Lookup(r, S.Statement.Participant)))
                .Where(id => id != Guid.Empty).Distinct().ToList();
            var now = context.PluginExecutionContext.OperationCreatedOn;
            for (var start = 0; start < participants.Count; start += 50)
            {
                var batch = participants.Skip(start).Take(50).ToList();
                var model = new SpmModelLoader(context.SystemService, context.Trace).Load(batch, null, false, context.PluginExecutionContext.PrimaryEntityId);
                var periodId = model.PeriodRows.First(p => p.Value == context.PluginExecutionContext.PrimaryEntityId).Key;
                var period = model.Periods.Get(periodId);
                new SpmResultWriter(context.SystemService, context.Trace).FreezeStatements(model, batch.Select(Columns.Key), period, now);
                context.Trace($"Froze {Math.Min(start + 50, participants.Count)} of {participants.Count} statements for {period.Id}");
            }
        }
    }
}
