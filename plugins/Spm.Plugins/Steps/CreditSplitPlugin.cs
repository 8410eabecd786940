using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Domain.Credits;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>Synchronous: a credit split row was added, changed or removed, so the deal's credits (both deals', for a move) are re-posted.</summary>
    public sealed class CreditSplitPlugin : PluginBase
    {
        public CreditSplitPlugin()
            : base(typeof(CreditSplitPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var before = context.PreImage(OpportunitySteps.PreImage);
            var after = context.PostImage(OpportunitySteps.PostImage);
            if (before == null && after == null && context.Target == null)
            {
                throw new InvalidPluginExecutionException("The credit split step must register a 'pre' or 'post' image with spm_opportunityid.");
            }

            // A split moved to another deal changes both: the deal it left first, then the one it joined.
            var opportunityIds = new[] { before, after ?? (before == null ? context.Target : null) }
                .Where(row => row != null)
                .Select(row => Columns.Lookup(row!, S.CreditSplit.Opportunity))
                .Where(id => id != Guid.Empty)
                .Distinct()
                .ToList();
            if (opportunityIds.Count == 0)
            {
                context.Trace("The split is not linked to an opportunity; nothing to credit.");
                return;
            }

            foreach (var opportunityId in opportunityIds)
            {
                var opportunity = context.SystemService.Retrieve(S.Opportunity.Table, opportunityId, new ColumnSet(DealMapper.Columns));
                new Services.CreditPostingService(context.SystemService, context.Trace)
                    .Post(opportunityId, opportunity, CreditScope.Direct, context.PluginExecutionContext.InitiatingUserId, context.PluginExecutionContext.OperationCreatedOn);
            }
        }
    }
}
