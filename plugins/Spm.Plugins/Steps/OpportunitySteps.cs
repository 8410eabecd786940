using System;
using System.Collections.Generic;
using System.Linq;
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
                var current = CurrentWithSplits(local.SystemService, id, out var splits);
                return new OpportunityState(id, current, null) { Splits = splits };
            }

            if (string.Equals(message, "Delete", StringComparison.OrdinalIgnoreCase))
            {
                return new OpportunityState(id, null, local.PreImage(StepImages.Pre));
            }

            var post = local.PostImage(StepImages.Post) ?? throw new InvalidPluginExecutionException($"The {message} step on opportunity must register a post-image named '{StepImages.Post}' with the credit columns.");
            return new OpportunityState(id == Guid.Empty ? post.Id : id, post, local.PreImage(StepImages.Pre));
        }

        /// <summary>The opportunity's credit columns as stored now, or null once it was deleted.</summary>
        public static Entity? Current(IOrganizationService service, Guid id) =>
            service.All(Queries.Of(S.Opportunity.Table, DealMapper.Columns).Where(S.Opportunity.Id, ConditionOperator.Equal, id)).FirstOrDefault();

        /// <summary>The opportunity and its credit splits in one query (a left-outer link): Win carries no image to spare the read.</summary>
        public static Entity? CurrentWithSplits(IOrganizationService service, Guid id, out IReadOnlyList<Entity> splits)
        {
            var query = Queries.Of(S.Opportunity.Table, DealMapper.Columns).Where(S.Opportunity.Id, ConditionOperator.Equal, id);
            var link = query.AddLink(S.CreditSplit.Table, S.Opportunity.Id, S.CreditSplit.Opportunity, JoinOperator.LeftOuter);
            link.EntityAlias = "split";
            link.Columns = new ColumnSet(S.CreditSplit.Id, S.CreditSplit.Participant, S.CreditSplit.Percent, S.CreditSplit.Kind);
            var rows = service.All(query);
            splits = rows
                .Where(r => r.GetAttributeValue<AliasedValue>("split." + S.CreditSplit.Id)?.Value is Guid)
                .Select(r =>
                {
                    var split = new Entity(S.CreditSplit.Table, (Guid)r.GetAttributeValue<AliasedValue>("split." + S.CreditSplit.Id).Value);
                    split[S.CreditSplit.Opportunity] = new EntityReference(S.Opportunity.Table, id);
                    foreach (var column in new[] { S.CreditSplit.Participant, S.CreditSplit.Percent, S.CreditSplit.Kind })
                    {
                        if (r.GetAttributeValue<AliasedValue>("split." + column) is AliasedValue value)
                        {
                            split[column] = value.Value;
                        }
                    }

                    return split;
                })
                .ToList();
            var opportunity = rows.FirstOrDefault();
            if (opportunity != null)
            {
                foreach (var aliased in opportunity.Attributes.Keys.Where(k => k.StartsWith("split.", StringComparison.Ordinal)).ToList())
                {
                    opportunity.Attributes.Remove(aliased);
                }
            }

            return opportunity;
        }

        /// <summary>Only an open opportunity can be lost, and an open one holds no credit: Lose needs no read at all.</summary>
        public static bool IsLose(LocalPluginContext local) => string.Equals(local.PluginExecutionContext.MessageName, "Lose", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Why the change cannot move credit, or null when it may. Decided from the images alone, before any read or lock:
        /// a deal that is not won now and was not won before holds no credit (posting keeps a non-won deal at zero), so
        /// edits of open or lost deals cost nothing.
        /// </summary>
        public static string? NothingToPost(LocalPluginContext local, OpportunityState state)
        {
            var message = local.PluginExecutionContext.MessageName;
            if (state.Current != null && state.Before != null && !DealMapper.CreditRelevantChange(state.Before, state.Current))
            {
                return "No credit column changed; the ledger is left as it is.";
            }

            var wonNow = state.Current != null && IsWon(state.Current);
            var wonBefore = state.Before != null && IsWon(state.Before);
            var winning = string.Equals(message, "Win", StringComparison.OrdinalIgnoreCase);
            if (!wonNow && !wonBefore && !winning && (state.Before != null || string.Equals(message, "Create", StringComparison.OrdinalIgnoreCase)))
            {
                return "The opportunity is not won and was not won before: it holds no credit.";
            }

            return null;
        }

        private static bool IsWon(Entity row) => Columns.Choice(row, S.Opportunity.State, S.Opportunity.StateOpen) == S.Opportunity.StateWon;
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

        /// <summary>The deal's split rows when the state was read with them (Win), else null: they are read when needed.</summary>
        public IReadOnlyList<Entity>? Splits { get; init; }
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
            if (OpportunitySteps.IsLose(context))
            {
                context.Trace("A lost opportunity was open a moment ago and held no credit.");
                return;
            }

            var state = OpportunitySteps.Resolve(context);
            var skip = OpportunitySteps.NothingToPost(context, state);
            if (skip != null)
            {
                context.Trace(skip);
                return;
            }

            new Services.CreditPostingService(context.SystemService, context.Trace)
                .Post(state.Id, state.Current, state.Splits, CreditScope.Direct, context.PluginExecutionContext.InitiatingUserId, context.PluginExecutionContext.OperationCreatedOn);
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
            if (OpportunitySteps.IsLose(context))
            {
                context.Trace("A lost opportunity was open a moment ago and held no roll-up credit.");
                return;
            }

            var state = OpportunitySteps.Resolve(context);
            var id = state.Id;
            var current = state.Current;
            var skip = OpportunitySteps.NothingToPost(context, state);
            if (skip != null)
            {
                context.Trace(skip);
                return;
            }

            // A job runs later, perhaps retried after later changes ran: post the row as it is now (null once deleted), so
            // whatever order the jobs finish in, the roll-ups end at the deal's current state.
            if (!string.Equals(context.PluginExecutionContext.MessageName, "Win", StringComparison.OrdinalIgnoreCase))
            {
                current = OpportunitySteps.Current(context.SystemService, id);
            }
            new Services.CreditPostingService(context.SystemService, context.Trace)
                .Post(id, current, state.Current == current ? state.Splits : null, CreditScope.RollUp, context.PluginExecutionContext.InitiatingUserId, context.PluginExecutionContext.OperationCreatedOn);
        }
    }
}
