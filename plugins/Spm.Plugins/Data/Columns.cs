using System;
using Microsoft.Xrm.Sdk;

namespace Spm.Plugins.Data
{
    /// <summary>Typed reads of Dataverse column values with errors that name the table, row and column.</summary>
    internal static class Columns
    {
        public static decimal Money(Entity row, string column) => row.GetAttributeValue<Money>(column)?.Value ?? 0m;

        public static decimal? OptionalMoney(Entity row, string column) => row.GetAttributeValue<Money>(column)?.Value;

        public static decimal Decimal(Entity row, string column) => row.GetAttributeValue<decimal?>(column) ?? 0m;

        public static decimal? OptionalDecimal(Entity row, string column) => row.GetAttributeValue<decimal?>(column);

        public static int Choice(Entity row, string column, int fallback) => row.GetAttributeValue<OptionSetValue>(column)?.Value ?? fallback;

        public static string Text(Entity row, string column) => row.GetAttributeValue<string>(column) ?? string.Empty;

        /// <summary>Date-only columns arrive as midnight; the domain works in calendar dates.</summary>
        public static DateTime? Date(Entity row, string column)
        {
            var value = row.GetAttributeValue<DateTime?>(column);
            return value.HasValue ? DateTime.SpecifyKind(value.Value.Date, DateTimeKind.Unspecified) : (DateTime?)null;
        }

        public static DateTime RequiredDate(Entity row, string column) =>
            Date(row, column) ?? throw new InvalidPluginExecutionException($"{row.LogicalName} {row.Id} has no {column}; fill it in and save again.");

        public static Guid Lookup(Entity row, string column) => row.GetAttributeValue<EntityReference>(column)?.Id ?? Guid.Empty;

        public static Guid RequiredLookup(Entity row, string column) =>
            row.GetAttributeValue<EntityReference>(column)?.Id ?? throw new InvalidPluginExecutionException($"{row.LogicalName} {row.Id} has no {column}; fill it in and save again.");

        public static string Key(Guid id) => id.ToString("D");
    }
}
