using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Query;

[TestClass]
public sealed class QueryExpressionTests
{
    private static string[] Names(IOrganizationService service, params ConditionExpression[] conditions)
    {
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name") };
        foreach (ConditionExpression condition in conditions)
        {
            query.Criteria.AddCondition(condition);
        }

        query.AddOrder("name", OrderType.Ascending);
        return service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("name")).ToArray();
    }

    private static string Joined(string[] names) => string.Join(" | ", names);

    [TestMethod]
    public void Comparison_operators_filter_numbers_money_and_choices()
    {
        var org = Pipeline.Build();
        IOrganizationService s = org.Service;

        Assert.AreEqual("Contoso Fleet Expansion", Joined(Names(s, new ConditionExpression("closeprobability", ConditionOperator.Equal, 40))));
        Assert.HasCount(4, Names(s, new ConditionExpression("closeprobability", ConditionOperator.NotEqual, 40)));
        Assert.AreEqual("Adventure Works Expansion | Fabrikam Data Platform", Joined(Names(s, new ConditionExpression("closeprobability", ConditionOperator.GreaterThan, 60))));
        Assert.AreEqual("Adventure Works Expansion | Fabrikam Data Platform | Northwind Logistics Renewal",
            Joined(Names(s, new ConditionExpression("closeprobability", ConditionOperator.GreaterEqual, 60))));
        Assert.AreEqual("Litware Renewal", Joined(Names(s, new ConditionExpression("closeprobability", ConditionOperator.LessThan, 40))));
        Assert.AreEqual("Contoso Fleet Expansion | Litware Renewal", Joined(Names(s, new ConditionExpression("closeprobability", ConditionOperator.LessEqual, 40))));
        Assert.AreEqual("Contoso Fleet Expansion | Fabrikam Data Platform",
            Joined(Names(s, new ConditionExpression("estimatedvalue_base", ConditionOperator.GreaterThan, new Money(40_000m)))));
        Assert.AreEqual("Adventure Works Expansion | Fabrikam Data Platform | Northwind Logistics Renewal",
            Joined(Names(s, new ConditionExpression("statecode", ConditionOperator.Equal, new OptionSetValue(1)))));
        Assert.AreEqual("Contoso Fleet Expansion | Litware Renewal", Joined(Names(s, new ConditionExpression("statuscode", ConditionOperator.In, 1, 4))));
        Assert.AreEqual("Adventure Works Expansion | Fabrikam Data Platform | Northwind Logistics Renewal",
            Joined(Names(s, new ConditionExpression("statuscode", ConditionOperator.NotIn, 1, 4))));
        Assert.AreEqual("Adventure Works Expansion | Contoso Fleet Expansion | Fabrikam Data Platform | Northwind Logistics Renewal",
            Joined(Names(s, new ConditionExpression("closeprobability", ConditionOperator.Between, 40, 80))));
    }

    [TestMethod]
    public void Null_and_NotNull_match_missing_values_and_other_operators_never_match_null()
    {
        var org = Pipeline.Build();
        IOrganizationService s = org.Service;

        Assert.AreEqual("Adventure Works Expansion", Joined(Names(s, new ConditionExpression("customerid", ConditionOperator.Null))));
        Assert.HasCount(4, Names(s, new ConditionExpression("customerid", ConditionOperator.NotNull)));
        Assert.HasCount(4, Names(s, new ConditionExpression("customerid", ConditionOperator.NotEqual, Guid.NewGuid())));
        Assert.HasCount(4, Names(s, new ConditionExpression("customerid", ConditionOperator.Equal, new EntityReference("account", org.Contoso))));
    }

    [TestMethod]
    public void Text_operators_are_case_insensitive()
    {
        var org = Pipeline.Build();
        IOrganizationService s = org.Service;

        Assert.AreEqual("Litware Renewal | Northwind Logistics Renewal", Joined(Names(s, new ConditionExpression("name", ConditionOperator.Like, "%renewal"))));
        Assert.AreEqual("Fabrikam Data Platform", Joined(Names(s, new ConditionExpression("name", ConditionOperator.Like, "f_brikam%"))));
        Assert.AreEqual("Contoso Fleet Expansion", Joined(Names(s, new ConditionExpression("name", ConditionOperator.BeginsWith, "CONTOSO"))));
        Assert.AreEqual("Adventure Works Expansion | Contoso Fleet Expansion", Joined(Names(s, new ConditionExpression("name", ConditionOperator.EndsWith, "expansion"))));
        Assert.AreEqual("Contoso Fleet Expansion", Joined(Names(s, new ConditionExpression("name", ConditionOperator.Equal, "contoso fleet expansion"))));
    }

    [TestMethod]
    public void Date_operators_compare_the_date_part()
    {
        var org = Pipeline.Build();
        IOrganizationService s = org.Service;

        Assert.AreEqual("Fabrikam Data Platform", Joined(Names(s, new ConditionExpression("actualclosedate", ConditionOperator.On, new DateTime(2025, 3, 5, 18, 0, 0)))));
        // Litware was lost by the clock, on 2025-03-14.
        Assert.AreEqual("Adventure Works Expansion | Fabrikam Data Platform | Litware Renewal",
            Joined(Names(s, new ConditionExpression("actualclosedate", ConditionOperator.OnOrAfter, new DateTime(2025, 3, 5)))));
        Assert.AreEqual("Fabrikam Data Platform | Northwind Logistics Renewal",
            Joined(Names(s, new ConditionExpression("actualclosedate", ConditionOperator.OnOrBefore, new DateTime(2025, 3, 5)))));
        Assert.AreEqual("Adventure Works Expansion | Fabrikam Data Platform | Litware Renewal",
            Joined(Names(s, new ConditionExpression("actualclosedate", ConditionOperator.Between, new DateTime(2025, 3, 1), new DateTime(2025, 3, 31)))));
        Assert.AreEqual("Adventure Works Expansion | Fabrikam Data Platform | Litware Renewal",
            Joined(Names(s, new ConditionExpression("actualclosedate", ConditionOperator.ThisMonth))));
    }

    [TestMethod]
    public void Nested_or_and_filters_combine_like_sql()
    {
        var org = Pipeline.Build();
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("ownerid", ConditionOperator.Equal, org.Ava);
        FilterExpression either = query.Criteria.AddFilter(LogicalOperator.Or);
        either.AddCondition("statecode", ConditionOperator.Equal, 0);
        FilterExpression bigWin = either.AddFilter(LogicalOperator.And);
        bigWin.AddCondition("statecode", ConditionOperator.Equal, 1);
        bigWin.AddCondition("actualvalue_base", ConditionOperator.GreaterThan, 20_000m);
        query.AddOrder("name", OrderType.Ascending);

        string[] names = org.Service.RetrieveMultiple(query).Entities.Select(e => (string)e["name"]).ToArray();

        Assert.AreEqual("Contoso Fleet Expansion | Northwind Logistics Renewal", Joined(names));
    }

    [TestMethod]
    public void An_inner_link_returns_aliased_columns_and_applies_link_criteria()
    {
        var org = Pipeline.Build();
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name") };
        LinkEntity owner = query.AddLink("systemuser", "ownerid", "systemuserid");
        owner.EntityAlias = "owner";
        owner.Columns = new ColumnSet("fullname", "parentsystemuserid");
        owner.LinkCriteria.AddCondition("firstname", ConditionOperator.Equal, "Ben");
        query.AddOrder("name", OrderType.Ascending);

        EntityCollection result = org.Service.RetrieveMultiple(query);

        Assert.HasCount(2, result.Entities);
        var fullname = (AliasedValue)result[0]["owner.fullname"];
        Assert.AreEqual("systemuser", fullname.EntityLogicalName);
        Assert.AreEqual("fullname", fullname.AttributeLogicalName);
        Assert.AreEqual("Ben Okafor", fullname.Value);
        Assert.AreEqual("Marco Rossi", ((EntityReference)((AliasedValue)result[0]["owner.parentsystemuserid"]).Value).Name);
        Assert.AreEqual("Fabrikam Data Platform", result[0]["name"]);
    }

    [TestMethod]
    public void An_outer_link_keeps_rows_without_a_match_and_conditions_can_name_the_link_alias()
    {
        var org = Pipeline.Build();
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name") };
        LinkEntity customer = query.AddLink("account", "customerid", "accountid", JoinOperator.LeftOuter);
        customer.EntityAlias = "customer";
        customer.Columns = new ColumnSet("name");
        query.Criteria.AddCondition("customer", "accountid", ConditionOperator.Null);

        EntityCollection result = org.Service.RetrieveMultiple(query);

        Assert.HasCount(1, result.Entities);
        Assert.AreEqual("Adventure Works Expansion", result[0]["name"]);
        Assert.IsFalse(result[0].Contains("customer.name"));
    }

    [TestMethod]
    public void Orders_sort_by_several_columns_and_TopCount_limits_the_rows()
    {
        var org = Pipeline.Build();
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name", "estimatedvalue_base"), TopCount = 3 };
        query.AddOrder("ownerid", OrderType.Descending);
        query.AddOrder("estimatedvalue_base", OrderType.Descending);

        string[] names = org.Service.RetrieveMultiple(query).Entities.Select(e => (string)e["name"]).ToArray();

        // Owners sort by name (Ben Okafor before Ava Lindqvist descending); then by base value: 72,000 > 10,000 (9,200 EUR).
        Assert.AreEqual("Fabrikam Data Platform | Litware Renewal | Contoso Fleet Expansion", Joined(names));
    }

    [TestMethod]
    public void Paging_returns_pages_with_more_records_a_cookie_and_the_total_count()
    {
        var org = Pipeline.Build();
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name") };
        query.AddOrder("name", OrderType.Ascending);
        query.PageInfo = new PagingInfo { Count = 2, PageNumber = 1, ReturnTotalRecordCount = true };

        var pages = new List<string[]>();
        EntityCollection page;
        do
        {
            page = org.Service.RetrieveMultiple(query);
            pages.Add(page.Entities.Select(e => (string)e["name"]).ToArray());
            Assert.AreEqual(5, page.TotalRecordCount);
            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
        while (page.MoreRecords);

        Assert.HasCount(3, pages);
        Assert.AreEqual("Adventure Works Expansion | Contoso Fleet Expansion", Joined(pages[0]));
        Assert.AreEqual("Fabrikam Data Platform | Litware Renewal", Joined(pages[1]));
        Assert.AreEqual("Northwind Logistics Renewal", Joined(pages[2]));
        Assert.StartsWith("<cookie page=\"3\"><opportunityid last=", page.PagingCookie);
    }

    [TestMethod]
    public void Without_ReturnTotalRecordCount_the_total_is_minus_one()
    {
        var org = Pipeline.Build();

        EntityCollection result = org.Service.RetrieveMultiple(new QueryExpression("opportunity") { PageInfo = new PagingInfo { Count = 10, PageNumber = 1 } });

        Assert.AreEqual(-1, result.TotalRecordCount);
        Assert.IsFalse(result.MoreRecords);
        Assert.HasCount(5, result.Entities);
    }

    [TestMethod]
    public void Distinct_returns_each_combination_of_the_requested_columns_once()
    {
        var org = Pipeline.Build();
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("ownerid", "statecode"), Distinct = true };

        EntityCollection result = org.Service.RetrieveMultiple(query);

        // Ava: open, won; Ben: won, lost.
        Assert.HasCount(4, result.Entities);
    }

    [TestMethod]
    public void Conditions_orders_and_columns_on_a_missing_attribute_fault_naming_it_even_on_an_empty_table()
    {
        var org = new Spm.Dataverse.Tests.Store.SalesOrg();
        var condition = new QueryExpression("opportunity");
        condition.Criteria.AddCondition("x", ConditionOperator.Equal, 1);
        var order = new QueryExpression("opportunity");
        order.AddOrder("revenue", OrderType.Ascending);
        var column = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name", "amount") };
        var link = new QueryExpression("opportunity");
        link.AddLink("systemuser", "ownerid", "userid");

        var faults = new[] { condition, order, column, link }
            .Select(q => Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.RetrieveMultiple(q)))
            .ToArray();

        Assert.IsTrue(faults.All(f => f.ErrorCode == -2147217149));
        Assert.StartsWith("'opportunity' entity doesn't contain attribute with Name = 'x'", faults[0].Message);
        Assert.StartsWith("'opportunity' entity doesn't contain attribute with Name = 'revenue'", faults[1].Message);
        Assert.StartsWith("'opportunity' entity doesn't contain attribute with Name = 'amount'", faults[2].Message);
        Assert.StartsWith("'systemuser' entity doesn't contain attribute with Name = 'userid'", faults[3].Message);
    }

    [TestMethod]
    public void A_null_condition_faults_naming_the_filter_it_is_in_instead_of_a_NullReferenceException()
    {
        var org = new Spm.Dataverse.Tests.Store.SalesOrg();
        var criteria = new QueryExpression("opportunity");
        criteria.Criteria.AddFilter(LogicalOperator.Or).AddCondition(null);
        var linked = new QueryExpression("opportunity");
        linked.AddLink("systemuser", "ownerid", "systemuserid").LinkCriteria.AddCondition(null);

        var faults = new[] { criteria, linked }
            .Select(q => Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.RetrieveMultiple(q)))
            .ToArray();

        Assert.IsTrue(faults.All(f => f.ErrorCode == DataverseErrors.InvalidArgument));
        Assert.AreEqual("A condition or filter in the query's Criteria is null.", faults[0].Message);
        Assert.AreEqual("A condition or filter in the LinkCriteria of link-entity 'systemuser1' is null.", faults[1].Message);
    }

    [TestMethod]
    public void A_query_on_an_unknown_table_faults()
    {
        var org = new Spm.Dataverse.Tests.Store.SalesOrg();

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.RetrieveMultiple(new QueryExpression("spm_bonus")));

        Assert.AreEqual(DataverseErrors.QueryBuilderNoEntity, fault.ErrorCode);
    }

    [TestMethod]
    public void EqualUserId_matches_the_caller()
    {
        var org = Pipeline.Build();

        string[] names = Names(org.As(org.Ben), new ConditionExpression("ownerid", ConditionOperator.EqualUserId));

        Assert.AreEqual("Fabrikam Data Platform | Litware Renewal", Joined(names));
    }
}
