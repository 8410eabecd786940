using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// An execution context as the body Dataverse posts to a webhook: a RemoteExecutionContext written the way
    /// DataContractJsonSerializer writes it. Members in ordinal order (the data contract's default), collections as
    /// <c>[{"key":…,"value":…}]</c>, <c>"__type":"Entity:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts"</c> first on a
    /// typed value in an object slot (not on a member declared with its own type, such as an image or OwningExtension),
    /// Guids and dates untyped, dates as <c>"\/Date(ms)\/"</c>, '/' escaped as <c>\/</c>.
    /// </summary>
    internal static class RemoteExecutionContextJson
    {
        /// <summary>Dataverse leaves the context's parameters, images and parent out of a body larger than this (and says so in a header).</summary>
        public const int MaxBodyBytes = 256 * 1024;

        private const string ContractNamespace = "http://schemas.microsoft.com/xrm/2011/Contracts";

        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>The body, and whether it had to be trimmed to fit <see cref="MaxBodyBytes"/>.</summary>
        public static (string Json, bool Trimmed) Serialize(IPluginExecutionContext context)
        {
            string full = Write(context, trimmed: false);
            if (Encoding.UTF8.GetByteCount(full) <= MaxBodyBytes)
            {
                return (full, false);
            }

            return (Write(context, trimmed: true), true);
        }

        private static string Write(IPluginExecutionContext context, bool trimmed)
        {
            var json = new StringBuilder(4096);
            WriteContext(json, context, trimmed);
            return json.ToString();
        }

        private static void WriteContext(StringBuilder json, IPluginExecutionContext context, bool trimmed)
        {
            var members = new Members(json);
            members.Name("BusinessUnitId").Guid(context.BusinessUnitId);
            members.Name("CorrelationId").Guid(context.CorrelationId);
            members.Name("Depth").Raw(context.Depth.ToString(CultureInfo.InvariantCulture));
            members.Name("InitiatingUserAgent").Null();
            members.Name("InitiatingUserAzureActiveDirectoryObjectId").Guid(Guid.Empty);
            members.Name("InitiatingUserId").Guid(context.InitiatingUserId);
            members.Name("InputParameters");
            Parameters(json, trimmed ? null : context.InputParameters);
            members.Name("IsExecutingOffline").Raw(Bool(context.IsExecutingOffline));
            members.Name("IsInTransaction").Raw(Bool(context.IsInTransaction));
            members.Name("IsOfflinePlayback").Raw(Bool(context.IsOfflinePlayback));
            members.Name("IsolationMode").Raw(context.IsolationMode.ToString(CultureInfo.InvariantCulture));
            members.Name("MessageName").String(context.MessageName);
            members.Name("Mode").Raw(context.Mode.ToString(CultureInfo.InvariantCulture));
            members.Name("OperationCreatedOn").Raw(Date(context.OperationCreatedOn));
            members.Name("OperationId").Guid(context.OperationId);
            members.Name("OrganizationId").Guid(context.OrganizationId);
            members.Name("OrganizationName").String(context.OrganizationName);
            members.Name("OutputParameters");
            Parameters(json, context.OutputParameters);
            members.Name("OwningExtension");
            Reference(json, context.OwningExtension, typed: false);
            members.Name("ParentContext");
            if (trimmed || context.ParentContext is not { } parent)
            {
                json.Append("null");
            }
            else
            {
                WriteContext(json, parent, trimmed: false);
            }

            members.Name("PostEntityImages");
            Images(json, trimmed ? null : context.PostEntityImages);
            members.Name("PreEntityImages");
            Images(json, trimmed ? null : context.PreEntityImages);
            members.Name("PrimaryEntityId").Guid(context.PrimaryEntityId);
            members.Name("PrimaryEntityName").String(context.PrimaryEntityName);
            members.Name("RequestId");
            if (context.RequestId is Guid request)
            {
                members.Guid(request);
            }
            else
            {
                members.Null();
            }

            members.Name("SecondaryEntityName").String(context.SecondaryEntityName);
            members.Name("SharedVariables");
            Parameters(json, context.SharedVariables);
            members.Name("Stage").Raw(context.Stage.ToString(CultureInfo.InvariantCulture));
            members.Name("UserAzureActiveDirectoryObjectId").Guid(Guid.Empty);
            members.Name("UserId").Guid(context.UserId);
            members.End();
        }

        private static void Parameters(StringBuilder json, IEnumerable<KeyValuePair<string, object>>? parameters) =>
            KeyValues(json, parameters ?? Enumerable.Empty<KeyValuePair<string, object>>(), (name, value) => Value(json, value, name));

        private static void Images(StringBuilder json, EntityImageCollection? images) =>
            KeyValues(json, images ?? new EntityImageCollection(), (_, image) => Entity(json, image, typed: false));

        private static void KeyValues<T>(StringBuilder json, IEnumerable<KeyValuePair<string, T>> pairs, Action<string, T> writeValue)
        {
            json.Append('[');
            bool first = true;
            foreach (KeyValuePair<string, T> pair in pairs)
            {
                json.Append(first ? "{" : ",{");
                first = false;
                json.Append("\"key\":");
                Escape(json, pair.Key);
                json.Append(",\"value\":");
                writeValue(pair.Key, pair.Value);
                json.Append('}');
            }

            json.Append(']');
        }

        /// <summary>A value in an object slot (a parameter, an attribute): typed contracts carry __type, primitives do not.</summary>
        private static void Value(StringBuilder json, object? value, string name)
        {
            switch (value)
            {
                case null:
                    json.Append("null");
                    break;
                case string text:
                    Escape(json, text);
                    break;
                case bool flag:
                    json.Append(Bool(flag));
                    break;
                case int or long or short or byte:
                    json.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
                case decimal number:
                    json.Append(number.ToString(CultureInfo.InvariantCulture));
                    break;
                case double number:
                    json.Append(number.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case Guid id:
                    json.Append('"').Append(id.ToString("D")).Append('"');
                    break;
                case DateTime date:
                    json.Append(Date(date));
                    break;
                case Entity entity:
                    Entity(json, entity, typed: true);
                    break;
                case EntityReference reference:
                    Reference(json, reference, typed: true);
                    break;
                case OptionSetValue option:
                    json.Append("{\"__type\":");
                    Escape(json, "OptionSetValue:" + ContractNamespace);
                    json.Append(",\"Value\":").Append(option.Value.ToString(CultureInfo.InvariantCulture)).Append('}');
                    break;
                case Money money:
                    json.Append("{\"__type\":");
                    Escape(json, "Money:" + ContractNamespace);
                    json.Append(",\"Value\":").Append(money.Value.ToString(CultureInfo.InvariantCulture)).Append('}');
                    break;
                case EntityCollection collection:
                    Collection(json, collection);
                    break;
                default:
                    throw new NotSupportedException(
                        $"The webhook body cannot carry '{name}': a {value.GetType().FullName} is not one of the types the simulator serializes.");
            }
        }

        private static void Entity(StringBuilder json, Entity entity, bool typed)
        {
            var members = new Members(json);
            if (typed)
            {
                members.Name("__type").String("Entity:" + ContractNamespace);
            }

            members.Name("Attributes");
            KeyValues(json, entity.Attributes, (name, value) => Value(json, value, name));
            members.Name("EntityState");
            if (entity.EntityState is EntityState state)
            {
                members.Raw(((int)state).ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                members.Null();
            }

            members.Name("FormattedValues");
            KeyValues(json, entity.FormattedValues, (_, text) => Escape(json, text));
            members.Name("Id").Guid(entity.Id);
            members.Name("KeyAttributes");
            KeyValues(json, entity.KeyAttributes, (name, value) => Value(json, value, name));
            members.Name("LogicalName").String(entity.LogicalName);

            // Related entities travel only with a Create or Update that sends them; the SPM steps never do.
            members.Name("RelatedEntities").Raw("[]");
            members.Name("RowVersion").String(entity.RowVersion);
            members.End();
        }

        private static void Reference(StringBuilder json, EntityReference? reference, bool typed)
        {
            if (reference is null)
            {
                json.Append("null");
                return;
            }

            var members = new Members(json);
            if (typed)
            {
                members.Name("__type").String("EntityReference:" + ContractNamespace);
            }

            members.Name("Id").Guid(reference.Id);
            members.Name("KeyAttributes");
            KeyValues(json, reference.KeyAttributes, (name, value) => Value(json, value, name));
            members.Name("LogicalName").String(reference.LogicalName);
            members.Name("Name").String(reference.Name);
            members.Name("RowVersion").String(reference.RowVersion);
            members.End();
        }

        private static void Collection(StringBuilder json, EntityCollection collection)
        {
            var members = new Members(json);
            members.Name("__type").String("EntityCollection:" + ContractNamespace);
            members.Name("Entities");
            json.Append('[');
            for (int i = 0; i < collection.Entities.Count; i++)
            {
                if (i > 0)
                {
                    json.Append(',');
                }

                Entity(json, collection.Entities[i], typed: false);
            }

            json.Append(']');
            members.Name("EntityName").String(collection.EntityName);
            members.Name("MinActiveRowVersion").String(collection.MinActiveRowVersion);
            members.Name("MoreRecords").Raw(Bool(collection.MoreRecords));
            members.Name("PagingCookie").String(collection.PagingCookie);
            members.Name("TotalRecordCount").Raw(collection.TotalRecordCount.ToString(CultureInfo.InvariantCulture));
            members.Name("TotalRecordCountLimitExceeded").Raw(Bool(collection.TotalRecordCountLimitExceeded));
            members.End();
        }

        private static string Bool(bool value) => value ? "true" : "false";

        /// <summary>"\/Date(ms)\/" for a UTC time; a local time also carries its offset, e.g. "\/Date(1506409448000-0700)\/".</summary>
        private static string Date(DateTime date)
        {
            DateTime utc = date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : DateTime.SpecifyKind(date, DateTimeKind.Utc);
            long milliseconds = (long)(utc - Epoch).TotalMilliseconds;
            string offset = string.Empty;
            if (date.Kind == DateTimeKind.Local)
            {
                TimeSpan local = TimeZoneInfo.Local.GetUtcOffset(date);
                offset = (local < TimeSpan.Zero ? "-" : "+") + local.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
            }

            return "\"\\/Date(" + milliseconds.ToString(CultureInfo.InvariantCulture) + offset + ")\\/\"";
        }

        /// <summary>A JSON string as DataContractJsonSerializer escapes it: quote, backslash, '/' and control characters.</summary>
        private static void Escape(StringBuilder json, string? text)
        {
            if (text is null)
            {
                json.Append("null");
                return;
            }

            json.Append('"');
            foreach (char c in text)
            {
                switch (c)
                {
                    case '"':
                        json.Append("\\\"");
                        break;
                    case '\\':
                        json.Append("\\\\");
                        break;
                    case '/':
                        json.Append("\\/");
                        break;
                    case < ' ':
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        break;
                    default:
                        json.Append(c);
                        break;
                }
            }

            json.Append('"');
        }

        /// <summary>Writes one JSON object's members, separating them with commas.</summary>
        private sealed class Members
        {
            private readonly StringBuilder _json;
            private bool _first = true;

            public Members(StringBuilder json)
            {
                _json = json;
                _json.Append('{');
            }

            public Members Name(string name)
            {
                if (!_first)
                {
                    _json.Append(',');
                }

                _first = false;
                Escape(_json, name);
                _json.Append(':');
                return this;
            }

            public void String(string? value) => Escape(_json, value);

            public void Guid(Guid value) => _json.Append('"').Append(value.ToString("D")).Append('"');

            public void Raw(string value) => _json.Append(value);

            public void Null() => _json.Append("null");

            public void End() => _json.Append('}');
        }
    }
}
