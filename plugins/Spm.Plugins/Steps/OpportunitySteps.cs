using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Domain.Credits;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>What the opportunity steps share: which row changed and what it looks like now.</summary>
    internal static class OpportunitySteps
    {
        public const string PreImage = "pre";
        public const string PostImage = "post";

        /// <summary>
        /// The opportunity's id and current state for the message: images for Create, Update, Assign and Delete (so no
        /// extra read); a retrieve of the named columns for Win and Lose, which carry no images.
        /// </summary>
        public static OpportunityState Resolve(LocalPluginContext local)
        {
            var context = local.PluginExecutionContext;
            var message = context.MessageName;
            var id = context.PrimaryEntityId;
            if (string.Equals(message, "Win", StringComparison.OrdinalIgnoreCase) || string.Equals(message, "Lose", StringComparison.OrdinalIgnoreCase))
            {
                var close = context.InputParameters.Contains("OpportunityClose") ? context.InputParameters["OpportunityClose"] as Entity : null;
                id = close?.GetAttributeValue<EntityReference>("opportunityid")?.Id ?? id;
                return new OpportunityState(id, local.SystemService.Retrieve(S.Opportunity.Table, id, new ColumnSet(DealMapper.Columns)), null);
            }

            if (string.Equals(message, "Delete", StringComparison.OrdinalIgnoreCase))
            {
                return new OpportunityState(id, null, local.PreImage(PreImage));
            }

            var post = local.PostImage(PostImage) ?? throw new InvalidPluginExecutionException($"The {message} step on opportunity must register a post-image named '{PostImage}' with the credit columns.");
            return new OpportunityState(id == Guid.Empty ? post.Id : id, post, local.PreImage(PreImage));
        }
    }

    /// <summary>An opportunity's id, its state now (null once deleted) and before the change (when an image has it).</summary>
    internal sealed class OpportunityState
    {
        public OpportunityState(Guid id, Entity? current, Entity? before)
        {
            Id = id;
            Current = current;
            Before = before;
        }

        public Guid Id { get; }

        public Entity? Current { get; set; }

        public Entity? Before { get; }
    }

    /// <summary>
    /// Synchronous: owner, split and overlay credits and the reps' statements, the moment an opportunity is created,
    /// updated (credit columns only), assigned, won, lost or deleted. Roll-ups follow asynchronously.
    /// </summary>
    public sealed class OpportunityCreditPlugin : PluginBase
    {
        public OpportunityCreditPlugin()
            : base(typeof(OpportunityCreditPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var state = OpportunitySteps.Resolve(context);
            var id = state.Id;
            var current = state.Current;
            var before = state.Before;

            // Pre-image comparison: an edit that cannot move credit (or a replay of the same state) costs nothing.
            if (current != null && before != null && !DealMapper.CreditRelevantChange(before, current))
            {
                context.Trace("No credit column changed; the ledger is left as it is.");
                return;
            }

            if (current != null && before == null && context.PluginExecutionContext.MessageName == "Create"
                && Columns.Choice(current, S.Opportunity.State, S.Opportunity.StateOpen) == S.Opportunity.StateOpen)
            {
                context.Trace("A new open opportunity carries no credit yet.");
                return;
            }

            new Services.CreditPostingService(context.SystemService, context.Trace)
                .Post(id, current, CreditScope.Direct, context.PluginExecutionContext.InitiatingUserId, context.PluginExecutionContext.OperationCreatedOn);
        }
    }

    /// <summary>Asynchronous: managers' roll-up credit up the hierarchy after a deal's credit changed.</summary>
    public sealed class OpportunityRollUpPlugin : PluginBase
    {
        public OpportunityRollUpPlugin()
            : base(typeof(OpportunityRollUpPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var state = OpportunitySteps.Resolve(context);
            var id = state.Id;
            var current = state.Current;
            var before = state.Before;
            if (current != null && before != null && !DealMapper.CreditRelevantChange(before, current))
            {
                context.Trace("No credit column changed; roll-ups are left as they are.");
                return;
            }

            if (string.Equals(context.PluginExecutionContext.MessageName, "Update", StringComparison.OrdinalIgnoreCase) || string.Equals(context.PluginExecutionContext.MessageName, "Assign", StringComparison.OrdinalIgnoreCase))
            {
                // An async step runs later: read the row as it is now, not as it was when queued.
                current = context.SystemService.Retrieve(S.Opportunity.Table, id, new ColumnSet(DealMapper.Columns));
            }

            new Services.CreditPostingService(context.SystemService, context.Trace)
                .Post(id, current, CreditScope.RollUp, context.PluginExecutionContext.InitiatingUserId, context.PluginExecutionContext.OperationCreatedOn);
        }
    }
}
