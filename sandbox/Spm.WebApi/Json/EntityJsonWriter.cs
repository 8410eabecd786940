using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Metadata;
using Spm.WebApi.Edm;

namespace Spm.WebApi.Json
{
    /// <summary>
    /// Writes rows (Entity) as OData JSON with ODataMessageWriter, odata.metadata=minimal: @odata.context, @odata.etag
    /// W/"&lt;row version&gt;" on every row, money as a decimal number, dates in ISO 8601 UTC, choices as numbers, lookups
    /// as _x_value with (when asked for) their FormattedValue, navigation property and table, expanded lookups nested.
    /// </summary>
    public sealed class EntityJsonWriter
    {
        private readonly WebApiServices _services;
        private FormattedValues? _formatted;

        internal EntityJsonWriter(WebApiServices services)
        {
            _services = services;
        }

        private DataverseEdmModel Edm => _services.Model;

        private FormattedValues Formatted => _formatted ??= new FormattedValues(_services.Pipeline.Store, _services.Metadata);

        /// <summary>One row (GET by id, a write's representation). <paramref name="uri"/> (from the parser) gives the context URL; by default the table's entity set.</summary>
        public async Task WriteEntityAsync(HttpContext context, ResultRow row, RowShape shape, AnnotationFilter annotations, ODataUri? uri = null, int statusCode = StatusCodes.Status200OK)
        {
            IEdmEntitySet set = Edm.EntitySet(shape.Table.LogicalName);
            BufferedODataResponse message = Message(context, statusCode);
            using (var writer = new ODataMessageWriter((IODataResponseMessageAsync)message, Settings(uri ?? EntityUri(set, row.Entity.Id), shape), Edm.Model))
            {
                ODataWriter resourceWriter = await writer.CreateODataResourceWriterAsync(set, set.EntityType).ConfigureAwait(false);
                await WriteRowAsync(resourceWriter, row, shape, annotations).ConfigureAwait(false);
                await resourceWriter.FlushAsync().ConfigureAwait(false);
            }

            await message.CopyToAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
        }

        /// <summary>A collection: the rows of one page, with @odata.count, @odata.nextLink and collection annotations when given.</summary>
        public async Task WriteCollectionAsync(HttpContext context, IReadOnlyList<ResultRow> rows, RowShape shape, AnnotationFilter annotations, ODataUri? uri, CollectionExtras? extras = null)
        {
            IEdmEntitySet set = Edm.EntitySet(shape.Table.LogicalName);
            BufferedODataResponse message = Message(context, StatusCodes.Status200OK);
            var resourceSet = new ODataResourceSet { Count = extras?.Count, NextPageLink = extras?.NextLink };
            foreach (ODataInstanceAnnotation annotation in extras?.Annotations ?? Enumerable.Empty<ODataInstanceAnnotation>())
            {
                resourceSet.InstanceAnnotations.Add(annotation);
            }

            using (var writer = new ODataMessageWriter((IODataResponseMessageAsync)message, Settings(uri ?? new ODataUri { Path = new ODataPath(new EntitySetSegment(set)) }, shape), Edm.Model))
            {
                ODataWriter setWriter = await writer.CreateODataResourceSetWriterAsync(set, set.EntityType).ConfigureAwait(false);
                await setWriter.WriteStartAsync(resourceSet).ConfigureAwait(false);
                foreach (ResultRow row in rows)
                {
                    await WriteRowAsync(setWriter, row, shape, annotations).ConfigureAwait(false);
                }

                await setWriter.WriteEndAsync().ConfigureAwait(false);
                await setWriter.FlushAsync().ConfigureAwait(false);
            }

            await message.CopyToAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
        }

        /// <summary>
        /// The message to write into. ODataMessageWriter writes only the instance annotations its Preference-Applied
        /// header names, so the response's header (odata.include-annotations) is copied onto it first.
        /// </summary>
        private static BufferedODataResponse Message(HttpContext context, int statusCode)
        {
            var message = new BufferedODataResponse { StatusCode = statusCode };
            string? applied = context.Response.Headers["Preference-Applied"];
            if (!string.IsNullOrEmpty(applied))
            {
                message.SetHeader("Preference-Applied", applied);
            }

            return message;
        }

        private ODataMessageWriterSettings Settings(ODataUri uri, RowShape shape)
        {
            uri.ServiceRoot ??= _services.ApiUrl;
            var settings = new ODataMessageWriterSettings
            {
                ODataUri = uri,
                BaseUri = _services.ApiUrl,
                Version = ODataVersion.V4,
                EnableMessageStreamDisposal = false,
            };
            if (shape.Undeclared)
            {
                // FetchXML rows carry aliased and link-entity columns that are no property of the type, as in Dataverse.
                settings.Validations &= ~ValidationKinds.ThrowOnUndeclaredPropertyForNonOpenType;
            }

            settings.SetContentType("application/json;odata.metadata=minimal", "utf-8");
            return settings;
        }

        private static ODataUri EntityUri(IEdmEntitySet set, Guid id) =>
            new ODataUri { Path = new ODataPath(new EntitySetSegment(set), new KeySegment(new[] { new KeyValuePair<string, object>(set.EntityType.Key().Single().Name, id) }, set.EntityType, set)) };

