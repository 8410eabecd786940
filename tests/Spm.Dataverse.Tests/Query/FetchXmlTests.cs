using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Query;

[TestClass]
public sealed class FetchXmlTests
{
    private static EntityCollection Fetch(IOrganizationService service, string xml) => service.RetrieveMultiple(new FetchExpression(xml));

    private static T Aliased<T>(Entity row, string alias) => (T)((AliasedValue)row[alias]).Value;

    [TestMethod]
    public void A_fetch_with_filter_link_entity_and_order_returns_rows_and_aliased_link_columns()
    {
        var org = Pipeline.Build();

        EntityCollection result = Fetch(org.Service, $"""
            <fetch>
              <entity name="opportunity">
                <attribute name="name" />
                <attribute name="actualvalue" />
                <filter type="and">
                  <condition attribute="statecode" operator="eq" value="1" />
                  <condition attribute="actualclosedate" operator="on-or-after" value="2025-02-01" />
                </filter>
                <link-entity name="systemuser" from="systemuserid" to="ownerid" alias="owner">
                  <attribute name="fullname" />
                  <filter><condition attribute="systemuserid" operator="eq" value="{org.Ava}" /></filter>
                </link-entity>
                <order attribute="actualvalue" descending="true" />
              </entity>
            </fetch>
            """);

        Assert.HasCount(2, result.Entities);
        Assert.AreEqual("Northwind Logistics Renewal", result[0]["name"]);
        Assert.AreEqual(new Money(46_000m), result[0]["actualvalue"]);
        Assert.AreEqual("Ava Lindqvist", Aliased<string>(result[0], "owner.fullname"));
        Assert.AreEqual("Adventure Works Expansion", result[1]["name"]);
    }

    [TestMethod]
    public void In_conditions_with_value_elements_and_outer_links_work()
    {
        var org = Pipeline.Build();

        EntityCollection result = Fetch(org.Service, """
            <fetch>
              <entity name="opportunity">
                <attribute name="name" />
                <filter type="or">
                  <condition attribute="statuscode" operator="in"><value>1</value><value>4</value></condition>
                  <condition attribute="name" operator="like" value="adventure%" />
                </filter>
                <link-entity name="account" from="accountid" to="customerid" link-type="outer" alias="c">
                  <attribute name="name" alias="customername" />
                </link-entity>
                <order attribute="name" />
              </entity>
            </fetch>
            """);

        Assert.AreEqual("Adventure Works Expansion|Contoso Fleet Expansion|Litware Renewal", string.Join("|", result.Entities.Select(e => e["name"])));
        Assert.IsFalse(result[0].Contains("customername"));
        Assert.AreEqual("Contoso Pharmaceuticals", Aliased<string>(result[1], "customername"));
    }

    [TestMethod]
    public void Sum_of_actualvalue_base_grouped_by_owner_returns_money_per_owner_as_aliased_values()
    {
        var org = Pipeline.Build();

        EntityCollection result = Fetch(org.Service, """
            <fetch aggregate="true">
              <entity name="opportunity">
                <attribute name="actualvalue_base" alias="won" aggregate="sum" />
                <attribute name="opportunityid" alias="deals" aggregate="count" />
                <attribute name="ownerid" alias="owner" groupby="true" />
                <filter><condition attribute="statecode" operator="eq" value="1" /></filter>
                <order alias="won" descending="true" />
              </entity>
            </fetch>
            """);

        // Ava: 46,000 EUR / 0.92 = 50,000.00 + 13,800.00 = 63,800.00 USD over 2 deals; Ben: 72,000.00 over 1.
        Assert.HasCount(2, result.Entities);
        Assert.AreEqual("opportunity", result[0].LogicalName);
        var won = (AliasedValue)result[0]["won"];
        Assert.AreEqual("opportunity", won.EntityLogicalName);
        Assert.AreEqual("actualvalue_base", won.AttributeLogicalName);
        Assert.AreEqual(new Money(72_000.00m), won.Value);
        Assert.AreEqual(new EntityReference("systemuser", org.Ben), Aliased<EntityReference>(result[0], "owner"));
        Assert.AreEqual("Ben Okafor", Aliased<EntityReference>(result[0], "owner").Name);
        Assert.AreEqual(1, Aliased<int>(result[0], "deals"));
        Assert.AreEqual(new Money(63_800.00m), Aliased<Money>(result[1], "won"));
        Assert.AreEqual(new EntityReference("systemuser", org.Ava), Aliased<EntityReference>(result[1], "owner"));
        Assert.AreEqual(2, Aliased<int>(result[1], "deals"));
    }

    [TestMethod]
    public void Count_countcolumn_avg_min_and_max_ignore_nulls_like_the_platform()
    {
        var org = Pipeline.Build();

        Entity row = Fetch(org.Service, """
            <fetch aggregate="true">
              <entity name="opportunity">
                <attribute name="opportunityid" alias="all" aggregate="count" />
                <attribute name="actualvalue" alias="withvalue" aggregate="countcolumn" />
                <attribute name="ownerid" alias="owners" aggregate="countcolumn" distinct="true" />
                <attribute name="closeprobability" alias="avgprob" aggregate="avg" />
                <attribute name="estimatedvalue_base" alias="avgest" aggregate="avg" />
                <attribute name="estimatedvalue_base" alias="smallest" aggregate="min" />
                <attribute name="actualclosedate" alias="last" aggregate="max" />
              </entity>
            </fetch>
            """).Entities.Single();

        Assert.AreEqual(5, Aliased<int>(row, "all"));
        Assert.AreEqual(3, Aliased<int>(row, "withvalue"));
        Assert.AreEqual(2, Aliased<int>(row, "owners"));
        // (60 + 40 + 80 + 20 + 70) / 5 = 54 (a whole-number column averages to a whole number).
        Assert.AreEqual(54, Aliased<int>(row, "avgprob"));
        // (10,869.57 + 48,250.00 + 72,000.00 + 10,000.00 + 15,000.00) / 5 = 31,223.914
        Assert.AreEqual(new Money(31_223.914m), Aliased<Money>(row, "avgest"));
        Assert.AreEqual(new Money(10_000.00m), Aliased<Money>(row, "smallest"));
        Assert.AreEqual(new DateTime(2025, 3, 14), Aliased<DateTime>(row, "last"));
    }

