using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse;
using Spm.Dataverse.Store;
using Spm.Dataverse.Metadata;
using Spm.WebApi.Batch;
using Spm.WebApi.Edm;
using Spm.WebApi.Errors;
using Spm.WebApi.Reads;

namespace Spm.WebApi.Writes
{
    /// <summary>
    /// What a write's URL addresses, as ODataUriParser reads it over the model: an entity set (POST), a row
    /// (&lt;set&gt;(&lt;id&gt;): PATCH, DELETE) or one column of a row (&lt;set&gt;(&lt;id&gt;)/&lt;column&gt;: PUT, DELETE);
    /// and the URL of a row in an @odata.bind or an OData-EntityId header.
    /// </summary>
    internal sealed class RowAddress
    {
        private RowAddress(ODataUri uri, IEdmEntitySet set, TableMetadata table, Guid? id, ColumnMetadata? column)
        {
            Uri = uri;
            Set = set;
            Table = table;
            Id = id;
            Column = column;
        }

        /// <summary>The parsed URL (its $select shapes a representation).</summary>
        public ODataUri Uri { get; }

        public IEdmEntitySet Set { get; }

        public TableMetadata Table { get; }

        /// <summary>The row's id; null for an entity set.</summary>
        public Guid? Id { get; }

        /// <summary>The column a PUT or DELETE of a single property addresses; null otherwise.</summary>
        public ColumnMetadata? Column { get; }

        /// <summary>Reads the request's URL; a "$n" first segment in a change set stands for the row request n creates.</summary>
        public static RowAddress Parse(HttpContext context, WebApiServices services, ChangeSetReferences? references)
        {
            Uri serviceRoot = ReadRequest.ServiceRoot(context);
            string relative = context.Request.Path.Value!.Substring(WebApiRoutes.ApiPath.Length).TrimStart('/');
            if (ChangeSetReferences.IsReference(relative))
            {
                if (references is null)
                {
                    throw WebApiException.BadRequest($"'{relative}' refers to a request of a change set: Content-ID references are only valid inside a $batch change set.");
                }

                int slash = relative.IndexOf('/', StringComparison.Ordinal);
                EntityReference row = references.Resolve(slash < 0 ? relative : relative.Substring(0, slash));
                relative = RelativeUrl(services, row) + (slash < 0 ? string.Empty : relative.Substring(slash));
            }

            var url = new Uri(serviceRoot, relative + context.Request.QueryString.Value);
            ODataUri uri = ParseUri(services, serviceRoot, url);
            switch (uri.Path.ToList())
            {
                case [EntitySetSegment set]:
                    return new RowAddress(uri, set.EntitySet, services.Model.Table(set.EntitySet), null, null);
                case [EntitySetSegment set, KeySegment key]:
                    return new RowAddress(uri, set.EntitySet, services.Model.Table(set.EntitySet), KeyOf(key), null);
                case [EntitySetSegment set, KeySegment key, PropertySegment property]:
                    TableMetadata table = services.Model.Table(set.EntitySet);
                    ColumnMetadata column = DataverseEdmModel.ColumnOf(table, property.Property.Name)
                        ?? throw WebApiException.BadQuery($"'{property.Property.Name}' is not a column of {table.LogicalName}.");
                    return new RowAddress(uri, set.EntitySet, table, KeyOf(key), column);
                default:
                    throw WebApiException.BadQuery(
                        $"{context.Request.Method} {context.Request.Path} is not supported: write to an entity set (<set>), a row (<set>(<id>)) or a column (<set>(<id>)/<column>).");
            }
        }