        private async Task WriteRowAsync(ODataWriter writer, ResultRow row, RowShape shape, AnnotationFilter annotations)
        {
            await writer.WriteStartAsync(Resource(row.Entity, shape, annotations)).ConfigureAwait(false);
            foreach (ExpandShape expand in shape.Expands)
            {
                await writer.WriteStartAsync(new ODataNestedResourceInfo { Name = expand.Navigation.Name, IsCollection = false }).ConfigureAwait(false);
                if (row.Expanded.TryGetValue(expand.Navigation.Name, out ResultRow? related) && related != null)
                {
                    await WriteRowAsync(writer, related, expand.Shape, annotations).ConfigureAwait(false);
                }
                else
                {
                    await writer.WriteStartAsync((ODataResource?)null).ConfigureAwait(false);
                    await writer.WriteEndAsync().ConfigureAwait(false);
                }

                await writer.WriteEndAsync().ConfigureAwait(false);
            }

            await writer.WriteEndAsync().ConfigureAwait(false);
        }

        private ODataResource Resource(Entity entity, RowShape shape, AnnotationFilter annotations)
        {
            TableMetadata table = shape.Table;
            var properties = new List<ODataProperty>();
            if (shape.Undeclared)
            {
                foreach (KeyValuePair<string, object> attribute in entity.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    (TableMetadata owner, ColumnMetadata? column) = ColumnOfAttribute(table, attribute);
                    string name = column != null && DataverseEdmModel.IsLookup(column) && attribute.Value is not AliasedValue
                        ? DataverseEdmModel.LookupValueName(attribute.Key)
                        : attribute.Key.Replace(".", "_x002e_", StringComparison.Ordinal);
                    properties.Add(Property(name, owner, column, attribute.Value, entity, annotations));
                }
            }
            else
            {
                IEnumerable<string> names = shape.Properties ?? Edm.EntityType(table.LogicalName).StructuralProperties().Select(p => p.Name);
                foreach (string name in names)
                {
                    ColumnMetadata column = DataverseEdmModel.ColumnOf(table, name)
                        ?? throw new InvalidOperationException($"'{name}' is not a property of {table.LogicalName}.");
                    object? value = column.LogicalName == table.PrimaryIdAttribute
                        ? entity.Id
                        : entity.Attributes.TryGetValue(column.LogicalName, out object stored) ? stored : null;
                    properties.Add(Property(name, table, column, value, entity, annotations));
                }
            }

            return new ODataResource
            {
                TypeName = DataverseEdmModel.Namespace + "." + table.LogicalName,
                Properties = properties,
                ETag = entity.RowVersion == null ? null : "W/\"" + entity.RowVersion + "\"",
            };
        }

        private (TableMetadata Table, ColumnMetadata? Column) ColumnOfAttribute(TableMetadata table, KeyValuePair<string, object> attribute)
        {
            if (attribute.Value is AliasedValue aliased && aliased.EntityLogicalName != null && _services.Metadata.TryGetTable(aliased.EntityLogicalName, out TableMetadata linked))
            {
                return (linked, aliased.AttributeLogicalName == null ? null : linked.FindColumn(aliased.AttributeLogicalName));
            }

            return (table, table.FindColumn(attribute.Key));
        }

        private ODataProperty Property(string name, TableMetadata table, ColumnMetadata? column, object? value, Entity row, AnnotationFilter annotations)
        {
            object? raw = value is AliasedValue aliased ? aliased.Value : value;
            var property = new ODataProperty { Name = name, Value = ODataValueOf(column, raw) };
            if (raw == null || column == null || !annotations.Any)
            {
                return property;
            }

            if (annotations.Includes(AnnotationFilter.FormattedValue) && Formatted.Of(table, column, raw, row) is string formatted)
            {
                property.InstanceAnnotations.Add(new ODataInstanceAnnotation(AnnotationFilter.FormattedValue, new ODataPrimitiveValue(formatted)));
            }

            if (raw is EntityReference reference && DataverseEdmModel.IsLookup(column))
            {
                if (annotations.Includes(AnnotationFilter.AssociatedNavigationProperty) && Edm.NavigationName(table, column, reference.LogicalName) is string navigation)
                {
                    property.InstanceAnnotations.Add(new ODataInstanceAnnotation(AnnotationFilter.AssociatedNavigationProperty, new ODataPrimitiveValue(navigation)));
                }

                if (annotations.Includes(AnnotationFilter.LookupLogicalName))
                {
                    property.InstanceAnnotations.Add(new ODataInstanceAnnotation(AnnotationFilter.LookupLogicalName, new ODataPrimitiveValue(reference.LogicalName)));
                }
            }

            return property;
        }

        /// <summary>An SDK attribute value as the OData primitive of its column's EDM type.</summary>
        internal static object? ODataValueOf(ColumnMetadata? column, object? value) => value switch
        {
            null => null,
            AliasedValue aliased => ODataValueOf(column, aliased.Value),
            Money money => money.Value,
            OptionSetValue option => option.Value,
            EntityReference reference => reference.Id,
            DateTime date when column?.DateOnly == true => DateOnly.FromDateTime(date),
            DateTime date => new DateTimeOffset(FormattedValues.Utc(date)),
            _ => value,
        };
    }

    /// <summary>What a collection response carries besides its rows.</summary>
    public sealed class CollectionExtras
    {
        /// <summary>@odata.count ($count=true).</summary>
        public long? Count { get; init; }

        /// <summary>@odata.nextLink: the URL of the next page.</summary>
        public Uri? NextLink { get; init; }

        /// <summary>Annotations on the collection (FetchXML's paging cookie and more-records flag).</summary>
        public IReadOnlyList<ODataInstanceAnnotation> Annotations { get; init; } = Array.Empty<ODataInstanceAnnotation>();
    }
}
