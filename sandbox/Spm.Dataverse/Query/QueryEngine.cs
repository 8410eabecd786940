using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Query
{
    /// <summary>Runs QueryExpression and FetchXML over an <see cref="IRowSource"/>: joins, filters, orders, paging and aggregates.</summary>
    internal sealed partial class QueryEngine
    {
        private readonly IRowSource _source;
        private readonly Guid _callerId;
        private readonly DateTime _now;

        public QueryEngine(IRowSource source, Guid callerId)
        {
            _source = source;
            _callerId = callerId;
            _now = source.Now;
        }

        private DataverseMetadata Metadata => _source.Metadata;

        /// <summary>One result row before projection: the main row and the row each link alias joined (null for an outer miss).</summary>
        internal sealed class JoinedRow
        {
            public JoinedRow(Entity main, Dictionary<string, Entity?> links)
            {
                Main = main;
                Links = links;
            }

            public Entity Main { get; }

            public Dictionary<string, Entity?> Links { get; }
        }

        /// <summary>A link-entity with its resolved alias and table.</summary>
        internal sealed class BoundLink
        {
            public BoundLink(LinkEntity link, string alias, TableMetadata table, string? parentAlias, TableMetadata parentTable)
            {
                Link = link;
                Alias = alias;
                Table = table;
                ParentAlias = parentAlias;
                ParentTable = parentTable;
            }

            public LinkEntity Link { get; }

            public string Alias { get; }

            public TableMetadata Table { get; }

            public string? ParentAlias { get; }

            public TableMetadata ParentTable { get; }
        }

        internal sealed class Selection
        {
            public Selection(TableMetadata table, List<BoundLink> links, List<JoinedRow> rows)
            {
                Table = table;
                Links = links;
                Rows = rows;
            }

            public TableMetadata Table { get; }

            public List<BoundLink> Links { get; }

            public List<JoinedRow> Rows { get; set; }

            public BoundLink? FindLink(string alias) => Links.FirstOrDefault(l => string.Equals(l.Alias, alias, StringComparison.Ordinal));
        }

        public EntityCollection Execute(QueryExpression query)
        {
            Selection selection = Select(query);
            ValidateColumns(selection.Table, query.ColumnSet);
            foreach (BoundLink link in selection.Links)
            {
                ValidateColumns(link.Table, link.Link.Columns);
            }

            Order(selection, query.Orders);
            List<Entity> projected = selection.Rows.Select(r => Project(selection, query.ColumnSet, r, query.Distinct)).ToList();
            if (query.Distinct)
            {
                projected = projected.GroupBy(Signature).Select(g => g.First()).ToList();
            }

            return Page(selection.Table, projected, query.TopCount, query.PageInfo);
        }

        /// <summary>Joins and filters: the rows a query selects, in creation order.</summary>
        internal Selection Select(QueryExpression query)
        {
            if (query == null)
            {
                throw DataverseErrors.Argument("Required field 'Query' is missing.");
            }

            TableMetadata table = Metadata.GetTable(query.EntityName);
            RejectNulls(query.Criteria, "the query's Criteria");
            var links = new List<BoundLink>();
            int counter = 0;
            foreach (LinkEntity link in query.LinkEntities)
            {
                Bind(link, null, table, links, ref counter);
            }

            List<JoinedRow> rows = _source.Rows(table.LogicalName)
                .Select(r => new JoinedRow(r, new Dictionary<string, Entity?>(StringComparer.Ordinal)))
                .ToList();

            foreach (BoundLink link in links)
            {
                rows = Join(rows, link);
            }

            var selection = new Selection(table, links, rows);
            foreach (BoundLink link in links)
            {
                ValidateFilter(link.Link.LinkCriteria, link.Table, selection);
            }

            ValidateFilter(query.Criteria, table, selection);
            if (query.Criteria != null)
            {
                selection.Rows = rows.Where(r => Matches(query.Criteria, selection, r, null)).ToList();
            }

            return selection;
        }

        private void Bind(LinkEntity link, string? parentAlias, TableMetadata parentTable, List<BoundLink> links, ref int counter)
        {
            TableMetadata table = Metadata.GetTable(link.LinkToEntityName);
            if (!parentTable.HasColumn(link.LinkFromAttributeName))
            {
                throw DataverseErrors.UnknownAttribute(parentTable.LogicalName, link.LinkFromAttributeName);
            }

            if (!table.HasColumn(link.LinkToAttributeName))
            {
                throw DataverseErrors.UnknownAttribute(table.LogicalName, link.LinkToAttributeName);
            }

            if (link.JoinOperator is not (JoinOperator.Inner or JoinOperator.LeftOuter or JoinOperator.Natural))
            {
                throw DataverseErrors.Argument($"The join operator {link.JoinOperator} is not supported by the in-memory organization.");
            }

            string alias = string.IsNullOrEmpty(link.EntityAlias) ? table.LogicalName + (++counter).ToString(CultureInfo.InvariantCulture) : link.EntityAlias;
            if (links.Any(l => l.Alias == alias))
            {
                throw DataverseErrors.Argument($"The link-entity alias '{alias}' is used more than once.");
            }

            RejectNulls(link.LinkCriteria, $"the LinkCriteria of link-entity '{alias}'");
            links.Add(new BoundLink(link, alias, table, parentAlias, parentTable));
            foreach (LinkEntity child in link.LinkEntities)
            {
                Bind(child, alias, table, links, ref counter);
            }
        }

        private List<JoinedRow> Join(List<JoinedRow> rows, BoundLink link)
        {
            List<Entity> candidates = _source.Rows(link.Table.LogicalName)
                .Where(c => link.Link.LinkCriteria == null || MatchesSingle(link.Link.LinkCriteria, link.Table, c))
                .ToList();
            var result = new List<JoinedRow>();
            foreach (JoinedRow row in rows)
            {
                Entity? parent = link.ParentAlias == null ? row.Main : row.Links[link.ParentAlias];
                object? key = parent != null && parent.Attributes.TryGetValue(link.Link.LinkFromAttributeName, out object value) ? ConditionEvaluator.AttributeValuesNormalize(value) : null;
                List<Entity> matches = key == null
                    ? new List<Entity>()
                    : candidates.Where(c => c.Attributes.TryGetValue(link.Link.LinkToAttributeName, out object other)
                        && Equals(ConditionEvaluator.AttributeValuesNormalize(other), key)).ToList();
                if (matches.Count == 0)
                {
                    if (link.Link.JoinOperator == JoinOperator.LeftOuter)
                    {
                        result.Add(new JoinedRow(row.Main, new Dictionary<string, Entity?>(row.Links, StringComparer.Ordinal) { [link.Alias] = null }));
                    }

                    continue;
                }

                foreach (Entity match in matches)
                {
                    result.Add(new JoinedRow(row.Main, new Dictionary<string, Entity?>(row.Links, StringComparer.Ordinal) { [link.Alias] = match }));
                }
            }

            return result;
        }

        /// <summary>A filter over the joined row; a condition's EntityName names a link alias.</summary>
        private bool Matches(FilterExpression filter, Selection selection, JoinedRow row, string? defaultAlias)
        {
            var results = new List<bool>();
            foreach (ConditionExpression condition in filter.Conditions)
            {
                string? alias = string.IsNullOrEmpty(condition.EntityName) || condition.EntityName == selection.Table.LogicalName && selection.FindLink(condition.EntityName) == null
                    ? defaultAlias
                    : condition.EntityName;
                TableMetadata table;
                Entity? target;
                if (alias == null)
                {
                    table = selection.Table;
                    target = row.Main;
                }
                else
                {
                    BoundLink link = selection.FindLink(alias)
                        ?? throw DataverseErrors.Argument($"No link-entity has the alias '{alias}' named by the condition on '{condition.AttributeName}'.");
                    table = link.Table;
                    target = row.Links.TryGetValue(alias, out Entity? linked) ? linked : null;
                }

                results.Add(ConditionEvaluator.Evaluate(condition, table, target, _now, _callerId));
            }

            foreach (FilterExpression child in filter.Filters)
            {
                results.Add(Matches(child, selection, row, defaultAlias));
            }

            if (results.Count == 0)
            {
                return true;
            }

            return filter.FilterOperator == LogicalOperator.Or ? results.Any(r => r) : results.All(r => r);
        }

        private bool MatchesSingle(FilterExpression filter, TableMetadata table, Entity row)
        {
            var results = filter.Conditions.Select(c => ConditionEvaluator.Evaluate(c, table, row, _now, _callerId))
                .Concat(filter.Filters.Select(f => MatchesSingle(f, table, row)))
                .ToList();
            if (results.Count == 0)
            {
                return true;
            }

            return filter.FilterOperator == LogicalOperator.Or ? results.Any(r => r) : results.All(r => r);
        }

        /// <summary>
        /// Refuses a null condition or child filter up front with a fault naming where it is: FilterExpression.AddCondition
        /// accepts a null (as the official SDK does), and the query would otherwise fail with a NullReferenceException.
        /// </summary>
        private static void RejectNulls(FilterExpression? filter, string where)
        {
            if (filter == null)
            {
                return;
            }

            if (filter.Conditions.Any(c => c == null) || filter.Filters.Any(f => f == null))
            {
                throw DataverseErrors.Argument($"A condition or filter in {where} is null.");
            }

            foreach (FilterExpression child in filter.Filters)
            {
                RejectNulls(child, where);
            }
        }

        /// <summary>Checks every condition names a column that exists, before any row is read (an empty table still faults).</summary>
        private static void ValidateFilter(FilterExpression? filter, TableMetadata table, Selection selection)
        {
            if (filter == null)
            {
                return;
            }

            foreach (ConditionExpression condition in filter.Conditions)
            {
                TableMetadata target = table;
                if (!string.IsNullOrEmpty(condition.EntityName) && selection.FindLink(condition.EntityName) is BoundLink link)
                {
                    target = link.Table;
                }
                else if (!string.IsNullOrEmpty(condition.EntityName) && condition.EntityName != table.LogicalName)
                {
                    throw DataverseErrors.Argument($"No link-entity has the alias '{condition.EntityName}' named by the condition on '{condition.AttributeName}'.");
                }

                if (!target.HasColumn(condition.AttributeName))
                {
                    throw DataverseErrors.UnknownAttribute(target.LogicalName, condition.AttributeName);
                }
            }

            foreach (FilterExpression child in filter.Filters)
            {
                ValidateFilter(child, table, selection);
            }
        }

        private static void ValidateColumns(TableMetadata table, ColumnSet? columns)
        {
            if (columns == null || columns.AllColumns)
            {
                return;
            }

            foreach (string column in columns.Columns)
            {
                if (!table.HasColumn(column))
                {
                    throw DataverseErrors.UnknownAttribute(table.LogicalName, column);
                }
            }
        }

        private void Order(Selection selection, IEnumerable<OrderExpression> orders)
        {
            var keys = new List<(Func<JoinedRow, object?> Key, bool Descending)>();
            foreach (OrderExpression order in orders)
            {
                string? alias = string.IsNullOrEmpty(order.EntityName) || order.EntityName == selection.Table.LogicalName && selection.FindLink(order.EntityName) == null
                    ? null
                    : order.EntityName;
                keys.Add((OrderKey(selection, alias, order.AttributeName), order.OrderType == OrderType.Descending));
            }

            foreach (BoundLink link in selection.Links)
            {
                foreach (OrderExpression order in link.Link.Orders)
                {
                    keys.Add((OrderKey(selection, link.Alias, order.AttributeName), order.OrderType == OrderType.Descending));
                }
            }

            if (keys.Count == 0)
            {
                return;
            }

            IOrderedEnumerable<JoinedRow>? ordered = null;
            var comparer = Comparer<object?>.Create(ConditionEvaluator.Compare);
            foreach ((Func<JoinedRow, object?> key, bool descending) in keys)
            {
                ordered = ordered == null
                    ? (descending ? selection.Rows.OrderByDescending(key, comparer) : selection.Rows.OrderBy(key, comparer))
                    : (descending ? ordered.ThenByDescending(key, comparer) : ordered.ThenBy(key, comparer));
            }

            selection.Rows = ordered!.ToList();
        }

        private Func<JoinedRow, object?> OrderKey(Selection selection, string? alias, string attribute)
        {
            TableMetadata table = alias == null
                ? selection.Table
                : (selection.FindLink(alias) ?? throw DataverseErrors.Argument($"No link-entity has the alias '{alias}' named by the order on '{attribute}'.")).Table;
            if (!table.HasColumn(attribute))
            {
                throw DataverseErrors.UnknownAttribute(table.LogicalName, attribute);
            }

            return row =>
            {
                Entity? source = alias == null ? row.Main : row.Links.TryGetValue(alias, out Entity? linked) ? linked : null;
                if (source == null || !source.Attributes.TryGetValue(attribute, out object value))
                {
                    return null;
                }

                // Lookups sort by the referenced row's name, as Dataverse does.
                if (value is EntityReference reference && Metadata.TryGetTable(reference.LogicalName, out TableMetadata target) && target.PrimaryNameAttribute != null)
                {
                    return _source.Find(reference.LogicalName, reference.Id)?.GetAttributeValue<string>(target.PrimaryNameAttribute) ?? string.Empty;
                }

                return ConditionEvaluator.AttributeValuesNormalize(value);
            };
        }

        private static Entity Project(Selection selection, ColumnSet? columns, JoinedRow row, bool distinct)
        {
            var entity = new Entity(selection.Table.LogicalName, row.Main.Id) { RowVersion = row.Main.RowVersion };
            CopyColumns(row.Main, columns, (name, value) => entity.Attributes[name] = AttributeValues.Clone(value)!);
            if (!distinct)
            {
                entity.Attributes[selection.Table.PrimaryIdAttribute] = row.Main.Id;
            }

            foreach (BoundLink link in selection.Links)
            {
                if (row.Links.TryGetValue(link.Alias, out Entity? linked) && linked != null)
                {
                    CopyColumns(linked, link.Link.Columns, (name, value) =>
                        entity.Attributes[link.Alias + "." + name] = new AliasedValue(link.Table.LogicalName, name, AttributeValues.Clone(value)));
                }
            }

            return entity;
        }

        private static void CopyColumns(Entity source, ColumnSet? columns, Action<string, object> add)
        {
            if (columns == null)
            {
                return;
            }

            IEnumerable<string> names = columns.AllColumns ? source.Attributes.Keys.ToList() : columns.Columns;
            foreach (string name in names)
            {
                if (source.Attributes.TryGetValue(name, out object value) && value != null)
                {
                    add(name, value);
                }
            }
        }

        private static string Signature(Entity entity)
        {
            return string.Join(
                "\u001f",
                entity.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)
                    .Select(a => a.Key + "=" + Convert.ToString(ConditionEvaluator.AttributeValuesNormalize(a.Value), CultureInfo.InvariantCulture)));
        }

        private static EntityCollection Page(TableMetadata table, List<Entity> rows, int? top, PagingInfo? paging)
        {
            var result = new EntityCollection { EntityName = table.LogicalName, TotalRecordCount = -1 };
            int pageSize = paging?.Count ?? 0;
            if (top.HasValue && pageSize > 0)
            {
                throw DataverseErrors.Argument("TopCount and PageInfo (Count) cannot both be set on one query.");
            }

            if (paging?.ReturnTotalRecordCount == true)
            {
                result.TotalRecordCount = rows.Count;
            }

            if (top.HasValue)
            {
                if (top.Value <= 0)
                {
                    throw DataverseErrors.Argument($"TopCount must be greater than zero, not {top.Value}.");
                }

                result.Entities.AddRange(rows.Take(top.Value));
                return result;
            }

            if (pageSize <= 0)
            {
                result.Entities.AddRange(rows);
                return result;
            }

            int page = Math.Max(paging!.PageNumber, 1);
            List<Entity> slice = rows.Skip((page - 1) * pageSize).Take(pageSize).ToList();
            result.Entities.AddRange(slice);
            result.MoreRecords = rows.Count > page * pageSize;
            if (slice.Count > 0)
            {
                result.PagingCookie = string.Format(
                    CultureInfo.InvariantCulture,
                    "<cookie page=\"{0}\"><{1} last=\"{2}\" first=\"{3}\" /></cookie>",
                    page,
                    table.PrimaryIdAttribute,
                    SecurityElement.Escape(slice[slice.Count - 1].Id.ToString("B").ToUpperInvariant()),
                    SecurityElement.Escape(slice[0].Id.ToString("B").ToUpperInvariant()));
            }

            return result;
        }
    }
}
