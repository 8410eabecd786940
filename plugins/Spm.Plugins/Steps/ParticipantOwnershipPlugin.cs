using System;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// On spm_quota and spm_adjustment, which sales ops enter: the participant owns the row, so a rep reads their own
    /// quotas and adjustments at SPM Rep's Basic depth. PreOperation Create sets ownerid on the target. PostOperation
    /// Update (filtering attribute spm_participantid) assigns the row to its new participant as SYSTEM, since the owner
    /// of an existing row changes through Assign, and moves the manager chain's read share from the old line to the new.
    /// </summary>
    public sealed class ParticipantOwnershipPlugin : PluginBase
    {
        public ParticipantOwnershipPlugin()
            : base(typeof(ParticipantOwnershipPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var execution = context.PluginExecutionContext;
            if (execution.MessageName == "Create")
            {
                var target = context.Target ?? throw new InvalidPluginExecutionException($"The participant ownership step on Create of {execution.PrimaryEntityName} has no Target.");
                var participant = Columns.Lookup(target, S.Adjustment.Participant);
                if (participant != Guid.Empty)
                {
                    target[S.OwnerId] = new EntityReference(S.SystemUser.Table, participant);
                }

                return;
            }

            var before = context.PreImage(StepImages.Pre);
            var after = context.PostImage(StepImages.Post);
            if (before == null || after == null)
            {
                throw new InvalidPluginExecutionException($"The participant ownership step on Update of {execution.PrimaryEntityName} must register a '{StepImages.Pre}' and a '{StepImages.Post}' image with spm_participantid and ownerid.");
            }

            var from = Columns.Lookup(before, S.Adjustment.Participant);
            var to = Columns.Lookup(after, S.Adjustment.Participant);
            if (to == Guid.Empty || to == from)
            {
                return;
            }

            if (Columns.Lookup(after, S.OwnerId) != to)
            {
                context.SystemService.Execute(new AssignRequest
                {
                    Target = new EntityReference(execution.PrimaryEntityName, execution.PrimaryEntityId),
                    Assignee = new EntityReference(S.SystemUser.Table, to),
                });
            }

            new ManagerAccess(context.SystemService, context.Trace).MoveToManagersOf(execution.PrimaryEntityName, execution.PrimaryEntityId, from, to);
        }
    }
}
