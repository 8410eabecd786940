using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Spm.Plugins.Data
{
    /// <summary>Named-column queries with paging. Plugins never ask for all columns.</summary>
    internal static class Queries
    {
        public static QueryExpression Of(string table, params string[] columns) => new QueryExpression(table) { ColumnSet = new ColumnSet(columns), NoLock = false };

        public static QueryExpression Where(this QueryExpression query, string column, ConditionOperator op, params object[] values)
        {
            query.Criteria.AddCondition(column, op, values);
            return query;
        }

        public static QueryExpression WhereIn(this QueryExpression query, string column, IEnumerable<Guid> ids)
        {
            var values = ids.Distinct().Cast<object>().ToArray();
            query.Criteria.AddCondition(column, ConditionOperator.In, values.Length == 0 ? new object[] { Guid.Empty } : values);
            return query;
        }

        public static QueryExpression OrderBy(this QueryExpression query, string column)
        {
            query.AddOrder(column, OrderType.Ascending);
            return query;
        }

        /// <summary>Reads every page (5,000 rows a page) so a large result is never silently cut.</summary>
        public static List<Entity> All(this IOrganizationService service, QueryExpression query)
        {
            var rows = new List<Entity>();
            query.PageInfo = new PagingInfo { Count = 5000, PageNumber = 1 };
            while (true)
            {
                var page = service.RetrieveMultiple(query);
                rows.AddRange(page.Entities);
                if (!page.MoreRecords)
                {
                    return rows;
                }

                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }
        }
    }
}
