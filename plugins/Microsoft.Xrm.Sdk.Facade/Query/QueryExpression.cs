namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>
    /// A query built from objects. A new instance has an empty <see cref="ColumnSet"/> (no columns, not all columns),
    /// an empty And <see cref="Criteria"/>, a default <see cref="PageInfo"/> and no <see cref="TopCount"/>.
    /// </summary>
    public sealed class QueryExpression : QueryBase
    {
        public QueryExpression()
        {
            ColumnSet = new ColumnSet();
            Criteria = new FilterExpression();
            PageInfo = new PagingInfo();
            LinkEntities = new DataCollection<LinkEntity>();
            Orders = new DataCollection<OrderExpression>();
        }

        public QueryExpression(string entityName)
            : this()
        {
            EntityName = entityName;
        }

        public ColumnSet ColumnSet { get; set; }

        public FilterExpression Criteria { get; set; }

        public bool Distinct { get; set; }

        public string EntityName { get; set; }

        public DataCollection<LinkEntity> LinkEntities { get; }

        public bool NoLock { get; set; }

        public DataCollection<OrderExpression> Orders { get; }

        public PagingInfo PageInfo { get; set; }

        public int? TopCount { get; set; }

        /// <summary>Adds and returns an inner join from <see cref="EntityName"/> to <paramref name="linkToEntityName"/>.</summary>
        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName)
        {
            return AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);
        }

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            var link = new LinkEntity(EntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
            LinkEntities.Add(link);
            return link;
        }

        public void AddOrder(string attributeName, OrderType orderType)
        {
            Orders.Add(new OrderExpression(attributeName, orderType));
        }

        public void AddOrder(string attributeName, OrderType orderType, string alias, string entityName)
        {
            Orders.Add(new OrderExpression(attributeName, orderType, alias, entityName));
        }
    }
}
