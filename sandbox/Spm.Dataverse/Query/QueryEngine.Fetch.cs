using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Query
{
    internal sealed partial class QueryEngine
    {
        private static readonly Dictionary<string, ConditionOperator> Operators = new Dictionary<string, ConditionOperator>(StringComparer.Ordinal)
        {
            ["eq"] = ConditionOperator.Equal,
            ["ne"] = ConditionOperator.NotEqual,
            ["neq"] = ConditionOperator.NotEqual,
            ["gt"] = ConditionOperator.GreaterThan,
            ["ge"] = ConditionOperator.GreaterEqual,
            ["lt"] = ConditionOperator.LessThan,
            ["le"] = ConditionOperator.LessEqual,
            ["like"] = ConditionOperator.Like,
            ["not-like"] = ConditionOperator.NotLike,
            ["in"] = ConditionOperator.In,
            ["not-in"] = ConditionOperator.NotIn,
            ["between"] = ConditionOperator.Between,
            ["not-between"] = ConditionOperator.NotBetween,
            ["null"] = ConditionOperator.Null,
            ["not-null"] = ConditionOperator.NotNull,
            ["on"] = ConditionOperator.On,
            ["not-on"] = ConditionOperator.NotOn,
            ["on-or-after"] = ConditionOperator.OnOrAfter,
            ["on-or-before"] = ConditionOperator.OnOrBefore,
            ["begins-with"] = ConditionOperator.BeginsWith,
            ["not-begin-with"] = ConditionOperator.DoesNotBeginWith,
            ["ends-with"] = ConditionOperator.EndsWith,
            ["not-end-with"] = ConditionOperator.DoesNotEndWith,
            ["eq-userid"] = ConditionOperator.EqualUserId,
            ["ne-userid"] = ConditionOperator.NotEqualUserId,
            ["today"] = ConditionOperator.Today,
            ["yesterday"] = ConditionOperator.Yesterday,
            ["tomorrow"] = ConditionOperator.Tomorrow,
            ["this-month"] = ConditionOperator.ThisMonth,
            ["last-month"] = ConditionOperator.LastMonth,
            ["next-month"] = ConditionOperator.NextMonth,
            ["this-year"] = ConditionOperator.ThisYear,
            ["last-year"] = ConditionOperator.LastYear,
            ["next-year"] = ConditionOperator.NextYear,
            ["last-seven-days"] = ConditionOperator.Last7Days,
            ["next-seven-days"] = ConditionOperator.Next7Days,
            ["last-x-days"] = ConditionOperator.LastXDays,
            ["next-x-days"] = ConditionOperator.NextXDays,
            ["last-x-months"] = ConditionOperator.LastXMonths,
            ["next-x-months"] = ConditionOperator.NextXMonths,
            ["olderthan-x-days"] = ConditionOperator.OlderThanXDays,
            ["olderthan-x-months"] = ConditionOperator.OlderThanXMonths,
        };

        /// <summary>An attribute element of a FetchXML query, with where it sits (null = the main entity).</summary>
        private sealed class FetchAttribute
        {
            public FetchAttribute(string? entityAlias, TableMetadata table, string name, string? alias, string? aggregate, bool groupBy, string? dateGrouping, bool distinct)
            {
                EntityAlias = entityAlias;
                Table = table;
                Name = name;
                Alias = alias;
                Aggregate = aggregate;
                GroupBy = groupBy;
                DateGrouping = dateGrouping;
                Distinct = distinct;
            }

            public string? EntityAlias { get; }

            public TableMetadata Table { get; }

            public string Name { get; }

            public string? Alias { get; }

            public string? Aggregate { get; }

            public bool GroupBy { get; }

            public string? DateGrouping { get; }

            public bool Distinct { get; }
        }

        private sealed class FetchContext
        {
            public List<FetchAttribute> Attributes { get; } = new List<FetchAttribute>();

            public List<(string Alias, bool Descending)> AliasOrders { get; } = new List<(string, bool)>();

            public int Counter { get; set; }
        }

        public EntityCollection ExecuteFetch(string? fetchXml)
        {
            XElement fetch = Parse(fetchXml);
            XElement entity = fetch.Element("entity") ?? throw InvalidFetch("The fetch element has no entity element.");
            TableMetadata table = Metadata.GetTable(Attr(entity, "name"));
            bool aggregate = Flag(fetch, "aggregate");
            var query = new QueryExpression(table.LogicalName) { Distinct = Flag(fetch, "distinct") };
            if (Int(fetch, "top") is int top)
            {
                query.TopCount = top;
            }

            query.PageInfo = new PagingInfo
            {
                Count = Int(fetch, "count") ?? 0,
                PageNumber = Int(fetch, "page") ?? 1,
                PagingCookie = (string?)fetch.Attribute("paging-cookie"),
                ReturnTotalRecordCount = Flag(fetch, "returntotalrecordcount"),
            };

            var context = new FetchContext();
            ReadNode(entity, null, table, query.ColumnSet, query.Criteria, query.Orders, query.LinkEntities, context, aggregate);

            if (aggregate)
            {
                return Aggregate(query, table, context);
            }

            EntityCollection result = Execute(query);
            foreach (FetchAttribute aliased in context.Attributes.Where(a => a.Alias != null))
            {
                string key = aliased.EntityAlias == null ? aliased.Name : aliased.EntityAlias + "." + aliased.Name;
                foreach (Entity row in result.Entities)
                {
                    if (row.Attributes.TryGetValue(key, out object value))
                    {
                        row.Attributes.Remove(key);
                        row.Attributes[aliased.Alias!] = value is AliasedValue ? value : new AliasedValue(aliased.Table.LogicalName, aliased.Name, value);
                    }
                }
            }

            return result;
        }

        private static XElement Parse(string? fetchXml)
        {
            if (string.IsNullOrWhiteSpace(fetchXml))
            {
                throw InvalidFetch("The FetchXML query is empty.");
            }

            XElement root;
            try
            {
                root = XElement.Parse(fetchXml);
            }
            catch (XmlException error)
            {
                throw new DataverseFaultException(DataverseErrors.InvalidXml, $"The FetchXML is not well-formed: {error.Message}", error);
            }

            if (root.Name.LocalName != "fetch")
            {
                throw InvalidFetch($"The root element of a FetchXML query must be 'fetch', not '{root.Name.LocalName}'.");
            }

            return root;
        }

        private void ReadNode(
            XElement node,
            string? entityAlias,
            TableMetadata table,
            ColumnSet columns,
            FilterExpression criteria,
            ICollection<OrderExpression> orders,
            ICollection<LinkEntity> links,
            FetchContext context,
            bool aggregate)
        {
            foreach (XElement child in node.Elements())
            {
                switch (child.Name.LocalName)
                {
                    case "attribute":
                        ReadAttribute(child, entityAlias, table, columns, context, aggregate);
                        break;
                    case "all-attributes":
                        if (aggregate)
                        {
                            throw new DataverseFaultException(DataverseErrors.QueryBuilderAttributeWithAggregate, "all-attributes cannot be used in an aggregate query.");
                        }

                        columns.AllColumns = true;
                        break;
                    case "filter":
                        criteria.AddFilter(ReadFilter(child, table));
                        break;
                    case "order":
                        if (child.Attribute("alias") is XAttribute orderAlias)
                        {
                            context.AliasOrders.Add((orderAlias.Value, Flag(child, "descending")));
                        }
                        else
                        {
                            string attribute = Attr(child, "attribute");
                            if (!table.HasColumn(attribute))
                            {
                                throw DataverseErrors.UnknownAttribute(table.LogicalName, attribute);
                            }

                            orders.Add(new OrderExpression(attribute, Flag(child, "descending") ? OrderType.Descending : OrderType.Ascending));
                        }

                        break;
                    case "link-entity":
                        TableMetadata linkTable = Metadata.GetTable(Attr(child, "name"));
                        string linkType = (string?)child.Attribute("link-type") ?? "inner";
                        var link = new LinkEntity(table.LogicalName, linkTable.LogicalName, Attr(child, "to"), Attr(child, "from"), linkType switch
                        {
                            "inner" => JoinOperator.Inner,
                            "outer" => JoinOperator.LeftOuter,
                            _ => throw InvalidFetch($"The link-type '{linkType}' is not supported by the in-memory organization (inner, outer)."),
                        });
                        link.EntityAlias = (string?)child.Attribute("alias") ?? linkTable.LogicalName + (++context.Counter).ToString(CultureInfo.InvariantCulture);
                        links.Add(link);
                        ReadNode(child, link.EntityAlias, linkTable, link.Columns, link.LinkCriteria, link.Orders, link.LinkEntities, context, aggregate);
                        break;
                    default:
                        throw InvalidFetch($"The element '{child.Name.LocalName}' is not supported inside '{node.Name.LocalName}'.");
                }
            }
        }

        private static void ReadAttribute(XElement element, string? entityAlias, TableMetadata table, ColumnSet columns, FetchContext context, bool aggregate)
        {
            string name = Attr(element, "name");
            if (!table.HasColumn(name))
            {
                throw DataverseErrors.UnknownAttribute(table.LogicalName, name);
            }

            string? alias = (string?)element.Attribute("alias");
            string? function = (string?)element.Attribute("aggregate");
            bool groupBy = Flag(element, "groupby");
            if (aggregate)
            {
                if (function == null && !groupBy)
                {
                    throw new DataverseFaultException(
                        DataverseErrors.QueryBuilderAttributeWithAggregate,
                        $"An attribute can not be requested when an aggregate operation has been specified and its neither groupby nor aggregate. Attribute: '{table.LogicalName}.{name}'.");
                }

                if (string.IsNullOrEmpty(alias))
                {
                    throw new DataverseFaultException(DataverseErrors.QueryBuilderNoAlias, $"The aggregate attribute '{table.LogicalName}.{name}' needs an alias.");
                }
            }

            context.Attributes.Add(new FetchAttribute(entityAlias, table, name, alias, function, groupBy, (string?)element.Attribute("dategrouping"), Flag(element, "distinct")));
            if (!columns.Columns.Contains(name))
            {
                columns.AddColumn(name);
            }
        }

        private static FilterExpression ReadFilter(XElement element, TableMetadata table)
        {
            string type = (string?)element.Attribute("type") ?? "and";
            var filter = new FilterExpression(type switch
            {
                "and" => LogicalOperator.And,
                "or" => LogicalOperator.Or,
                _ => throw InvalidFetch($"The filter type '{type}' is not valid (and, or)."),
            });
            foreach (XElement child in element.Elements())
            {
                if (child.Name.LocalName == "filter")
                {
                    filter.AddFilter(ReadFilter(child, table));
                }
                else if (child.Name.LocalName == "condition")
                {
                    string op = Attr(child, "operator");
                    if (!Operators.TryGetValue(op, out ConditionOperator conditionOperator))
                    {
                        throw new DataverseFaultException(DataverseErrors.QueryBuilderInvalidConditionOperator, $"The condition operator '{op}' is not supported by the in-memory organization.");
                    }

                    var condition = new ConditionExpression(Attr(child, "attribute"), conditionOperator) { EntityName = (string?)child.Attribute("entityname") };
                    if ((string?)child.Attribute("valueof") is string valueOf)
                    {
                        condition.CompareColumns = true;
                        condition.Values.Add(valueOf);
                    }
                    else if ((string?)child.Attribute("value") is string value)
                    {
                        condition.Values.Add(value);
                    }
                    else
                    {
                        foreach (XElement value2 in child.Elements("value"))
                        {
                            condition.Values.Add(value2.Value);
                        }
                    }

                    filter.AddCondition(condition);
                }
                else
                {
                    throw InvalidFetch($"The element '{child.Name.LocalName}' is not valid inside a filter.");
                }
            }

            return filter;
        }

        // ---------------------------------------------------------------- aggregates

        private EntityCollection Aggregate(QueryExpression query, TableMetadata table, FetchContext context)
        {
            if (context.Attributes.Count == 0)
            {
                throw InvalidFetch("An aggregate query needs at least one attribute with aggregate or groupby.");
            }

            Selection selection = Select(query);
            List<FetchAttribute> groupBys = context.Attributes.Where(a => a.GroupBy).ToList();
            var groups = new List<(object?[] Keys, List<JoinedRow> Rows)>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (JoinedRow row in selection.Rows)
            {
                object?[] keys = groupBys.Select(g => GroupKey(g, ValueOf(row, g))).ToArray();
                string signature = string.Join("\u001f", keys.Select(k => Convert.ToString(ConditionEvaluator.AttributeValuesNormalize(k), CultureInfo.InvariantCulture) ?? "\u0000"));
                if (!index.TryGetValue(signature, out int position))
                {
                    position = groups.Count;
                    index.Add(signature, position);
                    groups.Add((keys, new List<JoinedRow>()));
                }

                groups[position].Rows.Add(row);
            }

            if (groups.Count == 0 && groupBys.Count == 0)
            {
                groups.Add((Array.Empty<object?>(), new List<JoinedRow>()));
            }

            var results = new List<Entity>();
            foreach ((object?[] keys, List<JoinedRow> rows) in groups)
            {
                var entity = new Entity(table.LogicalName);
                int k = 0;
                foreach (FetchAttribute attribute in context.Attributes)
                {
                    object? value = attribute.GroupBy ? keys[k++] : Compute(attribute, rows.Select(r => ValueOf(r, attribute)).ToList(), rows.Count);
                    if (value != null)
                    {
                        entity.Attributes[attribute.Alias!] = new AliasedValue(attribute.Table.LogicalName, attribute.Name, value);
                    }
                }

                results.Add(entity);
            }

            if (context.AliasOrders.Count > 0)
            {
                var comparer = Comparer<object?>.Create(ConditionEvaluator.Compare);
                IOrderedEnumerable<Entity>? ordered = null;
                foreach ((string alias, bool descending) in context.AliasOrders)
                {
                    if (!context.Attributes.Any(a => a.Alias == alias))
                    {
                        throw new DataverseFaultException(DataverseErrors.QueryBuilderNoAlias, $"The order refers to the alias '{alias}', which no attribute of the query has.");
                    }

                    Func<Entity, object?> key = e => e.Attributes.TryGetValue(alias, out object v) ? ConditionEvaluator.AttributeValuesNormalize(v) : null;
                    ordered = ordered == null
                        ? (descending ? results.OrderByDescending(key, comparer) : results.OrderBy(key, comparer))
                        : (descending ? ordered.ThenByDescending(key, comparer) : ordered.ThenBy(key, comparer));
                }

                results = ordered!.ToList();
            }

            int? limit = query.TopCount ?? (query.PageInfo.Count > 0 ? query.PageInfo.Count : null);
            var collection = new EntityCollection { EntityName = table.LogicalName, TotalRecordCount = -1 };
            collection.Entities.AddRange(limit.HasValue ? results.Take(limit.Value) : results);
            collection.MoreRecords = limit.HasValue && results.Count > limit.Value;
            return collection;
        }

        private static object? ValueOf(JoinedRow row, FetchAttribute attribute)
        {
            Entity? source = attribute.EntityAlias == null ? row.Main : row.Links.TryGetValue(attribute.EntityAlias, out Entity? linked) ? linked : null;
            return source != null && source.Attributes.TryGetValue(attribute.Name, out object value) ? value : null;
        }

        private static object? GroupKey(FetchAttribute attribute, object? value)
        {
            if (value == null || attribute.DateGrouping == null)
            {
                return AttributeValues.Clone(value);
            }

            if (value is not DateTime date)
            {
                throw InvalidFetch($"dategrouping applies to date columns; '{attribute.Table.LogicalName}.{attribute.Name}' is not one.");
            }

            return attribute.DateGrouping switch
            {
                "year" => date.Year,
                "quarter" => ((date.Month - 1) / 3) + 1,
                "month" => date.Month,
                "week" => ((date.DayOfYear - 1 + (int)new DateTime(date.Year, 1, 1).DayOfWeek) / 7) + 1,
                "day" => date.Day,
                _ => throw InvalidFetch($"The dategrouping '{attribute.DateGrouping}' is not supported by the in-memory organization (year, quarter, month, week, day)."),
            };
        }

        private static object? Compute(FetchAttribute attribute, List<object?> values, int rowCount)
        {
            ColumnMetadata column = attribute.Table.FindColumn(attribute.Name)!;
            List<object> present = values.Where(v => v != null).Select(v => v!).ToList();
            switch (attribute.Aggregate)
            {
                case "count":
                    return rowCount;
                case "countcolumn":
                    return attribute.Distinct
                        ? present.Select(v => ConditionEvaluator.AttributeValuesNormalize(v)).Distinct().Count()
                        : present.Count;
                case "sum":
                case "avg":
                    if (!column.IsNumeric)
                    {
                        throw InvalidFetch($"The aggregate '{attribute.Aggregate}' needs a number column; '{attribute.Table.LogicalName}.{attribute.Name}' is {column.Type}.");
                    }

                    List<decimal> numbers = present.Select(v => Convert.ToDecimal(ConditionEvaluator.AttributeValuesNormalize(v), CultureInfo.InvariantCulture)).ToList();
                    if (attribute.Aggregate == "avg" && numbers.Count == 0)
                    {
                        return null;
                    }

                    decimal total = numbers.Sum();
                    decimal result = attribute.Aggregate == "sum" ? total : total / numbers.Count;
                    return column.Type switch
                    {
                        ColumnType.Integer => (int)decimal.Truncate(result),
                        ColumnType.Double => (double)result,
                        ColumnType.Money => new Money(result),
                        _ => result,
                    };
                case "min":
                case "max":
                    if (!(column.IsNumeric || column.Type == ColumnType.DateTime))
                    {
                        throw InvalidFetch($"The aggregate '{attribute.Aggregate}' needs a number or date column; '{attribute.Table.LogicalName}.{attribute.Name}' is {column.Type}.");
                    }

                    if (present.Count == 0)
                    {
                        return null;
                    }

                    var comparer = Comparer<object?>.Create((a, b) => ConditionEvaluator.Compare(ConditionEvaluator.AttributeValuesNormalize(a), ConditionEvaluator.AttributeValuesNormalize(b)));
                    object picked = attribute.Aggregate == "min" ? present.Min(comparer)! : present.Max(comparer)!;
                    return AttributeValues.Clone(picked);
                default:
                    throw InvalidFetch($"The aggregate '{attribute.Aggregate}' is not valid (count, countcolumn, sum, avg, min, max).");
            }
        }

        private static DataverseFaultException InvalidFetch(string message) => new DataverseFaultException(DataverseErrors.InvalidXml, message);

        private static string Attr(XElement element, string name) =>
            (string?)element.Attribute(name) ?? throw InvalidFetch($"The '{element.Name.LocalName}' element needs a '{name}' attribute.");

        private static bool Flag(XElement element, string name)
        {
            string? value = (string?)element.Attribute(name);
            return value == "true" || value == "1";
        }

        private static int? Int(XElement element, string name)
        {
            string? value = (string?)element.Attribute(name);
            if (value == null)
            {
                return null;
            }

            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number)
                ? number
                : throw InvalidFetch($"The '{name}' attribute of '{element.Name.LocalName}' must be a whole number, not '{value}'.");
        }
    }
}
