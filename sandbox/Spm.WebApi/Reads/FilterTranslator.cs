using System;
using System.Globalization;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.WebApi.Edm;
using Spm.WebApi.Errors;

namespace Spm.WebApi.Reads
{
    /// <summary>
    /// $filter (parsed by ODataUriParser) as a QueryExpression filter: eq/ne/gt/ge/lt/le, and/or/not,
    /// contains/startswith/endswith (Like), eq/ne null, lookups as _x_value. A not is pushed down to the conditions
    /// (not (a eq 1) is a ne 1), since a FilterExpression has no negation.
    /// </summary>
    internal static class FilterTranslator
    {
        public static FilterExpression Translate(FilterClause clause, TableMetadata table)
        {
            FilterExpression filter = Node(clause.Expression, table, negate: false);
            return filter;
        }

        private static FilterExpression Node(SingleValueNode node, TableMetadata table, bool negate)
        {
            switch (Unwrap(node))
            {
                case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And or BinaryOperatorKind.Or } logical:
                {
                    // De Morgan: not (a and b) = not a or not b.
                    bool and = logical.OperatorKind == BinaryOperatorKind.And ^ negate;
                    var filter = new FilterExpression(and ? LogicalOperator.And : LogicalOperator.Or);
                    filter.AddFilter(Node(logical.Left, table, negate));
                    filter.AddFilter(Node(logical.Right, table, negate));
                    return filter;
                }

                case UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not:
                    return Node(not.Operand, table, !negate);

                case BinaryOperatorNode comparison:
                    return Single(Comparison(comparison, table, negate));

                case SingleValueFunctionCallNode function:
                    return Single(Function(function, table, negate));

                case SingleValuePropertyAccessNode property when property.TypeReference?.IsBoolean() == true:
                {
                    // A bare boolean property: "spm_frozen" means spm_frozen eq true.
                    ColumnMetadata column = Column(property, table);
                    return Single(new ConditionExpression(column.LogicalName, negate ? ConditionOperator.NotEqual : ConditionOperator.Equal, true));
                }

                default:
                    throw WebApiException.BadQuery($"The $filter expression '{Describe(node)}' is not supported: use comparisons (eq, ne, gt, ge, lt, le) of a column with a literal, and, or, not, contains, startswith and endswith.");
            }
        }

        private static FilterExpression Single(ConditionExpression condition)
        {
            var filter = new FilterExpression(LogicalOperator.And);
            filter.AddCondition(condition);
            return filter;
        }

        private static ConditionExpression Comparison(BinaryOperatorNode node, TableMetadata table, bool negate)
        {
            SingleValueNode left = Unwrap(node.Left);
            SingleValueNode right = Unwrap(node.Right);
            BinaryOperatorKind kind = node.OperatorKind;
            if (left is ConstantNode && right is SingleValuePropertyAccessNode)
            {
                // 5 lt x is x gt 5.
                (left, right) = (right, left);
                kind = Mirror(kind);
            }

            if (left is not SingleValuePropertyAccessNode property || right is not ConstantNode constant)
            {
                throw WebApiException.BadQuery($"The $filter comparison '{Describe(node)}' is not supported: compare a column with a literal value.");
            }

            ColumnMetadata column = Column(property, table);
            if (constant.Value == null)
            {
                bool isNull = kind switch
                {
                    BinaryOperatorKind.Equal => true,
                    BinaryOperatorKind.NotEqual => false,
                    _ => throw WebApiException.BadQuery($"The $filter comparison '{Describe(node)}' compares with null using '{kind}': only eq null and ne null are allowed."),
                };
                return new ConditionExpression(column.LogicalName, isNull ^ negate ? ConditionOperator.Null : ConditionOperator.NotNull);
            }

            ConditionOperator op = kind switch
            {
                BinaryOperatorKind.Equal => ConditionOperator.Equal,
                BinaryOperatorKind.NotEqual => ConditionOperator.NotEqual,
                BinaryOperatorKind.GreaterThan => ConditionOperator.GreaterThan,
                BinaryOperatorKind.GreaterThanOrEqual => ConditionOperator.GreaterEqual,
                BinaryOperatorKind.LessThan => ConditionOperator.LessThan,
                BinaryOperatorKind.LessThanOrEqual => ConditionOperator.LessEqual,
                _ => throw WebApiException.BadQuery($"The $filter operator '{kind}' in '{Describe(node)}' is not supported."),
            };
            return new ConditionExpression(column.LogicalName, negate ? Negate(op) : op, Literal(column, constant.Value, node));
        }

