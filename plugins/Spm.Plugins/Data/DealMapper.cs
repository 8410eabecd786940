using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Domain.Credits;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Data
{
    /// <summary>An opportunity row and its credit-split rows as the domain's <see cref="Deal"/>.</summary>
    public static class DealMapper
    {
        /// <summary>The columns a deal is built from: the Update step's filtering attributes and image columns.</summary>
        public static readonly string[] Columns = S.Opportunity.CreditColumns.Concat(new[] { S.Opportunity.CreatedOn }).ToArray();

        public static Deal ToDeal(Entity opportunity, IEnumerable<Entity> splits, IReadOnlyDictionary<Guid, string> currencyCodes, DateTime today)
        {
            var state = Data.Columns.Choice(opportunity, S.Opportunity.State, S.Opportunity.StateOpen);
            var status = state == S.Opportunity.StateWon ? DealStatus.Won : state == S.Opportunity.StateLost ? DealStatus.Lost : DealStatus.Open;
            var amount = status == DealStatus.Open
                ? Data.Columns.Money(opportunity, S.Opportunity.EstimatedValue)
                : Data.Columns.OptionalMoney(opportunity, S.Opportunity.ActualValue) ?? Data.Columns.Money(opportunity, S.Opportunity.EstimatedValue);
            var currencyId = Data.Columns.Lookup(opportunity, S.Opportunity.Currency);
            var currency = currencyCodes.TryGetValue(currencyId, out var code) ? code : currencyCodes.Values.FirstOrDefault() ?? "USD";
            var created = Data.Columns.Date(opportunity, S.Opportunity.CreatedOn) ?? today;
            var closed = status == DealStatus.Open ? (DateTime?)null : Data.Columns.Date(opportunity, S.Opportunity.ActualCloseDate) ?? today;
            return new Deal(
                Data.Columns.Key(opportunity.Id),
                opportunity.GetAttributeValue<string>(S.Opportunity.Name) ?? "(unnamed opportunity)",
                Data.Columns.Key(Data.Columns.RequiredLookup(opportunity, S.Opportunity.Owner)),
                status,
                amount,
                currency,
                opportunity.GetAttributeValue<decimal?>(S.Opportunity.ExchangeRate),
                created,
                Data.Columns.Date(opportunity, S.Opportunity.EstimatedCloseDate) ?? closed ?? today,
                closed,
                opportunity.GetAttributeValue<int?>(S.Opportunity.CloseProbability) ?? 0,
                Data.Columns.Money(opportunity, S.Opportunity.Margin),
                Data.Columns.Decimal(opportunity, S.Opportunity.Units),
                opportunity.GetAttributeValue<string>(S.Opportunity.Category),
                splits.Select(s => new DealSplit(
                    Data.Columns.Key(Data.Columns.RequiredLookup(s, S.CreditSplit.Participant)),
                    Data.Columns.Decimal(s, S.CreditSplit.Percent),
                    Data.Columns.Choice(s, S.CreditSplit.Kind, S.CreditSplit.KindRevenue) == S.CreditSplit.KindOverlay ? SplitKind.Overlay : SplitKind.Revenue)));
        }

        /// <summary>Whether two states of an opportunity can credit differently (pre-image vs post-image).</summary>
        public static bool CreditRelevantChange(Entity? before, Entity after) =>
            before == null || S.Opportunity.CreditColumns.Any(c => !Equals(Value(before, c), Value(after, c)));

        private static object? Value(Entity row, string column) => row.Contains(column)
            ? row[column] switch
            {
                Money money => money.Value,
                OptionSetValue option => option.Value,
                EntityReference reference => reference.Id,
                var other => other,
            }
            : null;
    }
}
