using System.Linq;
using Spm.Domain;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Synchronous: a quota was set, adjusted or removed, so the participant's open statements are re-derived. A quota of a
    /// locked or paid period cannot change: that would rewrite a frozen statement.
    /// </summary>
    public sealed class QuotaPlugin : PluginBase
    {
        public QuotaPlugin()
            : base(typeof(QuotaPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var quota = context.PostImage(OpportunitySteps.PostImage) ?? context.PreImage(OpportunitySteps.PreImage)
                ?? throw new Microsoft.Xrm.Sdk.InvalidPluginExecutionException("The quota step must register a 'pre' or 'post' image with spm_participantid and spm_periodid.");
            var participant = Columns.RequiredLookup(quota, S.Quota.Participant);
            var model = new SpmModelLoader(context.SystemService, context.Trace).Load(new[] { participant }, null, false, 0);
            var periodRow = Columns.Lookup(quota, S.Quota.Period);
            var period = model.PeriodRows.Where(p => p.Value == periodRow).Select(p => model.Periods.Periods.FirstOrDefault(x => x.Id == p.Key)).FirstOrDefault();
            if (period != null && model.Periods.IsFrozen(period))
            {
                throw new SpmRuleException(S.Quota.Period, period.Id, $"{period.Id} is {model.Periods.StatusOf(period)}: its quotas and statements are final. Record the change as an adjustment in {model.Periods.FirstOpenAfter(period)?.Id ?? "the next open period"} instead.");
            }

            if (context.PluginExecutionContext.MessageName == "Create" || (context.Target?.Contains(S.Quota.Participant) ?? false))
            {
                // SPM Manager reads quotas at user level: the participant's manager chain reads theirs through a share.
                new ManagerAccess(context.SystemService, context.Trace).ShareWithManagers(S.Quota.Table, context.PluginExecutionContext.PrimaryEntityId, participant);
            }

            var writer = new SpmResultWriter(context.SystemService, context.Trace);
            var periods = period != null ? new[] { period } : model.Periods.Periods.Where(p => !model.Periods.IsFrozen(p)).ToArray();
            writer.WriteStatements(model, new[] { Columns.Key(participant) }, periods, context.PluginExecutionContext.OperationCreatedOn.Date, context.PluginExecutionContext.OperationCreatedOn);
        }
    }
}