        /// <summary>
        /// The row an @odata.bind value names: "/&lt;set&gt;(&lt;id&gt;)", "&lt;set&gt;(&lt;id&gt;)", the absolute URL under the
        /// service root, or in a change set "$n".
        /// </summary>
        public static EntityReference ParseBind(string value, WebApiServices services, Uri serviceRoot, ChangeSetReferences? references, IOrganizationService service)
        {
            if (ChangeSetReferences.IsReference(value))
            {
                return references?.Resolve(value)
                    ?? throw WebApiException.BadRequest($"'{value}' refers to a request of a change set: Content-ID references are only valid inside a $batch change set.");
            }

            string relative = value;
            if (System.Uri.TryCreate(value, UriKind.Absolute, out Uri? absolute) && absolute.Scheme is "http" or "https")
            {
                if (!serviceRoot.IsBaseOf(absolute))
                {
                    throw WebApiException.BadRequest($"'{value}' is not a row of this organization: its URL must start with {serviceRoot}.");
                }

                relative = serviceRoot.MakeRelativeUri(absolute).OriginalString;
            }

            relative = relative.TrimStart('/');
            string apiPrefix = WebApiRoutes.ApiPath.TrimStart('/') + "/";
            if (relative.StartsWith(apiPrefix, StringComparison.OrdinalIgnoreCase))
            {
                relative = relative.Substring(apiPrefix.Length);
            }

            ODataUri uri;
            try
            {
                var parser = new ODataUriParser(services.Model.Model, serviceRoot, new Uri(serviceRoot, relative)) { Resolver = new AlternateKeysODataUriResolver(services.Model.Model) };
                uri = ReadRequest.Parse(parser);
            }
            catch (WebApiException exception)
            {
                throw WebApiException.BadRequest($"'{value}' is not the URL of a row (/<entity set>(<id>)): {exception.Message}");
            }

            if (uri.Path.ToList() is [EntitySetSegment set, KeySegment key])
            {
                TableMetadata table = services.Model.Table(set.EntitySet);
                return key.Keys.Single() is { Key: var name, Value: Guid id } && key.Keys.Count() == 1 && name == table.PrimaryIdAttribute
                    ? new EntityReference(table.LogicalName, id)
                    : ByAlternateKey(value, table, key, service);
            }

            throw WebApiException.BadRequest($"'{value}' is not the URL of a row: use /<entity set>(<id>), e.g. /opportunities(00000000-0000-0000-0000-000000000001).");
        }

        /// <summary>The row an alternate key names (/transactioncurrencies(isocurrencycode='EUR')), looked up as the caller.</summary>
        private static EntityReference ByAlternateKey(string value, TableMetadata table, KeySegment key, IOrganizationService service)
        {
            var keyed = new EntityReference(table.LogicalName, new KeyAttributeCollection());
            foreach (KeyValuePair<string, object> part in key.Keys)
            {
                keyed.KeyAttributes[part.Key] = part.Value;
            }

            try
            {
                var response = (RetrieveResponse)service.Execute(new RetrieveRequest { Target = keyed, ColumnSet = new ColumnSet(false) });
                return new EntityReference(table.LogicalName, response.Entity.Id);
            }
            catch (DataverseFaultException fault) when (fault.ErrorCode == DataverseErrors.ObjectDoesNotExist)
            {
                throw WebApiException.BadRequest($"'{value}' names no row: no {table.LogicalName} has {string.Join(" and ", key.Keys.Select(k => $"{k.Key} {k.Value}"))}.");
            }
        }

        /// <summary>The row's URL relative to the service root: opportunities(&lt;id&gt;).</summary>
        public static string RelativeUrl(WebApiServices services, EntityReference row) =>
            services.Metadata.GetTable(row.LogicalName).EntitySetName + "(" + row.Id.ToString("D") + ")";

        /// <summary>The OData-EntityId of a row: {service root}&lt;set&gt;(&lt;id&gt;).</summary>
        public static string EntityId(HttpContext context, WebApiServices services, EntityReference row) =>
            ReadRequest.ServiceRoot(context) + RelativeUrl(services, row);

        private static ODataUri ParseUri(WebApiServices services, Uri serviceRoot, Uri url) =>
            ReadRequest.Parse(new ODataUriParser(services.Model.Model, serviceRoot, url));

        private static Guid KeyOf(KeySegment key) =>
            key.Keys.Single().Value is Guid id ? id : throw WebApiException.BadQuery("A row is addressed by its id: <set>(<guid>).");
    }
}
