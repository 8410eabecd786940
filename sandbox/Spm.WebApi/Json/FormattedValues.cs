using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;

namespace Spm.WebApi.Json
{
    /// <summary>
    /// The OData.Community.Display.V1.FormattedValue of a column value, as Dataverse formats it for a user with the
    /// English (United States) format and UTC time zone: choice labels, Yes/No, numbers with group separators, money
    /// with the row's currency symbol and precision, dates as M/d/yyyy h:mm tt, a lookup's row name.
    /// </summary>
    public sealed class FormattedValues
    {
        /// <summary>The organization's pricing decimal precision (a new organization's default).</summary>
        public const int PricingDecimalPrecision = 2;

        private static readonly CultureInfo Format = CultureInfo.GetCultureInfo("en-US");
        private readonly IDataverseStore _store;
        private readonly DataverseMetadata _metadata;

        public FormattedValues(IDataverseStore store, DataverseMetadata metadata)
        {
            _store = store;
            _metadata = metadata;
        }

        /// <summary>The formatted value, or null for a column Dataverse gives none (text, ids).</summary>
        public string? Of(TableMetadata table, ColumnMetadata column, object? value, Entity row)
        {
            return value switch
            {
                null => null,
                AliasedValue aliased => Of(table, column, aliased.Value, row),
                OptionSetValue option => OptionLabel(table, column, option.Value),
                bool flag => flag ? "Yes" : "No",
                Money money => MoneyText(table, column, money.Value, row),
                decimal number when column.Type == ColumnType.Money => MoneyText(table, column, number, row),
                int number when column.Type is ColumnType.Picklist or ColumnType.State or ColumnType.Status => OptionLabel(table, column, number),
                int number => number.ToString("N0", Format),
                decimal number => number.ToString("N" + (column.Precision ?? 2).ToString(CultureInfo.InvariantCulture), Format),
                double number => number.ToString("N" + (column.Precision ?? 2).ToString(CultureInfo.InvariantCulture), Format),
                DateTime date => column.DateOnly ? date.ToString("M/d/yyyy", Format) : Utc(date).ToString("M/d/yyyy h:mm tt", Format),
                EntityReference reference => reference.Name ?? RowName(reference),
                _ => null,
            };
        }

        /// <summary>The label of a choice value (the state's name for statecode); a value without one is written as its number.</summary>
        public static string OptionLabel(TableMetadata table, ColumnMetadata column, int value)
        {
            if (column.OptionLabels.TryGetValue(value, out string? label))
            {
                return label;
            }

            if (column.Type == ColumnType.State && table.FindState(value) is StateDefinition state)
            {
                return state.Name;
            }

            return value.ToString(CultureInfo.InvariantCulture);
        }

        private string? RowName(EntityReference reference)
        {
            if (!_metadata.TryGetTable(reference.LogicalName, out TableMetadata target) || target.PrimaryNameAttribute == null)
            {
                return null;
            }

            return _store.Snapshot(target.LogicalName, reference.Id, new[] { target.PrimaryNameAttribute })?.GetAttributeValue<string>(target.PrimaryNameAttribute);
        }

        private string MoneyText(TableMetadata table, ColumnMetadata column, decimal amount, Entity row)
        {
            (string symbol, int currencyPrecision) = Currency(table, column, row);
            int precision = column.PrecisionSource switch
            {
                MoneyPrecisionSource.Precision => column.Precision ?? currencyPrecision,
                MoneyPrecisionSource.PricingDecimalPrecision => PricingDecimalPrecision,
                _ => currencyPrecision,
            };
            string digits = Math.Abs(amount).ToString("N" + precision.ToString(CultureInfo.InvariantCulture), Format);
            return (amount < 0 ? "-" : string.Empty) + symbol + digits;
        }

        /// <summary>A *_base amount is in the organization's base currency; any other in the row's transaction currency.</summary>
        private (string Symbol, int Precision) Currency(TableMetadata table, ColumnMetadata column, Entity row)
        {
            Guid? currency = null;
            if (column.LogicalName.EndsWith("_base", StringComparison.Ordinal))
            {
                currency = (_store as InMemoryOrganization)?.BaseCurrencyId;
            }

            currency ??= row.GetAttributeValue<EntityReference>("transactioncurrencyid")?.Id
                ?? _store.Snapshot(table.LogicalName, row.Id, new[] { "transactioncurrencyid" })?.GetAttributeValue<EntityReference>("transactioncurrencyid")?.Id
                ?? (_store as InMemoryOrganization)?.BaseCurrencyId;
            Entity? currencyRow = currency.HasValue ? _store.Snapshot("transactioncurrency", currency.Value, new[] { "currencysymbol", "currencyprecision" }) : null;
            return (currencyRow?.GetAttributeValue<string>("currencysymbol") ?? string.Empty, currencyRow?.GetAttributeValue<int?>("currencyprecision") ?? 2);
        }

        internal static DateTime Utc(DateTime value) => value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
    }
}
