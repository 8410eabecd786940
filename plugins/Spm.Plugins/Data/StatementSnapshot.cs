using Microsoft.Xrm.Sdk;
using Spm.Domain.Engine;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Data
{
    /// <summary>
    /// The totals snapshot a statement row carries: every measure as of its spm_ledgersequence. Written with each
    /// statement, read back so a change folds only the rows posted since.
    /// </summary>
    internal static class StatementSnapshot
    {
        public static readonly string[] ColumnNames = { S.Statement.CreditedRevenue, S.Statement.CreditedMargin, S.Statement.CreditedUnits, S.Statement.CreditedDeals };

        public static void Write(Entity row, PeriodTotals totals)
        {
            row[S.Statement.CreditedRevenue] = totals.Revenue;
            row[S.Statement.CreditedMargin] = totals.Margin;
            row[S.Statement.CreditedUnits] = totals.Units;
            row[S.Statement.CreditedDeals] = totals.DealCount;
        }

        /// <summary>The stored snapshot, or null for a row written before snapshots existed (its rows are then read instead).</summary>
        public static PeriodTotals? Read(Entity row)
        {
            var revenue = row.GetAttributeValue<decimal?>(S.Statement.CreditedRevenue);
            if (!revenue.HasValue)
            {
                return null;
            }

            return new PeriodTotals(revenue.Value, Columns.Decimal(row, S.Statement.CreditedMargin), Columns.Decimal(row, S.Statement.CreditedUnits), Columns.Decimal(row, S.Statement.CreditedDeals), row.GetAttributeValue<int?>(S.Statement.LedgerSequence) ?? 0);
        }
    }
}
