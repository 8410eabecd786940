using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Store;

[TestClass]
public sealed class CrudTests
{
    [TestMethod]
    public void Create_assigns_an_id_and_stamps_created_modified_owner_and_default_state_from_caller_and_clock()
    {
        var org = new SalesOrg();

        Guid id = org.As(org.Ava).Create(new Entity("opportunity") { ["name"] = "Northwind Logistics Renewal" });

        Entity row = org.Service.Retrieve("opportunity", id, new ColumnSet(true));
        Assert.AreNotEqual(Guid.Empty, id);
        Assert.AreEqual(id, row.Id);
        Assert.AreEqual(id, row["opportunityid"]);
        Assert.AreEqual(SalesOrg.Now, row["createdon"]);
        Assert.AreEqual(SalesOrg.Now, row["modifiedon"]);
        Assert.AreEqual(new EntityReference("systemuser", org.Ava), row["createdby"]);
        Assert.AreEqual(new EntityReference("systemuser", org.Ava), row["ownerid"]);
        Assert.AreEqual(new EntityReference("businessunit", org.Unit), row["owningbusinessunit"]);
        Assert.AreEqual(new OptionSetValue(0), row["statecode"]);
        Assert.AreEqual(new OptionSetValue(1), row["statuscode"]);
        Assert.IsFalse(string.IsNullOrEmpty(row.RowVersion));
    }

    [TestMethod]
    public void Create_keeps_a_given_id_and_rejects_a_second_row_with_the_same_id()
    {
        var org = new SalesOrg();
        var id = Guid.Parse("6f1c1d6e-0d3a-4b8e-9a55-0c1a2b3c4d5e");

        Assert.AreEqual(id, org.Service.Create(new Entity("opportunity", id) { ["name"] = "Fabrikam Data Platform" }));
        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Create(new Entity("opportunity", id) { ["name"] = "Copy" }));

