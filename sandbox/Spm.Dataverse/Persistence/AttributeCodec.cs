using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.Xrm.Sdk;

namespace Spm.Dataverse.Persistence
{
    /// <summary>
    /// A row's attributes as JSON that gives back exactly the same values: every value is [type, text, ...], with decimals
    /// and money in invariant text (their scale kept), DateTime with its Kind, lookups with their table and id.
    /// </summary>
    internal static class AttributeCodec
    {
        public static string Encode(Entity row)
        {
            var buffer = new System.IO.MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                foreach (KeyValuePair<string, object> attribute in row.Attributes)
                {
                    if (attribute.Value == null)
                    {
                        continue;
                    }

                    json.WriteStartArray(attribute.Key);
                    WriteValue(json, row, attribute.Key, attribute.Value);
                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        public static void Decode(string text, Entity row)
        {
            using JsonDocument document = JsonDocument.Parse(text);
            foreach (JsonProperty attribute in document.RootElement.EnumerateObject())
            {
                row.Attributes[attribute.Name] = ReadValue(attribute.Value, row, attribute.Name);
            }
        }

        private static void WriteValue(Utf8JsonWriter json, Entity row, string column, object value)
        {
            switch (value)
            {
                case string text:
                    json.WriteStringValue("string");
                    json.WriteStringValue(text);
                    break;
                case int number:
                    json.WriteStringValue("int");
                    json.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                    break;
                case long number:
                    json.WriteStringValue("long");
                    json.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                    break;
                case decimal number:
                    json.WriteStringValue("decimal");
                    json.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                    break;
                case double number:
                    json.WriteStringValue("double");
                    json.WriteStringValue(number.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case bool flag:
                    json.WriteStringValue("bool");
                    json.WriteStringValue(flag ? "true" : "false");
                    break;
                case DateTime date:
                    json.WriteStringValue("datetime");
                    json.WriteStringValue(date.Ticks.ToString(CultureInfo.InvariantCulture));
                    json.WriteStringValue(date.Kind.ToString());
                    break;
                case Guid id:
                    json.WriteStringValue("guid");
                    json.WriteStringValue(id.ToString("D"));
                    break;
                case Money money:
                    json.WriteStringValue("money");
                    json.WriteStringValue(money.Value.ToString(CultureInfo.InvariantCulture));
                    break;
                case OptionSetValue option:
                    json.WriteStringValue("option");
                    json.WriteStringValue(option.Value.ToString(CultureInfo.InvariantCulture));
                    break;
                case EntityReference reference:
                    json.WriteStringValue("lookup");
                    json.WriteStringValue(reference.LogicalName);
                    json.WriteStringValue(reference.Id.ToString("D"));
                    if (reference.Name != null)
                    {
                        json.WriteStringValue(reference.Name);
                    }

                    break;
                default:
                    throw new NotSupportedException(
                        $"Column '{row.LogicalName}.{column}' of row {row.Id:D} holds a {value.GetType().FullName}, which the data file cannot keep.");
            }
        }

        private static object ReadValue(JsonElement value, Entity row, string column)
        {
            string Part(int index) => value.GetArrayLength() > index
                ? value[index].GetString() ?? string.Empty
                : throw new FormatException($"Column '{row.LogicalName}.{column}' of row {row.Id:D} is incomplete in the data file.");

            string text = Part(1);
            return Part(0) switch
            {
                "string" => text,
                "int" => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
                "long" => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
                "decimal" => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture),
                "double" => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
                "bool" => text == "true",
                "datetime" => new DateTime(long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture), Enum.Parse<DateTimeKind>(Part(2))),
                "guid" => Guid.Parse(text),
                "money" => new Money(decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture)),
                "option" => new OptionSetValue(int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)),
                "lookup" => new EntityReference(text, Guid.Parse(Part(2))) { Name = value.GetArrayLength() > 3 ? Part(3) : null },
                string other => throw new FormatException($"Column '{row.LogicalName}.{column}' of row {row.Id:D} has an unknown type '{other}' in the data file."),
            };
        }
    }
}
