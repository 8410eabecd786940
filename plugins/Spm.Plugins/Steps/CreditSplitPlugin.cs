using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Domain.Credits;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>Synchronous: a credit split row was added, changed or removed, so the deal's credits are re-posted.</summary>
    public sealed class CreditSplitPlugin : PluginBase
    {
        public CreditSplitPlugin()
            : base(typeof(CreditSplitPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var split = context.PostImage(OpportunitySteps.PostImage) ?? context.PreImage(OpportunitySteps.PreImage) ?? context.Target
                ?? throw new InvalidPluginExecutionException("The credit split step must register a 'pre' or 'post' image with spm_opportunityid.");
            var opportunityId = Columns.Lookup(split, S.CreditSplit.Opportunity);
            if (opportunityId == Guid.Empty)
            {
                context.Trace("The split is not linked to an opportunity; nothing to credit.");
                return;
            }

            var opportunity = context.SystemService.Retrieve(S.Opportunity.Table, opportunityId, new ColumnSet(DealMapper.Columns));
            new Services.CreditPostingService(context.SystemService, context.Trace)
                .Post(opportunityId, opportunity, CreditScope.Direct, context.PluginExecutionContext.InitiatingUserId, context.PluginExecutionContext.OperationCreatedOn);
        }
    }
}