        Assert.AreEqual(DataverseErrors.DuplicateRecord, fault.ErrorCode);
        Assert.AreEqual("Fabrikam Data Platform", org.Service.Retrieve("opportunity", id, new ColumnSet("name"))["name"]);
    }

    [TestMethod]
    public void Retrieve_returns_the_requested_non_null_columns_plus_the_id_and_names_lookups()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);

        Entity row = org.Service.Retrieve("opportunity", id, new ColumnSet("name", "ownerid", "actualvalue"));

        Assert.AreEqual(string.Join(",", new[] { "name", "ownerid", "opportunityid" }.Order()), string.Join(",", row.Attributes.Keys.ToArray().Order()));
        Assert.AreEqual("Ava Lindqvist", row.GetAttributeValue<EntityReference>("ownerid").Name);
    }

    [TestMethod]
    public void Retrieve_of_a_missing_row_faults_with_ObjectDoesNotExist_and_the_platform_message()
    {
        var org = new SalesOrg();
        var id = Guid.Parse("11111111-2222-3333-4444-555555555555");

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Retrieve("opportunity", id, new ColumnSet(true)));

        Assert.AreEqual(-2147220969, fault.ErrorCode);
        Assert.AreEqual("opportunity With Id = 11111111-2222-3333-4444-555555555555 Does Not Exist", fault.Message);
        Assert.AreEqual(fault.Message, fault.Fault.Message);
    }

    [TestMethod]
    public void Update_changes_only_the_given_columns_stamps_modifiedon_and_issues_a_new_row_version()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);
        string before = org.Service.Retrieve("opportunity", id, new ColumnSet("name")).RowVersion;
        org.Clock = SalesOrg.Now.AddHours(2);

        org.As(org.Ben).Update(new Entity("opportunity", id) { ["closeprobability"] = 80, ["description"] = null });

        Entity row = org.Service.Retrieve("opportunity", id, new ColumnSet(true));
        Assert.AreEqual(80, row["closeprobability"]);
        Assert.AreEqual("Contoso Fleet Expansion", row["name"]);
        Assert.AreEqual(new Money(48_250.00m), row["estimatedvalue"]);
        Assert.AreEqual(SalesOrg.Now, row["createdon"]);
        Assert.AreEqual(SalesOrg.Now.AddHours(2), row["modifiedon"]);
        Assert.AreEqual(new EntityReference("systemuser", org.Ben), row["modifiedby"]);
        Assert.AreNotEqual(before, row.RowVersion);
    }

    [TestMethod]
    public void Update_with_null_removes_the_value()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);

        org.Service.Update(new Entity("opportunity", id) { ["closeprobability"] = null });

        Assert.IsFalse(org.Service.Retrieve("opportunity", id, new ColumnSet(true)).Contains("closeprobability"));
    }

    [TestMethod]
    public void Values_returned_and_values_sent_are_copies_so_callers_cannot_change_stored_rows()
    {
        var org = new SalesOrg();
        var estimated = new Money(1_000m);
        Guid id = org.Service.Create(new Entity("opportunity") { ["name"] = "A", ["estimatedvalue"] = estimated });

        estimated.Value = 5m;
        org.Service.Retrieve("opportunity", id, new ColumnSet(true)).GetAttributeValue<Money>("estimatedvalue").Value = 7m;

        Assert.AreEqual(1_000m, org.Service.Retrieve("opportunity", id, new ColumnSet("estimatedvalue")).GetAttributeValue<Money>("estimatedvalue").Value);
    }

    [TestMethod]
    public void Delete_removes_the_row_and_a_second_delete_faults_ObjectDoesNotExist()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);

        org.Service.Delete("opportunity", id);
        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Delete("opportunity", id));

        Assert.AreEqual(DataverseErrors.ObjectDoesNotExist, fault.ErrorCode);
        Assert.AreEqual(0, org.Org.Count("opportunity"));
    }

    [TestMethod]
    public void Upsert_by_id_creates_the_row_first_and_updates_it_the_second_time()
    {
        var org = new SalesOrg();
        var id = Guid.Parse("a1b2c3d4-0000-4000-8000-000000000001");

        var first = (UpsertResponse)org.Service.Execute(new UpsertRequest { Target = new Entity("opportunity", id) { ["name"] = "Litware Renewal" } });
        var second = (UpsertResponse)org.Service.Execute(new UpsertRequest { Target = new Entity("opportunity", id) { ["closeprobability"] = 70 } });

        Assert.IsTrue(first.RecordCreated);
        Assert.IsFalse(second.RecordCreated);
        Assert.AreEqual(new EntityReference("opportunity", id), second.Target);
        Entity row = org.Service.Retrieve("opportunity", id, new ColumnSet("name", "closeprobability"));
        Assert.AreEqual("Litware Renewal", row["name"]);
        Assert.AreEqual(70, row["closeprobability"]);
    }

    [TestMethod]
    public void Upsert_by_alternate_key_finds_the_existing_currency_by_iso_code()
    {
        var org = new SalesOrg();

        var response = (UpsertResponse)org.Service.Execute(new UpsertRequest
        {
            Target = new Entity("transactioncurrency", "isocurrencycode", "EUR") { ["exchangerate"] = 0.95m },
        });

        Assert.IsFalse(response.RecordCreated);
        Assert.AreEqual(org.Eur, response.Target.Id);
        Assert.AreEqual(0.95m, org.Service.Retrieve("transactioncurrency", org.Eur, new ColumnSet("exchangerate"))["exchangerate"]);
    }

    [TestMethod]
    public void Upsert_by_an_undefined_key_faults_naming_the_table()
    {
        var org = new SalesOrg();

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Execute(new UpsertRequest
        {
            Target = new Entity("opportunity", "name", "Litware Renewal"),
        }));

        Assert.AreEqual(DataverseErrors.InvalidArgument, fault.ErrorCode);
        Assert.Contains("not a defined key for the opportunity entity", fault.Message);
    }
}