    [TestMethod]
    public void Grouping_by_month_quarter_and_year_of_the_close_date()
    {
        var org = Pipeline.Build();

        EntityCollection result = Fetch(org.Service, """
            <fetch aggregate="true">
              <entity name="opportunity">
                <attribute name="actualvalue_base" alias="total" aggregate="sum" />
                <attribute name="actualclosedate" alias="year" groupby="true" dategrouping="year" />
                <attribute name="actualclosedate" alias="quarter" groupby="true" dategrouping="quarter" />
                <attribute name="actualclosedate" alias="month" groupby="true" dategrouping="month" />
                <filter><condition attribute="statecode" operator="eq" value="1" /></filter>
                <order alias="month" />
              </entity>
            </fetch>
            """);

        Assert.HasCount(2, result.Entities);
        Assert.AreEqual(2, Aliased<int>(result[0], "month"));
        Assert.AreEqual(1, Aliased<int>(result[0], "quarter"));
        Assert.AreEqual(2025, Aliased<int>(result[0], "year"));
        Assert.AreEqual(new Money(50_000.00m), Aliased<Money>(result[0], "total"));
        Assert.AreEqual(3, Aliased<int>(result[1], "month"));
        Assert.AreEqual(new Money(85_800.00m), Aliased<Money>(result[1], "total"));
    }

    [TestMethod]
    public void An_aggregate_over_no_rows_returns_one_row_with_zero_count_and_zero_sum()
    {
        var org = new Spm.Dataverse.Tests.Store.SalesOrg();

        Entity row = Fetch(org.Service, """
            <fetch aggregate="true"><entity name="spm_credit">
              <attribute name="spm_revenue_base" alias="total" aggregate="sum" />
              <attribute name="spm_creditid" alias="n" aggregate="count" />
            </entity></fetch>
            """).Entities.Single();

        Assert.AreEqual(new Money(0m), Aliased<Money>(row, "total"));
        Assert.AreEqual(0, Aliased<int>(row, "n"));
    }

    [TestMethod]
    public void Aggregate_queries_need_an_alias_and_only_aggregate_or_groupby_attributes()
    {
        var org = Pipeline.Build();

        var noAlias = Assert.ThrowsExactly<DataverseFaultException>(() => Fetch(org.Service,
            "<fetch aggregate='true'><entity name='opportunity'><attribute name='actualvalue' aggregate='sum' /></entity></fetch>"));
        var plain = Assert.ThrowsExactly<DataverseFaultException>(() => Fetch(org.Service,
            "<fetch aggregate='true'><entity name='opportunity'><attribute name='name' /><attribute name='actualvalue' alias='s' aggregate='sum' /></entity></fetch>"));

        Assert.AreEqual(DataverseErrors.QueryBuilderNoAlias, noAlias.ErrorCode);
        Assert.Contains("'opportunity.actualvalue'", noAlias.Message);
        Assert.AreEqual(DataverseErrors.QueryBuilderAttributeWithAggregate, plain.ErrorCode);
        Assert.Contains("'opportunity.name'", plain.Message);
    }

    [TestMethod]
    public void Malformed_xml_an_unknown_attribute_and_an_unknown_operator_fault()
    {
        var org = Pipeline.Build();

        var xml = Assert.ThrowsExactly<DataverseFaultException>(() => Fetch(org.Service, "<fetch><entity name='opportunity'>"));
        var attribute = Assert.ThrowsExactly<DataverseFaultException>(() => Fetch(org.Service,
            "<fetch><entity name='opportunity'><attribute name='revenue' /></entity></fetch>"));
        var op = Assert.ThrowsExactly<DataverseFaultException>(() => Fetch(org.Service,
            "<fetch><entity name='opportunity'><filter><condition attribute='name' operator='sounds-like' value='x' /></filter></entity></fetch>"));

        Assert.AreEqual(DataverseErrors.InvalidXml, xml.ErrorCode);
        Assert.AreEqual(DataverseErrors.QueryBuilderNoAttribute, attribute.ErrorCode);
        Assert.AreEqual("'opportunity' entity doesn't contain attribute with Name = 'revenue' and NameMapping = 'Logical'.", attribute.Message);
        Assert.AreEqual(DataverseErrors.QueryBuilderInvalidConditionOperator, op.ErrorCode);
    }

    [TestMethod]
    public void Fetch_paging_with_count_and_page_reports_more_records()
    {
        var org = Pipeline.Build();
        const string template = "<fetch count='2' page='{0}' returntotalrecordcount='true'><entity name='opportunity'><attribute name='name' /><order attribute='name' /></entity></fetch>";

        EntityCollection second = Fetch(org.Service, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, 2));
        EntityCollection third = Fetch(org.Service, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, 3));

        Assert.AreEqual("Fabrikam Data Platform|Litware Renewal", string.Join("|", second.Entities.Select(e => e["name"])));
        Assert.IsTrue(second.MoreRecords);
        Assert.AreEqual(5, second.TotalRecordCount);
        Assert.HasCount(1, third.Entities);
        Assert.IsFalse(third.MoreRecords);
    }
}
