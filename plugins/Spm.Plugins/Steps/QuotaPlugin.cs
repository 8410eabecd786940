using System;
using System.Linq;
using Spm.Plugins.Data;
using Spm.Plugins.Services;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Synchronous: a quota was set, adjusted, re-pointed (another participant or period) or removed, so the statements
    /// of the participant and period it belonged to before and belongs to now are re-derived. A quota of a locked or paid
    /// period cannot change, move in or move out: that would rewrite a frozen statement.
    /// </summary>
    public sealed class QuotaPlugin : PluginBase
    {
        public QuotaPlugin()
            : base(typeof(QuotaPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var images = new[] { context.PreImage(StepImages.Pre), context.PostImage(StepImages.Post) }.Where(i => i != null).Select(i => i!).ToList();
            if (images.Count == 0)
            {
                throw new Microsoft.Xrm.Sdk.InvalidPluginExecutionException("The quota step must register a 'pre' or 'post' image with spm_participantid and spm_periodid.");
            }

            if (context.PluginExecutionContext.MessageName == "Create")
            {
                // SPM Manager reads quotas at user level: the participant's manager chain reads theirs through a share
                // (ParticipantOwnershipPlugin moves it when the quota moves to another participant).
                var post = context.PostImage(StepImages.Post);
                var participant = post == null ? Guid.Empty : Columns.Lookup(post, S.Quota.Participant);
                if (participant != Guid.Empty)
                {
                    new ManagerAccess(context.SystemService, context.Trace).ShareWithManagers(S.Quota.Table, context.PluginExecutionContext.PrimaryEntityId, participant);
                }
            }

            new StatementRefreshService(context.SystemService, context.Trace).RefreshForQuotas(images, context.PluginExecutionContext.OperationCreatedOn);
        }
    }
}
