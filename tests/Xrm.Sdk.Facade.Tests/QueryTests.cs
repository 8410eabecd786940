using Microsoft.Xrm.Sdk.Query;

namespace Xrm.Sdk.Facade.Tests;

[TestClass]
public sealed class QueryTests
{
    [TestMethod]
    public void ColumnSet_lists_the_given_columns()
    {
        var columns = new ColumnSet("name", "estimatedvalue");
        columns.AddColumn("ownerid");
        columns.AddColumns("statecode", "statuscode");

        Assert.AreSequenceEqual(new[] { "name", "estimatedvalue", "ownerid", "statecode", "statuscode" }, columns.Columns);
        Assert.IsFalse(columns.AllColumns);
    }

    [TestMethod]
    public void ColumnSet_AllColumns_is_set_only_on_request()
    {
        Assert.IsTrue(new ColumnSet(true).AllColumns);
        Assert.IsFalse(new ColumnSet(false).AllColumns);
        Assert.IsFalse(new ColumnSet().AllColumns);
        Assert.IsEmpty(new ColumnSet().Columns);
        Assert.IsEmpty(new ColumnSet(true).Columns);
    }

    [TestMethod]
    public void QueryExpression_defaults_to_no_columns_an_empty_and_filter_and_no_top_count()
    {
        var query = new QueryExpression("opportunity");

        Assert.AreEqual("opportunity", query.EntityName);
        Assert.IsNotNull(query.ColumnSet);
        Assert.IsFalse(query.ColumnSet.AllColumns);
        Assert.IsEmpty(query.ColumnSet.Columns);
        Assert.IsNotNull(query.Criteria);
        Assert.AreEqual(LogicalOperator.And, query.Criteria.FilterOperator);
        Assert.IsEmpty(query.Criteria.Conditions);
        Assert.IsEmpty(query.Criteria.Filters);
        Assert.IsNull(query.TopCount);
        Assert.IsNotNull(query.PageInfo);
        Assert.IsEmpty(query.LinkEntities);
        Assert.IsEmpty(query.Orders);
        Assert.IsFalse(query.Distinct);
        Assert.IsFalse(query.NoLock);
        Assert.IsNull(new QueryExpression().EntityName);
    }

    [TestMethod]
    public void AddLink_joins_from_the_query_entity_and_returns_the_link()
    {
        var query = new QueryExpression("opportunity");

        LinkEntity owner = query.AddLink("systemuser", "ownerid", "systemuserid");
        LinkEntity account = query.AddLink("account", "parentaccountid", "accountid", JoinOperator.LeftOuter);
        LinkEntity manager = owner.AddLink("systemuser", "parentsystemuserid", "systemuserid");

        Assert.AreSame(owner, query.LinkEntities[0]);
        Assert.AreEqual("opportunity", owner.LinkFromEntityName);
        Assert.AreEqual("systemuser", owner.LinkToEntityName);
        Assert.AreEqual("ownerid", owner.LinkFromAttributeName);
        Assert.AreEqual("systemuserid", owner.LinkToAttributeName);
        Assert.AreEqual(JoinOperator.Inner, owner.JoinOperator);
        Assert.AreEqual(JoinOperator.LeftOuter, account.JoinOperator);
        Assert.AreSame(manager, owner.LinkEntities.Single());
        Assert.IsNotNull(owner.Columns);
        Assert.IsNotNull(owner.LinkCriteria);
    }

    [TestMethod]
    public void A_nested_AddLink_takes_the_parent_links_LinkFromEntityName_not_the_entity_the_parent_joins_to()
    {
        var query = new QueryExpression("opportunity");
        LinkEntity owner = query.AddLink("systemuser", "ownerid", "systemuserid");

        LinkEntity manager = owner.AddLink("systemuser", "parentsystemuserid", "systemuserid", JoinOperator.LeftOuter);
        LinkEntity team = new LinkEntity { LinkToEntityName = "team" }.AddLink("teammembership", "teamid", "teamid");

        Assert.AreEqual("opportunity", manager.LinkFromEntityName);
        Assert.AreEqual("systemuser", manager.LinkToEntityName);
        Assert.AreEqual("parentsystemuserid", manager.LinkFromAttributeName);
        Assert.AreEqual(JoinOperator.LeftOuter, manager.JoinOperator);
        Assert.IsNull(team.LinkFromEntityName);
    }

