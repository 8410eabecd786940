using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.OData;
using Microsoft.OData.UriParser;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.WebApi.Edm;
using Spm.WebApi.Errors;
using Spm.WebApi.Http;
using Spm.WebApi.Identity;
using Spm.WebApi.Json;

namespace Spm.WebApi.Reads
{
    /// <summary>
    /// One GET on an entity set or a row: ODataUriParser reads the URL over the model, the query options become a
    /// QueryExpression (or the fetchXml parameter a FetchExpression) run through the caller's service, and the rows are
    /// written as OData JSON, a page at a time.
    /// </summary>
    internal sealed class ReadRequest
    {
        /// <summary>The page size when the client sets none (Dataverse's 5,000-row maximum page).</summary>
        public const int DefaultPageSize = 5000;

        public const string FetchXmlParameter = "fetchXml";
        public const string FetchPagingCookieAnnotation = "Microsoft.Dynamics.CRM.fetchxmlpagingcookie";
        public const string MoreRecordsAnnotation = "Microsoft.Dynamics.CRM.morerecords";
        public const string TotalRecordCountAnnotation = "Microsoft.Dynamics.CRM.totalrecordcount";

        private readonly HttpContext _context;
        private readonly WebApiServices _services;
        private readonly PreferHeader _prefer;
        private readonly AnnotationFilter _annotations;
        private readonly List<string> _applied = new List<string>();

        public ReadRequest(HttpContext context, WebApiServices services)
        {
            _context = context;
            _services = services;
            _prefer = PreferHeader.Of(context.Request);
            _annotations = AnnotationFilter.Parse(_prefer.IncludeAnnotations);
        }

        private DataverseEdmModel Edm => _services.Model;

        private IOrganizationService Service => _context.Caller().Service;

        public async Task ExecuteAsync()
        {
            Uri serviceRoot = ServiceRoot(_context);
            var parser = new ODataUriParser(Edm.Model, serviceRoot, new Uri(_context.Request.GetEncodedUrl()));
            ODataUri uri = Parse(parser);
            if (_annotations.Any)
            {
                _applied.Add($"odata.include-annotations=\"{_annotations.Preference}\"");
            }

            switch (uri.Path.LastSegment)
            {
                case EntitySetSegment set when uri.Path.Count == 1:
                    await CollectionAsync(uri, Edm.Table(set.EntitySet)).ConfigureAwait(false);
                    break;
                case KeySegment key when uri.Path.Count == 2 && uri.Path.FirstSegment is EntitySetSegment:
                    await RowAsync(uri, Edm.Table((Microsoft.OData.Edm.IEdmEntitySet)key.NavigationSource), (Guid)key.Keys.Single().Value).ConfigureAwait(false);
                    break;
                default:
                    throw WebApiException.BadQuery($"GET {_context.Request.Path} is not supported: read an entity set (GET <set>) or a row (GET <set>(<id>)).");
            }
        }

        /// <summary>The service root as the client addressed it (http://127.0.0.1:5080/api/data/v9.2/), so links resolve for it.</summary>
        public static Uri ServiceRoot(HttpContext context) =>
            new Uri($"{context.Request.Scheme}://{context.Request.Host.Value}{WebApiRoutes.ApiPath}/");

        internal static ODataUri Parse(ODataUriParser parser)
        {
            try
            {
                return parser.ParseUri();
            }
            catch (ODataUnrecognizedPathException exception)
            {
                throw WebApiException.NotFound(exception.Message, exception);
            }
            catch (ODataException exception)
            {
                throw WebApiException.BadQuery(exception.Message, exception);
            }
        }

        private async Task RowAsync(ODataUri uri, TableMetadata table, Guid id)
        {
            RejectCollectionOptions(uri, "a single row");
            Projection projection = Projection.From(uri.SelectAndExpand, table, Edm);
            Entity row = Service.Retrieve(table.LogicalName, id, projection.Columns);
            ResultRow result = Expander.Expand(new[] { row }, projection, Edm, Service).Single();
            SetPreferenceApplied();
            await _services.Writer.WriteEntityAsync(_context, result, projection.Shape, _annotations, uri).ConfigureAwait(false);
        }

