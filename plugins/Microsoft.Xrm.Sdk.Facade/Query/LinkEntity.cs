using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>A join from one entity of a query to another.</summary>
    public sealed class LinkEntity : IExtensibleDataObject
    {
        public LinkEntity()
        {
            Columns = new ColumnSet();
            LinkCriteria = new FilterExpression();
            LinkEntities = new DataCollection<LinkEntity>();
            Orders = new DataCollection<OrderExpression>();
        }

        public LinkEntity(string linkFromEntityName, string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
            : this()
        {
            LinkFromEntityName = linkFromEntityName;
            LinkToEntityName = linkToEntityName;
            LinkFromAttributeName = linkFromAttributeName;
            LinkToAttributeName = linkToAttributeName;
            JoinOperator = joinOperator;
        }

        public ColumnSet Columns { get; set; }

        public string EntityAlias { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public JoinOperator JoinOperator { get; set; }

        public FilterExpression LinkCriteria { get; set; }

        public DataCollection<LinkEntity> LinkEntities { get; }

        public string LinkFromAttributeName { get; set; }

        public string LinkFromEntityName { get; set; }

        public string LinkToAttributeName { get; set; }

        public string LinkToEntityName { get; set; }

        public DataCollection<OrderExpression> Orders { get; }

        /// <summary>Adds and returns an inner join from this linked entity to <paramref name="linkToEntityName"/>.</summary>
        /// <remarks>
        /// As in the official SDK, the new link's <see cref="LinkFromEntityName"/> is this link's LinkFromEntityName (the entity
        /// this link joins from), not this link's <see cref="LinkToEntityName"/>: read a nested link's parent from the nesting.
        /// </remarks>
        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName)
        {
            return AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);
        }

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            var link = new LinkEntity(LinkFromEntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
            LinkEntities.Add(link);
            return link;
        }
    }

    /// <summary>A sort order of a query or linked entity.</summary>
    public sealed class OrderExpression : IExtensibleDataObject
    {
        public OrderExpression()
        {
        }

        public OrderExpression(string attributeName, OrderType orderType)
        {
            AttributeName = attributeName;
            OrderType = orderType;
        }

        public OrderExpression(string attributeName, OrderType orderType, string alias)
            : this(attributeName, orderType)
        {
            Alias = alias;
        }

        public OrderExpression(string attributeName, OrderType orderType, string alias, string entityName)
            : this(attributeName, orderType, alias)
        {
            EntityName = entityName;
        }

        public string Alias { get; set; }

        public string AttributeName { get; set; }

        public string EntityName { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public OrderType OrderType { get; set; }
    }
}