        private static ConditionExpression Function(SingleValueFunctionCallNode function, TableMetadata table, bool negate)
        {
            var parameters = new System.Collections.Generic.List<QueryNode>(function.Parameters);
            if (parameters.Count != 2 || Unwrap((SingleValueNode)parameters[0]) is not SingleValuePropertyAccessNode property
                || Unwrap((SingleValueNode)parameters[1]) is not ConstantNode { Value: string text })
            {
                throw WebApiException.BadQuery($"The $filter function '{function.Name}' is not supported here: use contains, startswith or endswith of a text column and a string literal.");
            }

            ColumnMetadata column = Column(property, table);
            bool wildcards = text.IndexOfAny(new[] { '%', '_', '[' }) >= 0;
            (ConditionOperator like, string pattern, ConditionOperator literal) = function.Name switch
            {
                "contains" => (ConditionOperator.Like, "%" + text + "%", ConditionOperator.Contains),
                "startswith" => (ConditionOperator.Like, text + "%", ConditionOperator.BeginsWith),
                "endswith" => (ConditionOperator.Like, "%" + text, ConditionOperator.EndsWith),
                _ => throw WebApiException.BadQuery($"The $filter function '{function.Name}' is not supported: use contains, startswith or endswith."),
            };

            // A value holding Like's wildcards is matched literally, as the Web API escapes them.
            return wildcards
                ? new ConditionExpression(column.LogicalName, negate ? Negate(literal) : literal, text)
                : new ConditionExpression(column.LogicalName, negate ? ConditionOperator.NotLike : like, pattern);
        }

        private static ColumnMetadata Column(SingleValuePropertyAccessNode property, TableMetadata table)
        {
            if (Unwrap(property.Source) is not ResourceRangeVariableReferenceNode)
            {
                throw WebApiException.BadQuery($"The $filter property '{property.Property.Name}' is not a column of {table.LogicalName}: filters on related rows are not supported.");
            }

            return DataverseEdmModel.ColumnOf(table, property.Property.Name)
                ?? throw WebApiException.UnknownProperty(table, property.Property.Name);
        }

        /// <summary>A literal as the value type the column's conditions compare with.</summary>
        private static object Literal(ColumnMetadata column, object value, QueryNode node)
        {
            try
            {
                return column.Type switch
                {
                    ColumnType.DateTime => value switch
                    {
                        DateTimeOffset offset => offset.UtcDateTime,
                        DateOnly date => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                        // ODataUriParser 8 still gives Edm.Date literals as its own (obsolete) Date type: read it by its text.
                        _ when DateOnly.TryParseExact(Convert.ToString(value, CultureInfo.InvariantCulture), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
                            => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                        _ => throw new FormatException(),
                    },
                    ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status => value is int or long or short or byte or sbyte
                        ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
                        : throw new FormatException(),
                    ColumnType.Decimal or ColumnType.Money => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
                    ColumnType.Double => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                    ColumnType.Boolean => value is bool flag ? flag : throw new FormatException(),
                    ColumnType.Lookup or ColumnType.Owner or ColumnType.Uniqueidentifier => value is Guid id ? id : throw new FormatException(),
                    _ => value is string text ? text : throw new FormatException(),
                };
            }
            catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException)
            {
                throw WebApiException.BadQuery(
                    $"The $filter literal {Convert.ToString(value, CultureInfo.InvariantCulture)} in '{Describe(node)}' is not a value of column '{column.LogicalName}' ({column.Type}).");
            }
        }

        private static SingleValueNode Unwrap(SingleValueNode node) => node is ConvertNode convert ? Unwrap(convert.Source) : node;

        private static BinaryOperatorKind Mirror(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
            BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
            _ => kind,
        };

        private static ConditionOperator Negate(ConditionOperator op) => op switch
        {
            ConditionOperator.Equal => ConditionOperator.NotEqual,
            ConditionOperator.NotEqual => ConditionOperator.Equal,
            ConditionOperator.GreaterThan => ConditionOperator.LessEqual,
            ConditionOperator.GreaterEqual => ConditionOperator.LessThan,
            ConditionOperator.LessThan => ConditionOperator.GreaterEqual,
            ConditionOperator.LessEqual => ConditionOperator.GreaterThan,
            ConditionOperator.Contains => ConditionOperator.DoesNotContain,
            ConditionOperator.BeginsWith => ConditionOperator.DoesNotBeginWith,
            ConditionOperator.EndsWith => ConditionOperator.DoesNotEndWith,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "No negation."),
        };

        private static string Describe(QueryNode node) => node switch
        {
            SingleValuePropertyAccessNode property => property.Property.Name,
            ConstantNode constant => constant.LiteralText ?? Convert.ToString(constant.Value, CultureInfo.InvariantCulture) ?? "null",
            ConvertNode convert => Describe(convert.Source),
            BinaryOperatorNode binary => $"{Describe(binary.Left)} {binary.OperatorKind} {Describe(binary.Right)}",
            UnaryOperatorNode unary => $"not {Describe(unary.Operand)}",
            SingleValueFunctionCallNode function => function.Name + "(…)",
            _ => node.Kind.ToString(),
        };
    }
}
