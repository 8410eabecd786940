using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Spm.Dataverse.Tests.Store;

[TestClass]
public sealed class TransactionTests
{
    [TestMethod]
    public void Disposing_without_commit_restores_updated_deleted_and_created_rows_exactly()
    {
        var org = new SalesOrg();
        Guid kept = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);
        Guid removed = org.Opportunity("Fabrikam Data Platform", org.Ben, 72_000.00m);
        Entity keptBefore = org.Service.Retrieve("opportunity", kept, new ColumnSet(true));
        Entity removedBefore = org.Service.Retrieve("opportunity", removed, new ColumnSet(true));

        using (org.Org.BeginTransaction())
        {
            org.Service.Update(new Entity("opportunity", kept) { ["closeprobability"] = 95, ["estimatedvalue"] = new Money(1m) });
            org.Service.Delete("opportunity", removed);
            org.Opportunity("Litware Renewal", org.Ava, 9_999m);
        }

        Assert.AreEqual(2, org.Org.Count("opportunity"));
        AssertSame(keptBefore, org.Service.Retrieve("opportunity", kept, new ColumnSet(true)));
        AssertSame(removedBefore, org.Service.Retrieve("opportunity", removed, new ColumnSet(true)));
        Assert.AreEqual(0, org.Org.TransactionDepth);
    }

    [TestMethod]
    public void A_committed_inner_transaction_is_still_undone_when_the_outer_one_rolls_back()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);

        using (org.Org.BeginTransaction())
        {
            using (var inner = org.Org.BeginTransaction())
            {
                org.Service.Update(new Entity("opportunity", id) { ["closeprobability"] = 10 });
                inner.Commit();
            }

            org.Service.Update(new Entity("opportunity", id) { ["closeprobability"] = 20 });
        }

        Assert.AreEqual(50, org.Service.Retrieve("opportunity", id, new ColumnSet("closeprobability"))["closeprobability"]);
    }

    [TestMethod]
    public void A_rolled_back_inner_transaction_undoes_only_its_own_changes()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);

        using (var outer = org.Org.BeginTransaction())
        {
            org.Service.Update(new Entity("opportunity", id) { ["closeprobability"] = 60 });
            using (org.Org.BeginTransaction())
            {
                org.Service.Update(new Entity("opportunity", id) { ["closeprobability"] = 99, ["name"] = "Renamed" });
            }

            outer.Commit();
        }

        Entity row = org.Service.Retrieve("opportunity", id, new ColumnSet("closeprobability", "name"));
        Assert.AreEqual(60, row["closeprobability"]);
        Assert.AreEqual("Contoso Fleet Expansion", row["name"]);
    }

    [TestMethod]
    public void Committing_an_outer_transaction_while_an_inner_one_is_open_is_refused()
    {
        var org = new SalesOrg();
        using var outer = org.Org.BeginTransaction();
        using var inner = org.Org.BeginTransaction();

        Assert.ThrowsExactly<InvalidOperationException>(outer.Commit);
    }

    [TestMethod]
    public void Snapshot_returns_a_copy_with_the_named_columns_or_null_for_a_missing_row()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);

        Entity? image = org.Org.Snapshot("opportunity", id, new[] { "name", "estimatedvalue", "actualvalue" });
        image!.GetAttributeValue<Money>("estimatedvalue").Value = 0m;

        Assert.AreEqual(string.Join(",", new[] { "name", "estimatedvalue" }.Order()), string.Join(",", image.Attributes.Keys.ToArray().Order()));
        Assert.AreEqual(48_250.00m, org.Org.Snapshot("opportunity", id, null)!.GetAttributeValue<Money>("estimatedvalue").Value);
        Assert.IsNull(org.Org.Snapshot("opportunity", Guid.NewGuid(), null));
    }

    [TestMethod]
    public void A_failed_message_leaves_no_open_transaction_and_nothing_half_written()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);

        Assert.ThrowsExactly<Spm.Dataverse.DataverseFaultException>(() => org.Service.Execute(new Microsoft.Crm.Sdk.Messages.WinOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", id), ["actualrevenue"] = new Money(-5m) },
            Status = new OptionSetValue(3),
        }));

        Assert.AreEqual(0, org.Org.Count("opportunityclose"));
        Assert.AreEqual(new OptionSetValue(0), org.Service.Retrieve("opportunity", id, new ColumnSet("statecode"))["statecode"]);
        Assert.AreEqual(0, org.Org.TransactionDepth);
    }

    private static void AssertSame(Entity expected, Entity actual)
    {
        Assert.AreEqual(expected.RowVersion, actual.RowVersion);
        Assert.AreEqual(string.Join(",", expected.Attributes.Keys.ToArray().Order()), string.Join(",", actual.Attributes.Keys.ToArray().Order()));
        foreach (KeyValuePair<string, object> attribute in expected.Attributes)
        {
            Assert.AreEqual(attribute.Value, actual[attribute.Key], attribute.Key);
        }
    }
}
