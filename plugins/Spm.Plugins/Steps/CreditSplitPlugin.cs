using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Domain.Credits;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Synchronous pre-operation: a credit split row is being added, changed, moved or removed, so the deals it was and
    /// will be on are re-posted with the split set as it will stand. Running before the split row is written reads the
    /// opportunity before this transaction locks the split, the same order a Win takes (opportunity, then its splits).
    /// </summary>
    public sealed class CreditSplitPlugin : PluginBase
    {
        public CreditSplitPlugin()
            : base(typeof(CreditSplitPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var change = CreditSplitChange.Of(context);
            var service = new Services.CreditPostingService(context.SystemService, context.Trace);
            foreach (var opportunityId in change.Opportunities)
            {
                var opportunity = OpportunitySteps.Current(context.SystemService, opportunityId);
                if (opportunity == null || Columns.Choice(opportunity, S.Opportunity.State, S.Opportunity.StateOpen) != S.Opportunity.StateWon)
                {
                    context.Trace($"Opportunity {opportunityId} is not won: its splits take effect when it is.");
                    continue;
                }

                service.Post(opportunityId, opportunity, change.SplitsAfter(opportunityId, service.SplitsOf(opportunityId)), CreditScope.Direct, context.PluginExecutionContext.InitiatingUserId, context.PluginExecutionContext.OperationCreatedOn);
            }
        }
    }

    /// <summary>Asynchronous: the managers' roll-up credit of every deal a split change touched.</summary>
    public sealed class CreditSplitRollUpPlugin : PluginBase
    {
        public CreditSplitRollUpPlugin()
            : base(typeof(CreditSplitRollUpPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var service = new Services.CreditPostingService(context.SystemService, context.Trace);
            foreach (var opportunityId in CreditSplitChange.Of(context).Opportunities)
            {
                // Read as it is now: the job runs after the change committed, perhaps after later ones too.
                var opportunity = OpportunitySteps.Current(context.SystemService, opportunityId);
                if (opportunity == null || Columns.Choice(opportunity, S.Opportunity.State, S.Opportunity.StateOpen) != S.Opportunity.StateWon)
                {
                    continue;
                }

                service.Post(opportunityId, opportunity, null, CreditScope.RollUp, context.PluginExecutionContext.InitiatingUserId, context.PluginExecutionContext.OperationCreatedOn);
            }
        }
    }

    /// <summary>One split row before and after the operation: which deals it leaves and joins, and their split sets.</summary>
    internal sealed class CreditSplitChange
    {
        private CreditSplitChange(Guid id, Entity? before, Entity? after)
        {
            Id = id;
            Before = before;
            After = after;
        }

        public Guid Id { get; }

        public Entity? Before { get; }

        /// <summary>The row as it will be stored (null when deleted): the pre-image with the target's columns laid over it.</summary>
        public Entity? After { get; }

        /// <summary>The deal the row leaves (when moved or deleted) and the deal it joins, each once.</summary>
        public IReadOnlyList<Guid> Opportunities =>
            new[] { Before, After }.Where(r => r != null).Select(r => Columns.Lookup(r!, S.CreditSplit.Opportunity)).Where(id => id != Guid.Empty).Distinct().ToList();

        public static CreditSplitChange Of(LocalPluginContext context)
        {
            var message = context.PluginExecutionContext.MessageName;
            var before = context.PreImage(StepImages.Pre);
            var id = context.PluginExecutionContext.PrimaryEntityId;
            if (string.Equals(message, "Delete", StringComparison.OrdinalIgnoreCase))
            {
                return new CreditSplitChange(id, before ?? throw new InvalidPluginExecutionException("The credit split Delete step must register a 'pre' image with spm_opportunityid, spm_participantid, spm_percent and spm_kind."), null);
            }

            var after = context.PostImage(StepImages.Post);
            if (after == null)
            {
                var target = context.Target ?? throw new InvalidPluginExecutionException("The credit split step needs its Target.");
                after = new Entity(S.CreditSplit.Table, target.Id == Guid.Empty ? id : target.Id);
                foreach (var column in new[] { S.CreditSplit.Opportunity, S.CreditSplit.Participant, S.CreditSplit.Percent, S.CreditSplit.Kind })
                {
                    if (target.Contains(column))
                    {
                        after[column] = target[column];
                    }
                    else if (before != null && before.Contains(column))
                    {
                        after[column] = before[column];
                    }
                }
            }

            return new CreditSplitChange(after.Id == Guid.Empty ? id : after.Id, before, after);
        }

        /// <summary>The deal's split rows once this operation commits: the stored ones without this row, plus it if it is on the deal.</summary>
        public IReadOnlyList<Entity> SplitsAfter(Guid opportunityId, IEnumerable<Entity> stored)
        {
            var splits = stored.Where(s => Id == Guid.Empty || s.Id != Id).ToList();
            if (After != null && Columns.Lookup(After, S.CreditSplit.Opportunity) == opportunityId)
            {
                splits.Add(After);
            }

            return splits;
        }
    }
}