        private async Task CollectionAsync(ODataUri uri, TableMetadata table)
        {
            if (uri.Skip.HasValue)
            {
                throw WebApiException.BadQuery("The query parameter $skip is not supported: page with Prefer: odata.maxpagesize and @odata.nextLink.");
            }

            string? fetchXml = _context.Request.Query[FetchXmlParameter].FirstOrDefault();
            if (fetchXml != null)
            {
                await FetchAsync(uri, table, fetchXml).ConfigureAwait(false);
                return;
            }

            Projection projection = Projection.From(uri.SelectAndExpand, table, Edm);
            var query = new QueryExpression(table.LogicalName) { ColumnSet = projection.Columns };
            if (uri.Filter != null)
            {
                query.Criteria = FilterTranslator.Translate(uri.Filter, table);
            }

            for (OrderByClause? order = uri.OrderBy; order != null; order = order.ThenBy)
            {
                query.AddOrder(OrderColumn(order, table), order.Direction == OrderByDirection.Descending ? OrderType.Descending : OrderType.Ascending);
            }

            bool count = uri.QueryCount == true;
            SkipToken? skip = uri.SkipToken == null ? null : SkipToken.Parse(uri.SkipToken);
            int? pageSize = null;
            if (uri.Top.HasValue)
            {
                // $top answers one page of at most that many rows and no next link, as in Dataverse.
                query.TopCount = checked((int)uri.Top.Value);
                query.PageInfo = new PagingInfo { ReturnTotalRecordCount = count };
            }
            else
            {
                pageSize = PageSize();
                query.PageInfo = new PagingInfo
                {
                    Count = pageSize.Value,
                    PageNumber = skip?.PageNumber ?? 1,
                    PagingCookie = skip?.PagingCookie,
                    ReturnTotalRecordCount = count,
                };
            }

            EntityCollection result = Service.RetrieveMultiple(query);
            IReadOnlyList<ResultRow> rows = Expander.Expand(result.Entities.ToList(), projection, Edm, Service);
            Uri? next = pageSize.HasValue && result.MoreRecords
                ? NextLink(new SkipToken(query.PageInfo.PageNumber + 1, result.PagingCookie))
                : null;
            SetPreferenceApplied();
            var extras = new CollectionExtras { Count = count ? result.TotalRecordCount : null, NextLink = next };
            await _services.Writer.WriteCollectionAsync(_context, rows, projection.Shape, _annotations, uri, extras).ConfigureAwait(false);
        }

        /// <summary>?fetchXml=: the FetchXML query of the entity set's table, rows written with the columns it names (aliases included).</summary>
        private async Task FetchAsync(ODataUri uri, TableMetadata table, string fetchXml)
        {
            if (uri.Filter != null || uri.OrderBy != null || uri.Top.HasValue || uri.SelectAndExpand != null || uri.QueryCount.HasValue || uri.SkipToken != null)
            {
                throw WebApiException.BadQuery("The fetchXml parameter cannot be combined with other query options: put columns, filters, order and paging in the FetchXML.");
            }

            string entity = FetchEntityName(fetchXml);
            if (!string.Equals(entity, table.LogicalName, StringComparison.Ordinal))
            {
                throw WebApiException.BadQuery($"The FetchXML queries '{entity}', but the request is on the entity set '{table.EntitySetName}' ({table.LogicalName}).");
            }

            EntityCollection result = Service.RetrieveMultiple(new FetchExpression(fetchXml));
            var annotations = new List<ODataInstanceAnnotation>();
            if (result.TotalRecordCount >= 0 && _annotations.Includes(TotalRecordCountAnnotation))
            {
                annotations.Add(new ODataInstanceAnnotation(TotalRecordCountAnnotation, new ODataPrimitiveValue(result.TotalRecordCount)));
            }

            if (result.MoreRecords)
            {
                if (_annotations.Includes(FetchPagingCookieAnnotation) && result.PagingCookie != null)
                {
                    int page = (int?)XElement.Parse(fetchXml).Attribute("page") ?? 1;
                    annotations.Add(new ODataInstanceAnnotation(FetchPagingCookieAnnotation, new ODataPrimitiveValue(new SkipToken(page + 1, result.PagingCookie).ToString())));
                }

                if (_annotations.Includes(MoreRecordsAnnotation))
                {
                    annotations.Add(new ODataInstanceAnnotation(MoreRecordsAnnotation, new ODataPrimitiveValue(true)));
                }
            }

            SetPreferenceApplied();
            IReadOnlyList<ResultRow> rows = result.Entities.Select(e => new ResultRow(e)).ToList();
            await _services.Writer.WriteCollectionAsync(_context, rows, new RowShape(table, null, undeclared: true), _annotations, uri, new CollectionExtras { Annotations = annotations }).ConfigureAwait(false);
        }

