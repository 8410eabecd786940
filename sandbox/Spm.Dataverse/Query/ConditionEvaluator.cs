using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Query
{
    /// <summary>Evaluates one condition on one row, with SQL semantics (a null value matches only Null / NotNull).</summary>
    internal static class ConditionEvaluator
    {
        public static bool Evaluate(ConditionExpression condition, TableMetadata table, Microsoft.Xrm.Sdk.Entity? row, DateTime now, Guid callerId)
        {
            ColumnMetadata column = table.FindColumn(condition.AttributeName) ?? throw DataverseErrors.UnknownAttribute(table.LogicalName, condition.AttributeName);
            object? actual = row != null && row.Attributes.TryGetValue(column.LogicalName, out object value) ? AttributeValuesNormalize(value) : null;
            List<object?> raw = Flatten(condition.Values);

            if (condition.CompareColumns)
            {
                if (raw.Count != 1 || raw[0] is not string otherName)
                {
                    throw DataverseErrors.Argument($"A column comparison on '{table.LogicalName}.{column.LogicalName}' needs exactly one other column name.");
                }

                ColumnMetadata other = table.FindColumn(otherName) ?? throw DataverseErrors.UnknownAttribute(table.LogicalName, otherName);
                object? otherValue = row != null && row.Attributes.TryGetValue(other.LogicalName, out object o) ? AttributeValuesNormalize(o) : null;
                raw = new List<object?> { otherValue };
                if (otherValue == null)
                {
                    return false;
                }
            }

            switch (condition.Operator)
            {
                case ConditionOperator.Null:
                    return actual == null;
                case ConditionOperator.NotNull:
                    return actual != null;
                case ConditionOperator.EqualUserId:
                    return actual is Guid user && user == callerId;
                case ConditionOperator.NotEqualUserId:
                    return actual is Guid other2 && other2 != callerId;
            }

            if (IsRelativeDate(condition.Operator))
            {
                return actual is DateTime date && InRelativeRange(condition, raw, date, now);
            }

            List<object> values = raw.Select(v => ConvertValue(table, column, v)).ToList();
            if (actual == null)
            {
                return false;
            }

            switch (condition.Operator)
            {
                case ConditionOperator.Equal:
                    return Compare(actual, Single(condition, table, values)) == 0;
                case ConditionOperator.NotEqual:
                    return Compare(actual, Single(condition, table, values)) != 0;
                case ConditionOperator.GreaterThan:
                    return Compare(actual, Single(condition, table, values)) > 0;
                case ConditionOperator.GreaterEqual:
                    return Compare(actual, Single(condition, table, values)) >= 0;
                case ConditionOperator.LessThan:
                    return Compare(actual, Single(condition, table, values)) < 0;
                case ConditionOperator.LessEqual:
                    return Compare(actual, Single(condition, table, values)) <= 0;
                case ConditionOperator.In:
                    return values.Any(v => Compare(actual, v) == 0);
                case ConditionOperator.NotIn:
                    return !values.Any(v => Compare(actual, v) == 0);
                case ConditionOperator.Between:
                    Pair(condition, table, values);
                    return Compare(actual, values[0]) >= 0 && Compare(actual, values[1]) <= 0;
                case ConditionOperator.NotBetween:
                    Pair(condition, table, values);
                    return Compare(actual, values[0]) < 0 || Compare(actual, values[1]) > 0;
                case ConditionOperator.Like:
                    return Like(actual, Single(condition, table, values));
                case ConditionOperator.NotLike:
                    return !Like(actual, Single(condition, table, values));
                case ConditionOperator.BeginsWith:
                    return Text(actual).StartsWith(Text(Single(condition, table, values)), StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.DoesNotBeginWith:
                    return !Text(actual).StartsWith(Text(Single(condition, table, values)), StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.EndsWith:
                    return Text(actual).EndsWith(Text(Single(condition, table, values)), StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.DoesNotEndWith:
                    return !Text(actual).EndsWith(Text(Single(condition, table, values)), StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.Contains:
                    return Text(actual).Contains(Text(Single(condition, table, values)), StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.DoesNotContain:
                    return !Text(actual).Contains(Text(Single(condition, table, values)), StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.On:
                    return Day(actual) == Day(Single(condition, table, values));
                case ConditionOperator.NotOn:
                    return Day(actual) != Day(Single(condition, table, values));
                case ConditionOperator.OnOrAfter:
                    return Day(actual) >= Day(Single(condition, table, values));
                case ConditionOperator.OnOrBefore:
                    return Day(actual) <= Day(Single(condition, table, values));
                default:
                    throw new DataverseFaultException(
                        DataverseErrors.QueryBuilderInvalidConditionOperator,
                        $"The condition operator '{condition.Operator}' on '{table.LogicalName}.{column.LogicalName}' is not supported by the in-memory organization.");
            }
        }

        /// <summary>Orders two normalized values: numbers numerically, strings case-insensitively, nulls first.</summary>
        public static int Compare(object? left, object? right)
        {
            if (left == null || right == null)
            {
                return left == null ? (right == null ? 0 : -1) : 1;
            }

            if (IsNumber(left) && IsNumber(right))
            {
                return ToDecimal(left).CompareTo(ToDecimal(right));
            }

            if (left is string a && right is string b)
            {
                return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
            }

            if (left.GetType() == right.GetType() && left is IComparable comparable)
            {
                return comparable.CompareTo(right);
            }

            throw DataverseErrors.Argument($"Cannot compare a {left.GetType().Name} value with a {right.GetType().Name} value.");
        }

        public static object? AttributeValuesNormalize(object? value)
        {
            return value switch
            {
                Microsoft.Xrm.Sdk.Money money => money.Value,
                Microsoft.Xrm.Sdk.OptionSetValue option => option.Value,
                Microsoft.Xrm.Sdk.EntityReference reference => reference.Id,
                Microsoft.Xrm.Sdk.AliasedValue aliased => AttributeValuesNormalize(aliased.Value),
                Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
                _ => value,
            };
        }

        /// <summary>A condition value as the column's scalar: strings (FetchXML) are parsed with the invariant culture.</summary>
        public static object ConvertValue(TableMetadata table, ColumnMetadata column, object? value)
        {
            object? normalized = AttributeValuesNormalize(value);
            if (normalized == null)
            {
                throw DataverseErrors.Argument($"A condition on '{table.LogicalName}.{column.LogicalName}' has a null value; use Null or NotNull.");
            }

            if (normalized is not string text || column.Type is ColumnType.String or ColumnType.Memo)
            {
                return normalized is DateTime date ? AttributeValues.NormalizeDate(column, date) : normalized;
            }

            bool ok;
            object parsed;
            switch (column.Type)
            {
                case ColumnType.Lookup:
                case ColumnType.Owner:
                case ColumnType.Uniqueidentifier:
                    ok = Guid.TryParse(text, out Guid guid);
                    parsed = guid;
                    break;
                case ColumnType.Integer:
                case ColumnType.Picklist:
                case ColumnType.State:
                case ColumnType.Status:
                    ok = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int integer);
                    parsed = integer;
                    break;
                case ColumnType.Decimal:
                case ColumnType.Money:
                    ok = decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal number);
                    parsed = number;
                    break;
                case ColumnType.Double:
                    ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real);
                    parsed = real;
                    break;
                case ColumnType.Boolean:
                    ok = text == "1" || text == "0" || bool.TryParse(text, out _);
                    parsed = text == "1" || (text != "0" && ok && bool.Parse(text));
                    break;
                case ColumnType.DateTime:
                    ok = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime date);
                    parsed = AttributeValues.NormalizeDate(column, date);
                    break;
                default:
                    ok = true;
                    parsed = text;
                    break;
            }

            if (!ok)
            {
                throw DataverseErrors.Argument($"The value '{text}' is not valid for '{table.LogicalName}.{column.LogicalName}', which is {column.Type}.");
            }

            return parsed;
        }

        private static List<object?> Flatten(IEnumerable values)
        {
            var result = new List<object?>();
            foreach (object? value in values)
            {
                if (value is IEnumerable nested and not string)
                {
                    result.AddRange(Flatten(nested));
                }
                else
                {
                    result.Add(value);
                }
            }

            return result;
        }

        private static object Single(ConditionExpression condition, TableMetadata table, List<object> values)
        {
            if (values.Count != 1)
            {
                throw DataverseErrors.Argument(
                    $"The condition {condition.Operator} on '{table.LogicalName}.{condition.AttributeName}' takes exactly one value, not {values.Count}.");
            }

            return values[0];
        }

        private static void Pair(ConditionExpression condition, TableMetadata table, List<object> values)
        {
            if (values.Count != 2)
            {
                throw DataverseErrors.Argument(
                    $"The condition {condition.Operator} on '{table.LogicalName}.{condition.AttributeName}' takes exactly two values, not {values.Count}.");
            }
        }

        private static bool IsNumber(object value) => value is int or long or decimal or double or float or short;

        private static decimal ToDecimal(object value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);

        private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

        private static DateTime Day(object value)
        {
            if (value is DateTime date)
            {
                return date.Date;
            }

            throw DataverseErrors.Argument($"A date condition needs a date value, not {value.GetType().Name}.");
        }

        private static bool Like(object actual, object pattern)
        {
            var regex = new StringBuilder("^");
            foreach (char c in Text(pattern))
            {
                regex.Append(c switch
                {
                    '%' => ".*",
                    '_' => ".",
                    _ => Regex.Escape(c.ToString()),
                });
            }

            regex.Append('$');
            return Regex.IsMatch(Text(actual), regex.ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
        }

        private static bool IsRelativeDate(ConditionOperator op) => op is ConditionOperator.Today or ConditionOperator.Yesterday or ConditionOperator.Tomorrow
            or ConditionOperator.ThisMonth or ConditionOperator.LastMonth or ConditionOperator.NextMonth
            or ConditionOperator.ThisYear or ConditionOperator.LastYear or ConditionOperator.NextYear
            or ConditionOperator.Last7Days or ConditionOperator.Next7Days
            or ConditionOperator.LastXDays or ConditionOperator.NextXDays or ConditionOperator.LastXMonths or ConditionOperator.NextXMonths
            or ConditionOperator.OlderThanXDays or ConditionOperator.OlderThanXMonths;

        private static bool InRelativeRange(ConditionExpression condition, List<object?> values, DateTime value, DateTime now)
        {
            DateTime today = now.Date;
            var month = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            var year = new DateTime(today.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            int x = 0;
            if (condition.Operator is ConditionOperator.LastXDays or ConditionOperator.NextXDays or ConditionOperator.LastXMonths
                or ConditionOperator.NextXMonths or ConditionOperator.OlderThanXDays or ConditionOperator.OlderThanXMonths)
            {
                if (values.Count != 1 || !int.TryParse(Convert.ToString(values[0], CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out x))
                {
                    throw DataverseErrors.Argument($"The condition {condition.Operator} on '{condition.AttributeName}' takes one whole number.");
                }
            }

            (DateTime from, DateTime to) = condition.Operator switch
            {
                ConditionOperator.Today => (today, today.AddDays(1)),
                ConditionOperator.Yesterday => (today.AddDays(-1), today),
                ConditionOperator.Tomorrow => (today.AddDays(1), today.AddDays(2)),
                ConditionOperator.ThisMonth => (month, month.AddMonths(1)),
                ConditionOperator.LastMonth => (month.AddMonths(-1), month),
                ConditionOperator.NextMonth => (month.AddMonths(1), month.AddMonths(2)),
                ConditionOperator.ThisYear => (year, year.AddYears(1)),
                ConditionOperator.LastYear => (year.AddYears(-1), year),
                ConditionOperator.NextYear => (year.AddYears(1), year.AddYears(2)),
                ConditionOperator.Last7Days => (now.AddDays(-7), now),
                ConditionOperator.Next7Days => (now, now.AddDays(7)),
                ConditionOperator.LastXDays => (today.AddDays(-x), now),
                ConditionOperator.NextXDays => (now, today.AddDays(x + 1)),
                ConditionOperator.LastXMonths => (today.AddMonths(-x), now),
                ConditionOperator.NextXMonths => (now, today.AddMonths(x).AddDays(1)),
                ConditionOperator.OlderThanXDays => (DateTime.MinValue, now.AddDays(-x)),
                _ => (DateTime.MinValue, now.AddMonths(-x)),
            };

            return value >= from && value < to;
        }
    }
}