    [TestMethod]
    public void AddOrder_appends_orders()
    {
        var query = new QueryExpression("spm_credit");

        query.AddOrder("spm_creditdate", OrderType.Ascending);
        query.AddOrder("fullname", OrderType.Descending, "owner", "systemuser");

        Assert.HasCount(2, query.Orders);
        Assert.AreEqual("spm_creditdate", query.Orders[0].AttributeName);
        Assert.AreEqual(OrderType.Descending, query.Orders[1].OrderType);
        Assert.AreEqual("owner", query.Orders[1].Alias);
        Assert.AreEqual("systemuser", query.Orders[1].EntityName);
    }

    [TestMethod]
    public void FilterExpression_collects_conditions_and_child_filters()
    {
        var filter = new FilterExpression();

        filter.AddCondition("statecode", ConditionOperator.Equal, 1);
        filter.AddCondition("opportunity", "ownerid", ConditionOperator.In, Guid.Empty, Guid.Empty);
        FilterExpression either = filter.AddFilter(LogicalOperator.Or);
        either.AddCondition(new ConditionExpression("actualvalue", ConditionOperator.GreaterThan, 0m));

        Assert.AreEqual(LogicalOperator.And, filter.FilterOperator);
        Assert.HasCount(2, filter.Conditions);
        Assert.AreEqual("opportunity", filter.Conditions[1].EntityName);
        Assert.HasCount(2, filter.Conditions[1].Values);
        Assert.AreSame(either, filter.Filters.Single());
        Assert.AreEqual(LogicalOperator.Or, either.FilterOperator);
    }

    [TestMethod]
    public void AddCondition_null_adds_a_null_condition_and_AddFilter_null_adds_nothing()
    {
        var filter = new FilterExpression();

        filter.AddCondition(null);
        filter.AddFilter(null);

        Assert.HasCount(1, filter.Conditions);
        Assert.IsNull(filter.Conditions[0]);
        Assert.IsEmpty(filter.Filters);
    }

    [TestMethod]
    public void ConditionExpression_takes_a_single_value_a_params_array_or_a_collection()
    {
        Guid[] ids = [Guid.NewGuid(), Guid.NewGuid()];

        var single = new ConditionExpression("name", ConditionOperator.Equal, "Big deal");
        var several = new ConditionExpression("statuscode", ConditionOperator.In, 1, 2, 3);
        var collection = new ConditionExpression("ownerid", ConditionOperator.In, ids);
        var none = new ConditionExpression("parentaccountid", ConditionOperator.Null);
        var columns = new ConditionExpression("actualvalue", ConditionOperator.GreaterThan, true, "estimatedvalue");

        Assert.AreSequenceEqual(new object[] { "Big deal" }, single.Values);
        Assert.AreSequenceEqual(new object[] { 1, 2, 3 }, several.Values);
        Assert.AreSequenceEqual(ids.Cast<object>(), collection.Values);
        Assert.IsEmpty(none.Values);
        Assert.IsTrue(columns.CompareColumns);
        Assert.AreEqual("estimatedvalue", columns.Values.Single());
        Assert.IsFalse(single.CompareColumns);
        Assert.IsNull(single.EntityName);
    }

    [TestMethod]
    public void FetchExpression_and_PagingInfo_hold_their_values()
    {
        var fetch = new FetchExpression("<fetch><entity name='opportunity'/></fetch>");
        var paging = new PagingInfo { Count = 500, PageNumber = 2, PagingCookie = "c", ReturnTotalRecordCount = true };

        Assert.AreEqual("<fetch><entity name='opportunity'/></fetch>", fetch.Query);
        Assert.AreEqual(500, paging.Count);
        Assert.AreEqual(2, paging.PageNumber);
        Assert.AreEqual("c", paging.PagingCookie);
        Assert.IsTrue(paging.ReturnTotalRecordCount);
    }

    [TestMethod]
    public void ConditionOperator_values_match_the_official_numbers()
    {
        Assert.AreEqual(0, (int)ConditionOperator.Equal);
        Assert.AreEqual(8, (int)ConditionOperator.In);
        Assert.AreEqual(41, (int)ConditionOperator.EqualUserId);
        Assert.AreEqual(89, (int)ConditionOperator.EqualRoleBusinessId);
        Assert.HasCount(90, Enum.GetValues<ConditionOperator>());
    }
}
