using System;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Asynchronous, on Create of a credit or statement row: shares it read-only with its participant's manager chain
    /// (see <see cref="ManagerAccess"/>). Run after the posting commits, so a win's transaction does not hold its ledger
    /// locks while it grants access, and a manager's view follows within moments, as their roll-up does.
    /// </summary>
    public sealed class ManagerAccessPlugin : PluginBase
    {
        public ManagerAccessPlugin()
            : base(typeof(ManagerAccessPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var row = context.PostImage(StepImages.Post) ?? throw new Microsoft.Xrm.Sdk.InvalidPluginExecutionException($"The manager access step on {context.PluginExecutionContext.PrimaryEntityName} must register a post-image named '{StepImages.Post}' with spm_participantid.");
            var participant = Columns.Lookup(row, S.Credit.Participant);
            if (participant == Guid.Empty)
            {
                return;
            }

            new ManagerAccess(context.SystemService, context.Trace).ShareWithManagers(context.PluginExecutionContext.PrimaryEntityName, context.PluginExecutionContext.PrimaryEntityId, participant);
        }
    }
}
