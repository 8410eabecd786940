using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>The base of the query types accepted by <see cref="IOrganizationService.RetrieveMultiple"/>.</summary>
    public abstract class QueryBase : IExtensibleDataObject
    {
        protected QueryBase()
        {
        }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    /// <summary>A FetchXML query.</summary>
    public sealed class FetchExpression : QueryBase
    {
        public FetchExpression()
        {
        }

        public FetchExpression(string query)
        {
            Query = query;
        }

        public string Query { get; set; }
    }

    /// <summary>Paging of a <see cref="QueryExpression"/>.</summary>
    public sealed class PagingInfo : IExtensibleDataObject
    {
        public PagingInfo()
        {
        }

        /// <summary>The page size.</summary>
        public int Count { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        /// <summary>The page number (1-based).</summary>
        public int PageNumber { get; set; }

        /// <summary>The <see cref="EntityCollection.PagingCookie"/> of the previous page.</summary>
        public string PagingCookie { get; set; }

        public bool ReturnTotalRecordCount { get; set; }
    }
}
