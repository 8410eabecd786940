using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Domain.Credits;
using Spm.Domain.Engine;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Custom API spm_EstimateCommission: "if this deal closes at this amount, what do I earn and where does my attainment
    /// go". Read-only: the deal is applied to an in-memory engine and nothing is written.
    /// Inputs: Amount (Decimal), CloseDate (DateTime), optional ParticipantId (Guid, default the caller) and
    /// OpportunityId (Guid, to keep its splits). Outputs: CurrentAttainment, ProjectedAttainment (percent),
    /// CurrentEarnings, ProjectedEarnings, AdditionalEarnings (Decimal), NextTier and Explanation (JSON lines) (String).
    /// </summary>
    public sealed class EstimateCommissionPlugin : PluginBase
    {
        public const string MessageName = "spm_EstimateCommission";

        public EstimateCommissionPlugin()
            : base(typeof(EstimateCommissionPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var input = context.PluginExecutionContext.InputParameters;
            if (!input.TryGetValue<decimal>("Amount", out var amount) || amount < 0m)
            {
                throw new InvalidPluginExecutionException("Amount is required and cannot be negative: the what-if deal's value in its currency.");
            }

            if (!input.TryGetValue<DateTime>("CloseDate", out var closeDate))
            {
                throw new InvalidPluginExecutionException("CloseDate is required: the date the what-if deal would close.");
            }

            var participant = input.TryGetValue<Guid>("ParticipantId", out var requested) && requested != Guid.Empty ? requested : context.PluginExecutionContext.InitiatingUserId;
            input.TryGetValue<Guid>("OpportunityId", out var opportunityId);
            var today = context.PluginExecutionContext.OperationCreatedOn.Date;

            var service = context.SystemService;
            EnsureMayEstimate(service, context.PluginExecutionContext.InitiatingUserId, participant);
            var splits = opportunityId == Guid.Empty
                ? new System.Collections.Generic.List<Entity>()
                : service.All(Queries.Of(S.CreditSplit.Table, S.CreditSplit.Participant, S.CreditSplit.Percent, S.CreditSplit.Kind).Where(S.CreditSplit.Opportunity, ConditionOperator.Equal, opportunityId));
            if (opportunityId != Guid.Empty)
            {
                EnsureDealOfParticipant(service, opportunityId, participant, splits);
            }

            var model = new SpmModelLoader(service, context.Trace).Load(new[] { participant }.Concat(splits.Select(s => Columns.Lookup(s, S.CreditSplit.Participant))), opportunityId == Guid.Empty ? (Guid?)null : opportunityId, false);
            var period = model.Periods.PeriodOf(closeDate.Date, "CloseDate");
            var key = Columns.Key(participant);
            var before = model.Engine.Result(key, period, today);

            Entity opportunity;
            if (opportunityId != Guid.Empty)
            {
                opportunity = service.Retrieve(S.Opportunity.Table, opportunityId, new ColumnSet(DealMapper.Columns));
            }
            else
            {
                opportunity = new Entity(S.Opportunity.Table, Guid.NewGuid());
                opportunity[S.Opportunity.Name] = "What-if deal";
                opportunity[S.Opportunity.Owner] = new EntityReference(S.SystemUser.Table, participant);
            }

            opportunity[S.Opportunity.State] = new OptionSetValue(S.Opportunity.StateWon);
            opportunity[S.Opportunity.ActualValue] = new Money(amount);
            opportunity[S.Opportunity.ActualCloseDate] = closeDate.Date;
            var deal = DealMapper.ToDeal(opportunity, splits, model.CurrencyCodes, today);
            model.Engine.ApplyDeal(deal, today, CreditScope.Direct);
            var after = model.Engine.Result(key, period, today);
            var statement = model.Engine.Statement(key, period, today);
            var scorecard = model.Engine.Scorecard(key, period, today);

            var output = context.PluginExecutionContext.OutputParameters;
            output["CurrentAttainment"] = Percent(before.Attainment.Attainment);
            output["ProjectedAttainment"] = Percent(after.Attainment.Attainment);
            output["CurrentEarnings"] = before.TotalPayable;
            output["ProjectedEarnings"] = after.TotalPayable;
            output["AdditionalEarnings"] = after.TotalPayable - before.TotalPayable;
            output["NextTier"] = scorecard.NextTier?.Text ?? "Top tier reached: every further dollar pays the highest rate.";
            output["Explanation"] = Json(statement);
            context.Trace(string.Format(CultureInfo.InvariantCulture, "What-if {0} on {1:yyyy-MM-dd}: attainment {2}% → {3}%, earnings {4} → {5}", amount, closeDate, output["CurrentAttainment"], output["ProjectedAttainment"], before.TotalPayable, after.TotalPayable));
        }

        private static decimal Percent(decimal? fraction) => fraction.HasValue ? Math.Round(fraction.Value * 100m, 2, MidpointRounding.AwayFromZero) : 0m;

        /// <summary>The explained lines as a JSON array, for the web resource to render.</summary>
        private static string Json(Spm.Domain.Statements.Statement statement)
        {
            var lines = statement.Lines.Select(l => new ExplainedLine { Kind = l.Kind.ToString(), Description = l.Description, Basis = l.Basis, Rate = l.Rate, Amount = l.Amount }).ToList();
            var serializer = new DataContractJsonSerializer(typeof(List<ExplainedLine>));
            using (var stream = new MemoryStream())
            {
                serializer.WriteObject(stream, lines);
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }

        /// <summary>
        /// A rep may estimate their own earnings; a manager those of anyone in their reporting line. Earnings of peers stay private.
        /// </summary>
        private static void EnsureMayEstimate(IOrganizationService service, Guid caller, Guid participant)
        {
            if (participant == caller)
            {
                return;
            }

            if (CallerAccess.ManagersOf(service, participant).Contains(caller))
            {
                return;
            }

            throw new InvalidPluginExecutionException($"You can estimate only your own earnings or those of people who report to you; systemuser {participant} is not in your reporting line.");
        }

        /// <summary>
        /// A what-if may keep only a deal the participant is on (owner or split participant). An unknown deal and someone
        /// else's get one message, so the answer does not reveal whether a deal exists, whose it is or what it is called.
        /// </summary>
        private static void EnsureDealOfParticipant(IOrganizationService service, Guid opportunityId, Guid participant, List<Entity> splits)
        {
            var rows = service.RetrieveMultiple(Queries.Of(S.Opportunity.Table, S.Opportunity.Owner).Where(S.Opportunity.Id, ConditionOperator.Equal, opportunityId)).Entities;
            var owner = rows.Count == 0 ? null : rows[0].GetAttributeValue<EntityReference>(S.Opportunity.Owner);
            var onDeal = rows.Count > 0 && ((owner != null && owner.Id == participant) || splits.Any(s => Columns.Lookup(s, S.CreditSplit.Participant) == participant));
            if (!onDeal)
            {
                throw new InvalidPluginExecutionException(string.Format(CultureInfo.InvariantCulture, "Opportunity {0} was not found or you cannot estimate it.", opportunityId));
            }
        }

        [DataContract]
        private sealed class ExplainedLine
        {
            [DataMember(Name = "kind", Order = 1)]
            public string Kind { get; set; } = string.Empty;

            [DataMember(Name = "description", Order = 2)]
            public string Description { get; set; } = string.Empty;

            [DataMember(Name = "basis", Order = 3)]
            public decimal Basis { get; set; }

            [DataMember(Name = "rate", Order = 4)]
            public decimal Rate { get; set; }

            [DataMember(Name = "amount", Order = 5)]
            public decimal Amount { get; set; }
        }
    }
}
