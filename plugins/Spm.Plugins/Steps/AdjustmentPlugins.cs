using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Domain;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Synchronous pre-operation on spm_adjustment: an adjustment aimed at a locked or paid period is booked on the next
    /// open period (the period it is for is kept in spm_sourceperiodid); one already booked on a since-locked statement
    /// is part of that final statement and can no longer be changed or deleted.
    /// </summary>
    public sealed class AdjustmentGuardPlugin : PluginBase
    {
        public AdjustmentGuardPlugin()
            : base(typeof(AdjustmentGuardPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var before = context.PreImage(StepImages.Pre);
            if (before != null)
            {
                var booked = Columns.Lookup(before, S.Adjustment.Period);
                var period = booked == Guid.Empty ? null : context.SystemService.Retrieve(S.Period.Table, booked, new ColumnSet(S.Period.Name, S.Period.Status));
                if (period != null && Columns.Choice(period, S.Period.Status, S.Period.StatusOpen) != S.Period.StatusOpen)
                {
                    throw new SpmRuleException(S.Adjustment.Period, Columns.Text(period, S.Period.Name), $"Adjustment '{Columns.Text(before, S.Adjustment.Name)}' is booked on {Columns.Text(period, S.Period.Name)}, which is locked: it is part of that final statement. Add a new adjustment to correct it.");
                }
            }

            var target = context.Target;
            if (target == null || !target.Contains(S.Adjustment.Period))
            {
                return;
            }

            var aimed = Columns.Lookup(target, S.Adjustment.Period);
            var row = context.SystemService.Retrieve(S.Period.Table, aimed, new ColumnSet(S.Period.Name, S.Period.Kind, S.Period.StartDate, S.Period.Status));
            if (Columns.Choice(row, S.Period.Status, S.Period.StatusOpen) == S.Period.StatusOpen)
            {
                return;
            }

            var next = context.SystemService.All(Queries.Of(S.Period.Table, S.Period.Name)
                    .Where(S.Period.Kind, ConditionOperator.Equal, Columns.Choice(row, S.Period.Kind, S.Period.KindQuarter))
                    .Where(S.Period.StartDate, ConditionOperator.GreaterThan, Columns.RequiredDate(row, S.Period.StartDate))
                    .Where(S.Period.Status, ConditionOperator.Equal, S.Period.StatusOpen)
                    .OrderBy(S.Period.StartDate))
                .FirstOrDefault()
                ?? throw new SpmRuleException(S.Adjustment.Period, Columns.Text(row, S.Period.Name), $"{Columns.Text(row, S.Period.Name)} is locked and no later period is open, so the adjustment has no statement to land on. Create the next period first.");
            target[S.Adjustment.SourcePeriod] = new EntityReference(S.Period.Table, aimed);
            target[S.Adjustment.Period] = new EntityReference(S.Period.Table, next.Id);
            context.Trace($"{Columns.Text(row, S.Period.Name)} is locked: the adjustment is booked on {Columns.Text(next, S.Period.Name)}.");
        }
    }

    /// <summary>Synchronous post-operation: an adjustment was added, changed or removed, so the statements it was and is on are re-derived.</summary>
    public sealed class AdjustmentPlugin : PluginBase
    {
        public AdjustmentPlugin()
            : base(typeof(AdjustmentPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var rows = new[] { context.PreImage(StepImages.Pre), context.PostImage(StepImages.Post) }.Where(r => r != null).Select(r => r!).ToList();
            var participants = rows.Select(r => Columns.Lookup(r, S.Adjustment.Participant)).Where(id => id != Guid.Empty).Distinct().ToList();
            if (participants.Count > 0)
            {
                new Services.CreditPostingService(context.SystemService, context.Trace).Recalculate(participants, null, context.PluginExecutionContext.OperationCreatedOn);
            }
        }
    }
}
