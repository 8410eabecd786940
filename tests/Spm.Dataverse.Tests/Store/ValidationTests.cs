using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Store;

[TestClass]
public sealed class ValidationTests
{
    [TestMethod]
    public void An_unknown_table_faults_naming_it()
    {
        var org = new SalesOrg();

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Create(new Entity("spm_bonus") { ["spm_name"] = "x" }));

        Assert.AreEqual(-2147217150, fault.ErrorCode);
        Assert.AreEqual("The entity with a name = 'spm_bonus' with namemapping = 'Logical' was not found in the MetadataCache.", fault.Message);
    }

    [TestMethod]
    public void An_unknown_attribute_on_create_faults_naming_table_and_attribute_and_stores_nothing()
    {
        var org = new SalesOrg();

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Create(new Entity("opportunity") { ["name"] = "Contoso", ["estimatedrevenue"] = new Money(1m) }));

        Assert.AreEqual(-2147217149, fault.ErrorCode);
        Assert.StartsWith("'opportunity' entity doesn't contain attribute with Name = 'estimatedrevenue'", fault.Message);
        Assert.AreEqual(0, org.Org.Count("opportunity"));
    }

    [TestMethod]
    public void An_unknown_attribute_on_update_faults_and_leaves_the_row_as_it_was()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Update(new Entity("opportunity", id) { ["closeprobability"] = 90, ["spm_marginpercent"] = 0.3m }));

        Assert.AreEqual(DataverseErrors.QueryBuilderNoAttribute, fault.ErrorCode);
        Assert.Contains("Name = 'spm_marginpercent'", fault.Message);
        Assert.AreEqual(50, org.Service.Retrieve("opportunity", id, new ColumnSet("closeprobability"))["closeprobability"]);
    }

    [TestMethod]
    public void A_string_in_a_money_column_faults_with_the_incorrect_type_message()
    {
        var org = new SalesOrg();

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Create(new Entity("opportunity") { ["name"] = "Contoso", ["estimatedvalue"] = "48250" }));

        Assert.AreEqual(DataverseErrors.InvalidArgument, fault.ErrorCode);
        Assert.StartsWith("Incorrect attribute value type System.String. Parameter name: estimatedvalue.", fault.Message);
        Assert.Contains("'opportunity.estimatedvalue' is Money", fault.Message);
    }

    [TestMethod]
    public void A_decimal_in_an_integer_column_and_an_int_in_a_choice_column_are_wrong_types()
    {
        var org = new SalesOrg();

        var probability = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Create(new Entity("opportunity") { ["closeprobability"] = 50m }));
        var state = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Create(new Entity("opportunity") { ["statuscode"] = 1 }));

        Assert.Contains("System.Decimal. Parameter name: closeprobability", probability.Message);
        Assert.Contains("System.Int32. Parameter name: statuscode", state.Message);
    }

    [TestMethod]
    public void A_missing_system_required_column_faults_naming_it_and_stores_nothing()
    {
        var org = new SalesOrg();

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Create(new Entity("transactioncurrency")
        {
            ["currencyname"] = "Swiss Franc", ["isocurrencycode"] = "CHF", ["currencyprecision"] = 2,
        }));

        Assert.AreEqual(-2147220992, fault.ErrorCode);
        Assert.AreEqual("Attribute 'exchangerate' of 'transactioncurrency' is required (SystemRequired) and cannot be missing or null.", fault.Message);
        Assert.AreEqual(2, org.Org.Count("transactioncurrency"));
    }

    [TestMethod]
    public void Business_required_spm_columns_are_not_enforced_by_default_like_the_platform()
    {
        var org = new SalesOrg();

        org.Service.Create(new Entity("spm_quota") { ["spm_name"] = "Draft quota" });

        Assert.AreEqual(1, org.Org.Count("spm_quota"));
    }

    [TestMethod]
    public void With_EnforceApplicationRequired_a_quota_without_an_amount_faults_naming_it_and_stores_nothing()
    {
        var org = new SalesOrg();
        org.Org.EnforceApplicationRequired = true;
        Guid period = Period(org);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Create(new Entity("spm_quota")
        {
            ["spm_name"] = "Ava Q1 revenue",
            ["spm_participantid"] = new EntityReference("systemuser", org.Ava),
            ["spm_periodid"] = new EntityReference("spm_period", period),
            ["spm_measure"] = new OptionSetValue(SpmChoices.MeasureRevenue),
        }));

        Assert.AreEqual(-2147220992, fault.ErrorCode);
        Assert.AreEqual("Attribute 'spm_amount' of 'spm_quota' is required (ApplicationRequired) and cannot be missing or null.", fault.Message);
        Assert.AreEqual(0, org.Org.Count("spm_quota"));
    }

    [TestMethod]
    public void Clearing_a_required_column_on_update_faults()
    {
        var org = new SalesOrg();
        org.Org.EnforceApplicationRequired = true;
        Guid period = Period(org);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity("spm_period", period) { ["spm_enddate"] = null }));

        Assert.AreEqual(DataverseErrors.RequiredFieldMissing, fault.ErrorCode);
        Assert.Contains("'spm_enddate' of 'spm_period'", fault.Message);
    }

    [TestMethod]
    public void A_lookup_to_a_missing_row_faults_with_ObjectDoesNotExist_naming_the_target()
    {
        var org = new SalesOrg();
        var ghost = Guid.Parse("deadbeef-0000-4000-8000-000000000000");

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Create(new Entity("opportunity") { ["name"] = "x", ["ownerid"] = new EntityReference("systemuser", ghost) }));

        Assert.AreEqual(DataverseErrors.ObjectDoesNotExist, fault.ErrorCode);
        Assert.AreEqual("systemuser With Id = deadbeef-0000-4000-8000-000000000000 Does Not Exist", fault.Message);
    }

    [TestMethod]
    public void A_lookup_to_a_table_it_does_not_target_faults_listing_the_valid_targets()
    {
        var org = new SalesOrg();

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Create(new Entity("opportunity") { ["name"] = "x", ["customerid"] = new EntityReference("systemuser", org.Ava) }));

        Assert.AreEqual(DataverseErrors.InvalidArgument, fault.ErrorCode);
        Assert.Contains("'opportunity.customerid' cannot point to a 'systemuser' record; valid targets: account, contact.", fault.Message);
    }

    [TestMethod]
    public void Values_outside_the_column_range_or_choice_list_fault_naming_value_column_and_table()
    {
        var org = new SalesOrg();

        var probability = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Create(new Entity("opportunity") { ["name"] = "x", ["closeprobability"] = 120 }));
        var rating = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Create(new Entity("spm_feedbackrequest") { ["spm_status"] = new OptionSetValue(7) }));

        Assert.StartsWith("A validation error occurred. The value 120 of 'closeprobability' on record of type 'opportunity' is outside the valid range.", probability.Message);
        Assert.Contains("Accepted Values: 0 to 100", probability.Message);
        Assert.StartsWith("A validation error occurred. The value 7 of 'spm_status' on record of type 'spm_feedbackrequest'", rating.Message);
    }

    [TestMethod]
    public void An_invalid_state_status_pair_faults_with_InvalidStateCodeStatusCode()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Execute(new SetStateRequest
        {
            EntityMoniker = new EntityReference("opportunity", id),
            State = new OptionSetValue(0),
            Status = new OptionSetValue(3),
        }));

        Assert.AreEqual(-2147187704, fault.ErrorCode);
        Assert.StartsWith($"3 is not a valid status code for state code OpportunityState.Open on opportunity with Id {id}.", fault.Message);
        Assert.AreEqual(new OptionSetValue(1), org.Service.Retrieve("opportunity", id, new ColumnSet("statuscode"))["statuscode"]);
    }

    [TestMethod]
    public void A_status_of_another_state_on_create_faults()
    {
        var org = new SalesOrg();

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Create(new Entity("opportunity") { ["name"] = "x", ["statuscode"] = new OptionSetValue(4) }));

        Assert.AreEqual(DataverseErrors.InvalidStateCodeStatusCode, fault.ErrorCode);
    }

    internal static Guid Period(SalesOrg org) => org.Service.Create(new Entity("spm_period")
    {
        ["spm_name"] = "FY25 Q1",
        ["spm_kind"] = new OptionSetValue(SpmChoices.PeriodQuarter),
        ["spm_fiscalyear"] = 2025,
        ["spm_number"] = 1,
        ["spm_startdate"] = new DateTime(2025, 1, 1),
        ["spm_enddate"] = new DateTime(2025, 3, 31),
        ["spm_status"] = new OptionSetValue(SpmChoices.PeriodOpen),
    });
}
