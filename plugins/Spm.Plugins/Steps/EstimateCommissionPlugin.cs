using System;
using System.Globalization;
using System.Linq;
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
            var splits = opportunityId == Guid.Empty
                ? new System.Collections.Generic.List<Entity>()
                : service.All(Queries.Of(S.CreditSplit.Table, S.CreditSplit.Participant, S.CreditSplit.Percent, S.CreditSplit.Kind).Where(S.CreditSplit.Opportunity, ConditionOperator.Equal, opportunityId));
            var model = new SpmModelLoader(service, context.Trace).Load(new[] { participant }.Concat(splits.Select(s => Columns.Lookup(s, S.CreditSplit.Participant))), opportunityId == Guid.Empty ? (Guid?)null : opportunityId, false, 0);
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
            var json = new StringBuilder("[");
            foreach (var line in statement.Lines)
            {
                if (json.Length > 1)
                {
                    json.Append(',');
                }

                json.Append("{\"kind\":\"").Append(line.Kind).Append("\",\"description\":\"").Append(Escape(line.Description))
                    .Append("\",\"basis\":").Append(line.Basis.ToString(CultureInfo.InvariantCulture))
                    .Append(",\"rate\":").Append(line.Rate.ToString(CultureInfo.InvariantCulture))
                    .Append(",\"amount\":").Append(line.Amount.ToString(CultureInfo.InvariantCulture)).Append('}');
            }

            return json.Append(']').ToString();
        }

        private static string Escape(string text)
        {
            var escaped = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                switch (c)
                {
                    case '"': escaped.Append("\\\""); break;
                    case '\\': escaped.Append("\\\\"); break;
                    case '\n': escaped.Append("\\n"); break;
                    case '\r': escaped.Append("\\r"); break;
                    case '\t': escaped.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            escaped.Append(c);
                        }

                        break;
                }
            }

            return escaped.ToString();
        }
    }
}
