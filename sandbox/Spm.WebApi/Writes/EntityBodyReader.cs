using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Metadata;
using Spm.WebApi.Errors;

namespace Spm.WebApi.Writes
{
    /// <summary>
    /// Reads the JSON of a table row sent to the Web API (a POST or PATCH body, an entity-typed action parameter) into an
    /// <see cref="Entity"/>: each property becomes the column's SDK value (Money, OptionSetValue, DateTime in UTC, Guid...),
    /// each <c>nav@odata.bind</c> an <see cref="EntityReference"/>. A name the table does not have or a value of the wrong
    /// JSON type is refused with 400, naming the column and the value; ranges, lengths and lookup targets are the store's to check.
    /// </summary>
    public sealed class EntityBodyReader
    {
        private const string BindSuffix = "@odata.bind";

        private readonly DataverseMetadata _metadata;
        private readonly Func<string, EntityReference> _resolveBind;

        /// <param name="metadata">The tables (entity set names for the error messages).</param>
        /// <param name="resolveBind">Turns an @odata.bind value ("/opportunities(&lt;id&gt;)", "$1" in a change set) into the row it names, or throws a <see cref="WebApiException"/>.</param>
        public EntityBodyReader(DataverseMetadata metadata, Func<string, EntityReference> resolveBind)
        {
            _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
            _resolveBind = resolveBind ?? throw new ArgumentNullException(nameof(resolveBind));
        }

        /// <summary>The row <paramref name="body"/> describes, for <paramref name="table"/>; a primary key in the body becomes its Id.</summary>
        public Entity Read(TableMetadata table, JsonElement body)
        {
            ArgumentNullException.ThrowIfNull(table);
            if (body.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"The body of a row of {table.LogicalName} must be a JSON object, not {Describe(body)}.");
            }

            var entity = new Entity(table.LogicalName);
            foreach (JsonProperty property in body.EnumerateObject())
            {
                if (property.Name.EndsWith(BindSuffix, StringComparison.Ordinal) && property.Name.Length > BindSuffix.Length)
                {
                    ReadBind(table, entity, property);
                }
                else if (property.Name.Contains('@', StringComparison.Ordinal))
                {
                    // Instance and property annotations (@odata.type, @odata.etag, x@OData.Community.Display.V1.FormattedValue) carry no column value.
                    continue;
                }
                else
                {
                    ReadColumn(table, entity, property);
                }
            }

            return entity;
        }

        private void ReadBind(TableMetadata table, Entity entity, JsonProperty property)
        {
            string navigation = property.Name.Substring(0, property.Name.Length - BindSuffix.Length);
            ColumnMetadata lookup = LookupFor(table, navigation)
                ?? throw Invalid($"'{property.Name}': {table.LogicalName} has no single-valued navigation property '{navigation}' (a lookup column).");
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                entity[lookup.LogicalName] = null;
                return;
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw Invalid($"'{property.Name}' takes the URL of a row, such as \"/{EntitySetHint(lookup)}(<id>)\", not {Describe(property.Value)}.");
            }

            EntityReference target = _resolveBind(property.Value.GetString()!);
            if (!lookup.Targets.Contains(target.LogicalName, StringComparer.Ordinal))
            {
                throw Invalid(
                    $"'{property.Name}': '{property.Value.GetString()}' is a row of {target.LogicalName}; {table.LogicalName}.{lookup.LogicalName} points to {string.Join(" or ", lookup.Targets)}.");
            }

