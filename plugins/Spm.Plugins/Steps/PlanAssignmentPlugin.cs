using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Synchronous post-operation on spm_planassignment Create, Update (participant, plan, effective from) and Delete:
    /// the open statements of the participant before and after the change are re-derived at once, and a period left
    /// without a plan no longer shows earnings. Synchronous because it is one or two participants (the cost of one deal
    /// posting) and the admin should see the result on save; a plan's own change fans out to everyone, so that is async.
    /// </summary>
    public sealed class PlanAssignmentPlugin : PluginBase
    {
        private static readonly string[] AssignmentColumns = { S.PlanAssignment.Participant, S.PlanAssignment.Plan, S.PlanAssignment.EffectiveFrom };

        public PlanAssignmentPlugin()
            : base(typeof(PlanAssignmentPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var before = context.PreImage(StepImages.Pre);
            var after = context.PostImage(StepImages.Post);
            if (before == null && after == null)
            {
                throw new InvalidPluginExecutionException("The plan assignment step must register a 'pre' or 'post' image with spm_participantid, spm_compplanid and spm_effectivefrom.");
            }

            if (before != null && after != null && AssignmentColumns.All(c => Same(before, after, c)))
            {
                context.Trace("The assignment's participant, plan and start are unchanged; statements are left as they are.");
                return;
            }

            var participants = new[] { before, after }.Where(r => r != null).Select(r => Columns.Lookup(r!, S.PlanAssignment.Participant)).Where(id => id != Guid.Empty).Distinct().ToList();
            if (participants.Count == 0)
            {
                context.Trace("The assignment names no participant; nothing to re-derive.");
                return;
            }

            new Services.StatementRefreshService(context.SystemService, context.Trace).RefreshOpenStatements(participants, context.PluginExecutionContext.OperationCreatedOn);
        }

        private static bool Same(Entity before, Entity after, string column) =>
            column == S.PlanAssignment.EffectiveFrom
                ? Columns.Date(before, column) == Columns.Date(after, column)
                : Columns.Lookup(before, column) == Columns.Lookup(after, column);
    }
}
