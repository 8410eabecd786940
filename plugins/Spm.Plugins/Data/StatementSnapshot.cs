using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Domain.Engine;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Data
{
    /// <summary>
    /// The totals snapshot a statement row carries: every measure and the SPIFF shares as of its spm_ledgersequence.
    /// Written with each statement, read back so a change folds only the rows posted since.
    /// </summary>
    internal static class StatementSnapshot
    {
        public static readonly string[] ColumnNames = { S.Statement.CreditedRevenue, S.Statement.CreditedMargin, S.Statement.CreditedUnits, S.Statement.CreditedDeals, S.Statement.SpiffShares, S.Statement.SpiffBasis };

        public static void Write(Entity row, PeriodTotals totals)
        {
            row[S.Statement.CreditedRevenue] = totals.Revenue;
            row[S.Statement.CreditedMargin] = totals.Margin;
            row[S.Statement.CreditedUnits] = totals.Units;
            row[S.Statement.CreditedDeals] = totals.DealCount;
            row[S.Statement.SpiffShares] = string.Join(";", totals.SpiffShares.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.ToString(CultureInfo.InvariantCulture)));
            row[S.Statement.SpiffBasis] = totals.SpiffBasis;
        }

        /// <summary>The stored snapshot, or null for a row written before snapshots existed (its rows are then read instead).</summary>
        public static PeriodTotals? Read(Entity row)
        {
            var revenue = row.GetAttributeValue<decimal?>(S.Statement.CreditedRevenue);
            if (!revenue.HasValue)
            {
                return null;
            }

            var spiffs = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var pair in (row.GetAttributeValue<string>(S.Statement.SpiffShares) ?? string.Empty).Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var split = pair.LastIndexOf('=');
                if (split > 0 && decimal.TryParse(pair.Substring(split + 1), NumberStyles.Number, CultureInfo.InvariantCulture, out var shares))
                {
                    spiffs[pair.Substring(0, split)] = shares;
                }
            }

            return new PeriodTotals(revenue.Value, Columns.Decimal(row, S.Statement.CreditedMargin), Columns.Decimal(row, S.Statement.CreditedUnits), Columns.Decimal(row, S.Statement.CreditedDeals), row.GetAttributeValue<int?>(S.Statement.LedgerSequence) ?? 0, spiffs, row.GetAttributeValue<string>(S.Statement.SpiffBasis) ?? string.Empty);
        }
    }
}