            entity[lookup.LogicalName] = target;
        }

        /// <summary>The lookup a navigation property sets: its logical name (any case, as a lookup's schema name differs only in case), or a polymorphic lookup's name with its target (customerid_account).</summary>
        private static ColumnMetadata? LookupFor(TableMetadata table, string navigation)
        {
            ColumnMetadata? column = table.Columns.FirstOrDefault(c => IsLookup(c) && string.Equals(c.LogicalName, navigation, StringComparison.OrdinalIgnoreCase));
            if (column is not null)
            {
                return column;
            }

            // Only a lookup with several targets has one navigation property per table; a single-target one has only its own name.
            return table.Columns.FirstOrDefault(c => IsLookup(c) && c.Targets.Count > 1
                && c.Targets.Any(t => string.Equals(c.LogicalName + "_" + t, navigation, StringComparison.OrdinalIgnoreCase)));
        }

        private static bool IsLookup(ColumnMetadata column) => column.Type is ColumnType.Lookup or ColumnType.Owner;

        private string EntitySetHint(ColumnMetadata lookup) =>
            lookup.Targets.Count > 0 && _metadata.TryGetTable(lookup.Targets[0], out TableMetadata target) ? target.EntitySetName : "<entity set>";

        private void ReadColumn(TableMetadata table, Entity entity, JsonProperty property)
        {
            ColumnMetadata? column = table.FindColumn(property.Name);
            if (column is null)
            {
                ColumnMetadata? lookup = table.Columns.FirstOrDefault(c => IsLookup(c) && property.Name == "_" + c.LogicalName + "_value");
                throw lookup is not null
                    ? Invalid($"'{property.Name}' is read-only: set the lookup with \"{lookup.LogicalName}@odata.bind\": \"/{EntitySetHint(lookup)}(<id>)\".")
                    : Invalid($"The property '{property.Name}' does not exist on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'. Make sure to only use property names that are defined by the type.");
            }

            object? value = ReadValue(table, column, property.Value);
            if (column.LogicalName == table.PrimaryIdAttribute && value is Guid id)
            {
                entity.Id = id;
            }

            entity[column.LogicalName] = value;
        }

        /// <summary>The SDK value of one column from its JSON (null clears it); a lookup is refused, since it is set with @odata.bind.</summary>
        public object? ReadValue(TableMetadata table, ColumnMetadata column, JsonElement value)
        {
            if (IsLookup(column))
            {
                throw Invalid($"'{column.LogicalName}' is a lookup: set it with \"{column.LogicalName}@odata.bind\": \"/{EntitySetHint(column)}(<id>)\".");
            }

            return value.ValueKind == JsonValueKind.Null ? null : Convert(table, column, value);
        }

        private static object Convert(TableMetadata table, ColumnMetadata column, JsonElement value)
        {
            switch (column.Type)
            {
                case ColumnType.String:
                case ColumnType.Memo:
                    if (value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString()!;
                    }

                    break;
                case ColumnType.Integer:
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number))
                    {
                        return number;
                    }

                    break;
                case ColumnType.Picklist:
                case ColumnType.State:
                case ColumnType.Status:
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int option))
                    {
                        return new OptionSetValue(option);
                    }

                    break;
                case ColumnType.Decimal:
                    if (TryGetDecimal(value, out decimal amount))
                    {
                        return amount;
                    }

                    break;
                case ColumnType.Money:
                    if (TryGetDecimal(value, out decimal money))
                    {
                        return new Money(money);
                    }

                    break;
                case ColumnType.Double:
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double real))
                    {
                        return real;
                    }

                    break;
                case ColumnType.Boolean:
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        return value.GetBoolean();
                    }

                    break;
                case ColumnType.DateTime:
                    if (value.ValueKind == JsonValueKind.String && TryGetDate(column, value.GetString()!, out DateTime date))
                    {
                        return date;
                    }

                    break;
                case ColumnType.Uniqueidentifier:
                    if (value.ValueKind == JsonValueKind.String && Guid.TryParseExact(value.GetString(), "D", out Guid guid))
                    {
                        return guid;
                    }

                    break;
            }

            throw Invalid(
                $"Cannot convert the literal {Describe(value)} for property '{column.LogicalName}' of {table.LogicalName} to the expected type '{EdmTypeName(column)}'.");
        }

        /// <summary>A JSON number, or a numeric string (what clients send with IEEE754Compatible=true).</summary>
        private static bool TryGetDecimal(JsonElement value, out decimal result)
        {
            result = 0m;
            return value.ValueKind switch
            {
                JsonValueKind.Number => value.TryGetDecimal(out result),
                JsonValueKind.String => decimal.TryParse(value.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out result),
                _ => false,
            };
        }

        /// <summary>ISO 8601: a date (a date-only column's form), or a date and time, in UTC when it carries no offset.</summary>
        private static bool TryGetDate(ColumnMetadata column, string text, out DateTime result)
        {
            if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out result))
            {
                return true;
            }

            if (text.Length > 10 && text[10] == 'T'
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset moment))
            {
                result = column.DateOnly ? DateTime.SpecifyKind(moment.UtcDateTime.Date, DateTimeKind.Utc) : moment.UtcDateTime;
                return true;
            }

            return false;
        }

        /// <summary>The Edm type of a column's property in $metadata.</summary>
        public static string EdmTypeName(ColumnMetadata column) => column.Type switch
        {
            ColumnType.String or ColumnType.Memo => "Edm.String",
            ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status => "Edm.Int32",
            ColumnType.Decimal or ColumnType.Money => "Edm.Decimal",
            ColumnType.Double => "Edm.Double",
            ColumnType.Boolean => "Edm.Boolean",
            ColumnType.DateTime => column.DateOnly ? "Edm.Date" : "Edm.DateTimeOffset",
            ColumnType.Uniqueidentifier or ColumnType.Lookup or ColumnType.Owner => "Edm.Guid",
            _ => "Edm.String",
        };

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => "'" + value.GetString() + "'",
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            _ => "'" + value.GetRawText() + "'",
        };

        private static WebApiException Invalid(string message) => WebApiException.BadQuery(message);
    }
}
