using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A page of records returned by a query, with the paging state needed to fetch the next page.</summary>
    public sealed class EntityCollection : IExtensibleDataObject
    {
        public EntityCollection()
        {
            Entities = new DataCollection<Entity>();
        }

        /// <summary>Creates a collection holding the entities of <paramref name="list"/> (copied, not wrapped).</summary>
        public EntityCollection(IList<Entity> list)
        {
            Entities = new DataCollection<Entity>(list);
        }

        public DataCollection<Entity> Entities { get; set; }

        public string EntityName { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public string MinActiveRowVersion { get; set; }

        /// <summary>True when the query has more records than this page holds.</summary>
        public bool MoreRecords { get; set; }

        /// <summary>The cookie to pass in <see cref="Query.PagingInfo.PagingCookie"/> to fetch the next page.</summary>
        public string PagingCookie { get; set; }

        public int TotalRecordCount { get; set; }

        public bool TotalRecordCountLimitExceeded { get; set; }

        public Entity this[int index]
        {
            get => Entities[index];
            set => Entities[index] = value;
        }
    }
}
