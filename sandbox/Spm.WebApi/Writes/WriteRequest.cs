using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;
using Spm.WebApi.Batch;
using Spm.WebApi.Edm;
using Spm.WebApi.Errors;
using Spm.WebApi.Http;
using Spm.WebApi.Identity;
using Spm.WebApi.Json;
using Spm.WebApi.Reads;

namespace Spm.WebApi.Writes
{
    /// <summary>
    /// One write on a table as its organization request: POST &lt;set&gt; → Create; PATCH &lt;set&gt;(&lt;id&gt;) → Update, or
    /// Create when the row does not exist (upsert; If-Match: * only updates, If-None-Match: * only creates, If-Match: W/"v"
    /// updates only that version); DELETE &lt;set&gt;(&lt;id&gt;) → Delete; PUT or DELETE &lt;set&gt;(&lt;id&gt;)/&lt;column&gt; → an
    /// Update of that column. Answers 204 with OData-EntityId, or the row with Prefer: return=representation.
    /// </summary>
    internal static class WriteRequest
    {
        /// <summary>Dataverse's answer to If-None-Match: * on a row that exists.</summary>
        public const string RowExistsMessage = "A record with matching key values already exists.";

        /// <summary>Reads the write (URL, headers, body) into the request it runs; <paramref name="references"/> is its change set's, or null.</summary>
        public static async Task<PreparedOperation> PrepareAsync(HttpContext context, WebApiServices services, ChangeSetReferences? references)
        {
            RowAddress address = RowAddress.Parse(context, services, references);
            string method = context.Request.Method;
            if (address.Column is not null)
            {
                return method switch
                {
                    "PUT" => SetColumn(context, services, address, await ColumnValueAsync(context, services, address).ConfigureAwait(false)),
                    "DELETE" => SetColumn(context, services, address, null),
                    _ => throw MethodNotAllowed(method, "a column", "PUT or DELETE"),
                };
            }

            if (address.Id is not Guid id)
            {
                return method == "POST"
                    ? Create(context, services, address, await ReadRowAsync(context, services, address.Table, references).ConfigureAwait(false), references)
                    : throw MethodNotAllowed(method, "an entity set", "POST (create) or GET");
            }

            return method switch
            {
                "PATCH" => Patch(context, services, address, id, await ReadRowAsync(context, services, address.Table, references).ConfigureAwait(false), references),
                "DELETE" => Delete(context, services, address, id),
                _ => throw MethodNotAllowed(method, "a row", "PATCH (update), DELETE or GET"),
            };
        }

        private static PreparedOperation Create(HttpContext context, WebApiServices services, RowAddress address, Entity row, ChangeSetReferences? references)
        {
            // The id is chosen now, so a change set can refer to the row ($n) before the set runs.
            if (row.Id == Guid.Empty)
            {
                row.Id = Guid.NewGuid();
            }

            var created = new EntityReference(address.Table.LogicalName, row.Id);
            references?.Add(ContentId(context), created);
            return new PreparedOperation(
                new CreateRequest { Target = row },
                (ctx, response) => AnswerAsync(ctx, services, address, new EntityReference(created.LogicalName, ((CreateResponse)response).id), StatusCodes.Status201Created));
        }

        private static PreparedOperation Patch(HttpContext context, WebApiServices services, RowAddress address, Guid id, Entity row, ChangeSetReferences? references)
        {
            row.Id = id;
            var target = new EntityReference(address.Table.LogicalName, id);
            string? ifMatch = context.Request.Headers.IfMatch.FirstOrDefault();
            string? ifNoneMatch = context.Request.Headers.IfNoneMatch.FirstOrDefault();
            bool exists = references?.Creates(target.LogicalName, id) == true || services.Pipeline.Store.Snapshot(target.LogicalName, id, Array.Empty<string>()) is not null;

            if (ifNoneMatch == "*")
            {
                // Create only: an existing row is left as it is.
                if (exists)
                {
                    throw new WebApiException(HttpStatusCode.PreconditionFailed, ErrorCodes.Format(DataverseErrors.DuplicateRecord), RowExistsMessage);
                }

                references?.Add(ContentId(context), target);
                return new PreparedOperation(new CreateRequest { Target = row }, (ctx, _) => AnswerAsync(ctx, services, address, target, StatusCodes.Status201Created));
            }

            var update = new UpdateRequest { Target = row };
            if (ifMatch is not null && ifMatch != "*")
            {
                // Update only this version of the row: the store refuses another with 0x80060882, which is 412.
                row.RowVersion = RowVersionOf(ifMatch);
                update.ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches;
            }

            if (exists || ifMatch is not null)
            {
                // An update of a missing row is the store's 404 (If-Match: * prevents the create of an upsert).
                return new PreparedOperation(update, (ctx, _) => AnswerAsync(ctx, services, address, target, StatusCodes.Status200OK));
            }

            references?.Add(ContentId(context), target);
            return new PreparedOperation(new CreateRequest { Target = row }, (ctx, _) => AnswerAsync(ctx, services, address, target, StatusCodes.Status201Created));
        }

