using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Metadata;

namespace Spm.Dataverse.Store
{
    /// <summary>Copies, checks and normalizes attribute values the way the platform does on the way in and out.</summary>
    internal static class AttributeValues
    {
        /// <summary>A copy that shares nothing mutable with <paramref name="value"/> (Money, OptionSetValue and EntityReference are mutable).</summary>
        public static object? Clone(object? value)
        {
            return value switch
            {
                null => null,
                Money money => new Money(money.Value),
                OptionSetValue option => new OptionSetValue(option.Value),
                EntityReference reference => new EntityReference(reference.LogicalName, reference.Id) { Name = reference.Name },
                AliasedValue aliased => new AliasedValue(aliased.EntityLogicalName, aliased.AttributeLogicalName, Clone(aliased.Value)),
                _ => value,
            };
        }

        public static Entity CloneEntity(Entity source, IEnumerable<string>? columns = null)
        {
            var copy = new Entity(source.LogicalName, source.Id) { RowVersion = source.RowVersion };
            if (columns == null)
            {
                foreach (KeyValuePair<string, object> attribute in source.Attributes)
                {
                    copy.Attributes[attribute.Key] = Clone(attribute.Value)!;
                }
            }
            else
            {
                foreach (string column in columns)
                {
                    if (source.Attributes.TryGetValue(column, out object value) && value != null)
                    {
                        copy.Attributes[column] = Clone(value)!;
                    }
                }
            }

            return copy;
        }

        /// <summary>The comparable scalar inside an SDK value: Money → decimal, OptionSetValue → int, EntityReference → Guid.</summary>
        public static object? Normalize(object? value)
        {
            return value switch
            {
                Money money => money.Value,
                OptionSetValue option => option.Value,
                EntityReference reference => reference.Id,
                AliasedValue aliased => Normalize(aliased.Value),
                Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
                _ => value,
            };
        }

        /// <summary>
        /// Checks a value written to <paramref name="column"/> of <paramref name="table"/> and returns the value to store
        /// (a private copy; DateTime in UTC, date-only columns truncated to the date). Null stays null.
        /// </summary>
        public static object? Validate(TableMetadata table, ColumnMetadata column, object? value)
        {
            if (value == null)
            {
                return null;
            }

            if (value.GetType() != column.ValueType)
            {
                throw DataverseErrors.Argument(
                    $"Incorrect attribute value type {value.GetType().FullName}. Parameter name: {column.LogicalName}. " +
                    $"Column '{table.LogicalName}.{column.LogicalName}' is {column.Type} and takes a {column.ValueType.FullName}.");
            }

            switch (value)
            {
                case EntityReference reference:
                    if (string.IsNullOrEmpty(reference.LogicalName) || !ContainsOrdinal(column.Targets, reference.LogicalName))
                    {
                        throw DataverseErrors.Argument(
                            $"Lookup '{table.LogicalName}.{column.LogicalName}' cannot point to a '{reference.LogicalName}' record; " +
                            $"valid targets: {string.Join(", ", column.Targets)}.");
                    }

                    if (reference.Id == Guid.Empty)
                    {
                        throw DataverseErrors.Argument($"Lookup '{table.LogicalName}.{column.LogicalName}' has an empty Id.");
                    }

                    return new EntityReference(reference.LogicalName, reference.Id);

                case OptionSetValue option:
                    if (column.Options.Count > 0 && !ContainsValue(column.Options, option.Value))
                    {
                        throw new DataverseFaultException(
                            DataverseErrors.PicklistValueOutOfRange,
                            OutOfRange(table, column, option.Value.ToString(CultureInfo.InvariantCulture)) +
                            $" Accepted Values: {string.Join(",", column.Options)}.");
                    }

                    return new OptionSetValue(option.Value);

                case Money money:
                    CheckRange(table, column, money.Value);
                    return new Money(Round(column, money.Value));

                case int number:
                    CheckRange(table, column, number);
                    return number;

                case decimal number:
                    CheckRange(table, column, number);
                    return Round(column, number);

                case double number:
                    if (double.IsNaN(number) || double.IsInfinity(number) || Math.Abs(number) > (double)decimal.MaxValue)
                    {
                        throw new DataverseFaultException(DataverseErrors.DecimalValueOutOfRange, OutOfRange(table, column, number.ToString(CultureInfo.InvariantCulture)));
                    }

                    CheckRange(table, column, (decimal)number);
                    return column.Precision is int digits ? Math.Round(number, digits, MidpointRounding.AwayFromZero) : number;

                case string text:
                    if (column.MaxLength is int max && text.Length > max)
                    {
                        throw new DataverseFaultException(
                            DataverseErrors.StringLengthTooLong,
                            $"A validation error occurred. The length of the '{column.LogicalName}' attribute of the '{table.LogicalName}' entity exceeded the maximum allowed length of '{max}'.");
                    }

                    return text;

                case DateTime date:
                    return NormalizeDate(column, date);

                default:
                    return value;
            }
        }

        public static DateTime NormalizeDate(ColumnMetadata column, DateTime date)
        {
            if (column.DateOnly)
            {
                return DateTime.SpecifyKind(date.Date, DateTimeKind.Utc);
            }

            return date.Kind switch
            {
                DateTimeKind.Local => date.ToUniversalTime(),
                DateTimeKind.Unspecified => DateTime.SpecifyKind(date, DateTimeKind.Utc),
                _ => date,
            };
        }

        private static void CheckRange(TableMetadata table, ColumnMetadata column, decimal value)
        {
            if ((column.MinValue is decimal min && value < min) || (column.MaxValue is decimal max && value > max))
            {
                throw new DataverseFaultException(
                    column.Type == ColumnType.Integer ? DataverseErrors.IntegerValueOutOfRange : DataverseErrors.DecimalValueOutOfRange,
                    OutOfRange(table, column, value.ToString(CultureInfo.InvariantCulture)) +
                    $" Accepted Values: {column.MinValue?.ToString(CultureInfo.InvariantCulture)} to {column.MaxValue?.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        // The platform stores decimals and currency rounded to the column's precision rather than refusing extra digits.
        private static decimal Round(ColumnMetadata column, decimal value) =>
            column.Precision is int digits ? Math.Round(value, digits, MidpointRounding.AwayFromZero) : value;

        private static string OutOfRange(TableMetadata table, ColumnMetadata column, string value) =>
            $"A validation error occurred. The value {value} of '{column.LogicalName}' on record of type '{table.LogicalName}' is outside the valid range.";

        private static bool ContainsOrdinal(IReadOnlyList<string> list, string value)
        {
            foreach (string item in list)
            {
                if (string.Equals(item, value, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ContainsValue(IReadOnlyCollection<int> options, int value)
        {
            foreach (int option in options)
            {
                if (option == value)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