        private static string FetchEntityName(string fetchXml)
        {
            try
            {
                return (string?)XElement.Parse(fetchXml).Element("entity")?.Attribute("name")
                    ?? throw WebApiException.BadQuery("The FetchXML has no <entity name=\"…\"> element.");
            }
            catch (XmlException exception)
            {
                throw new WebApiException(HttpStatusCode.BadRequest, ErrorCodes.Format(Spm.Dataverse.Store.DataverseErrors.InvalidXml), "The fetchXml parameter is not well-formed XML: " + exception.Message, exception);
            }
        }

        private int PageSize()
        {
            if (!_prefer.Has("odata.maxpagesize"))
            {
                return DefaultPageSize;
            }

            int size = _prefer.MaxPageSize is int requested && requested > 0
                ? Math.Min(requested, DefaultPageSize)
                : throw WebApiException.BadRequest($"Prefer: odata.maxpagesize={_prefer.Value("odata.maxpagesize")} is not a positive number of rows.");
            _applied.Add("odata.maxpagesize=" + size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return size;
        }

        private static string OrderColumn(OrderByClause order, TableMetadata table)
        {
            SingleValueNode node = order.Expression is ConvertNode convert ? convert.Source : order.Expression;
            if (node is not SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode } property)
            {
                throw WebApiException.BadQuery("$orderby takes columns of the row (a lookup as _x_value), each followed by asc or desc.");
            }

            return (DataverseEdmModel.ColumnOf(table, property.Property.Name)
                ?? throw WebApiException.UnknownProperty(table, property.Property.Name)).LogicalName;
        }

        private static void RejectCollectionOptions(ODataUri uri, string what)
        {
            if (uri.Filter != null || uri.OrderBy != null || uri.Top.HasValue || uri.Skip.HasValue || uri.QueryCount.HasValue || uri.SkipToken != null)
            {
                throw WebApiException.BadQuery($"$filter, $orderby, $top, $skip, $count and $skiptoken apply to collections, not to {what}.");
            }
        }

        /// <summary>This request's URL with the next page's $skiptoken in place of this one's.</summary>
        private Uri NextLink(SkipToken token)
        {
            HttpRequest request = _context.Request;
            IEnumerable<string> query = request.Query
                .Where(q => !string.Equals(q.Key, "$skiptoken", StringComparison.OrdinalIgnoreCase))
                .SelectMany(q => q.Value.Select(v => Uri.EscapeDataString(q.Key).Replace("%24", "$", StringComparison.Ordinal) + "=" + Uri.EscapeDataString(v ?? string.Empty)))
                .Append("$skiptoken=" + Uri.EscapeDataString(token.ToString()));
            return new Uri($"{request.Scheme}://{request.Host.Value}{request.PathBase}{request.Path}?{string.Join("&", query)}");
        }

        private void SetPreferenceApplied()
        {
            if (_applied.Count > 0)
            {
                _context.Response.Headers["Preference-Applied"] = string.Join(",", _applied);
            }
        }
    }
}