        private static PreparedOperation Delete(HttpContext context, WebApiServices services, RowAddress address, Guid id)
        {
            var target = new EntityReference(address.Table.LogicalName, id);
            var delete = new DeleteRequest { Target = target };
            string? ifMatch = context.Request.Headers.IfMatch.FirstOrDefault();
            if (ifMatch is not null && ifMatch != "*")
            {
                target.RowVersion = RowVersionOf(ifMatch);
                delete.ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches;
            }

            return new PreparedOperation(delete, (ctx, _) => NoContent(ctx));
        }

        private static PreparedOperation SetColumn(HttpContext context, WebApiServices services, RowAddress address, object? value)
        {
            ColumnMetadata column = address.Column!;
            if (column.LogicalName == address.Table.PrimaryIdAttribute)
            {
                throw WebApiException.BadRequest($"{column.LogicalName} is the primary key of {address.Table.LogicalName}: it cannot be changed.");
            }

            var row = new Entity(address.Table.LogicalName, address.Id!.Value) { [column.LogicalName] = value };
            return new PreparedOperation(new UpdateRequest { Target = row }, (ctx, _) => NoContent(ctx));
        }

        /// <summary>PUT &lt;set&gt;(&lt;id&gt;)/&lt;column&gt; takes {"value": …}.</summary>
        private static async Task<object?> ColumnValueAsync(HttpContext context, WebApiServices services, RowAddress address)
        {
            ColumnMetadata column = address.Column!;
            if (DataverseEdmModel.IsLookup(column))
            {
                throw WebApiException.BadRequest(
                    $"{column.LogicalName} is a lookup: set it with PATCH and \"{column.LogicalName}@odata.bind\", not PUT on _{column.LogicalName}_value.");
            }

            using JsonDocument body = await JsonRequestBody.ReadAsync(context).ConfigureAwait(false);
            if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("value", out JsonElement value) || body.RootElement.EnumerateObject().Count() != 1)
            {
                throw WebApiException.BadQuery($"PUT of the column {column.LogicalName} takes a body of the form {{\"value\": <new value>}}.");
            }

            return BodyReader(context, services, null).ReadValue(address.Table, column, value);
        }

        private static async Task<Entity> ReadRowAsync(HttpContext context, WebApiServices services, TableMetadata table, ChangeSetReferences? references)
        {
            using JsonDocument body = await JsonRequestBody.ReadAsync(context).ConfigureAwait(false);
            return BodyReader(context, services, references).Read(table, body.RootElement);
        }

        /// <summary>The body reader for a request: binds resolve against the URL the client used, and "$n" against its change set.</summary>
        public static EntityBodyReader BodyReader(HttpContext context, WebApiServices services, ChangeSetReferences? references)
        {
            Uri serviceRoot = ReadRequest.ServiceRoot(context);
            IOrganizationService service = context.Caller().Service;
            return new EntityBodyReader(services.Metadata, value => RowAddress.ParseBind(value, services, serviceRoot, references, service));
        }

        /// <summary>204 with OData-EntityId, or with Prefer: return=representation the row as it is now ($select applies) with <paramref name="representationStatus"/>.</summary>
        private static async Task AnswerAsync(HttpContext context, WebApiServices services, RowAddress address, EntityReference row, int representationStatus)
        {
            context.Response.Headers["OData-EntityId"] = RowAddress.EntityId(context, services, row);
            PreferHeader prefer = PreferHeader.Of(context.Request);
            if (!prefer.ReturnRepresentation)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            Projection projection = Projection.From(address.Uri.SelectAndExpand, address.Table, services.Model);
            IOrganizationService service = context.Caller().Service;
            Entity stored = service.Retrieve(row.LogicalName, row.Id, projection.Columns);
            ResultRow result = Expander.Expand(new[] { stored }, projection, services.Model, service).Single();
            AnnotationFilter annotations = AnnotationFilter.Parse(prefer.IncludeAnnotations);
            context.Response.Headers["Preference-Applied"] = "return=representation";
            await services.Writer.WriteEntityAsync(context, result, projection.Shape, annotations, address.Uri, representationStatus).ConfigureAwait(false);
        }

        private static Task NoContent(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        /// <summary>The row version inside an ETag: W/"12345" → 12345.</summary>
        private static string RowVersionOf(string etag)
        {
            string value = etag.Trim();
            if (value.StartsWith("W/", StringComparison.Ordinal))
            {
                value = value.Substring(2);
            }

            if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
            {
                throw WebApiException.BadRequest($"If-Match: {etag} is not an ETag: send the row's @odata.etag, e.g. W/\"470867\", or *.");
            }

            return value.Substring(1, value.Length - 2);
        }

        private static string? ContentId(HttpContext context) => context.Request.Headers["Content-ID"].FirstOrDefault();

        private static WebApiException MethodNotAllowed(string method, string what, string allowed) =>
            new WebApiException(HttpStatusCode.MethodNotAllowed, ErrorCodes.ODataParse, $"{method} is not allowed on {what}: use {allowed}.");
    }
}
