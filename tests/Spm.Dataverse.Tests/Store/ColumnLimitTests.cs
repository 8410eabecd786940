using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Store;

[TestClass]
public sealed class ColumnLimitTests
{
    [TestMethod]
    public void Text_longer_than_the_column_is_refused_with_StringLengthTooLong_naming_the_column_table_and_length()
    {
        var org = new SalesOrg();
        Entity credit = AlternateKeyTests.Credit(org, 7, "Ava 100% Contoso fleet");
        credit["spm_dealname"] = new string('x', 201);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Create(credit));

        Assert.AreEqual(DataverseErrors.StringLengthTooLong, fault.ErrorCode);
        Assert.AreEqual(unchecked((int)0x80044331), fault.ErrorCode);
        Assert.AreEqual("A validation error occurred. The length of the 'spm_dealname' attribute of the 'spm_credit' entity exceeded the maximum allowed length of '200'.", fault.Message);
        Assert.AreEqual(0, org.Org.Count("spm_credit"));
    }

    [TestMethod]
    public void Text_exactly_as_long_as_the_column_is_stored()
    {
        var org = new SalesOrg();
        Entity credit = AlternateKeyTests.Credit(org, 7, "Ava 100% Contoso fleet");
        credit["spm_dealname"] = new string('x', 200);

        Guid id = org.Service.Create(credit);

        Assert.AreEqual(200, org.Service.Retrieve("spm_credit", id, new ColumnSet("spm_dealname")).GetAttributeValue<string>("spm_dealname").Length);
    }

    [TestMethod]
    public void Spm_columns_the_solution_leaves_at_the_defaults_have_the_platforms_new_column_limits()
    {
        DataverseMetadata metadata = DataverseMetadata.Default();

        Assert.AreEqual(100, metadata.GetColumn("spm_credit", "spm_name").MaxLength);
        Assert.AreEqual(100, metadata.GetColumn("opportunity", "spm_dealnumber").MaxLength);
        Assert.AreEqual(2000, metadata.GetColumn("spm_statementline", "spm_explanation").MaxLength);
        Assert.AreEqual(int.MinValue, metadata.GetColumn("spm_credit", "spm_sequence").MinValue);
        Assert.AreEqual(int.MaxValue, metadata.GetColumn("spm_credit", "spm_sequence").MaxValue);
        Assert.AreEqual(-100000000000m, metadata.GetColumn("spm_credit", "spm_share").MinValue);
        Assert.AreEqual(922337203685477m, metadata.GetColumn("spm_statement", "spm_earned").MaxValue);
        Assert.AreEqual(0.0000000001m, metadata.GetColumn("spm_credit", "exchangerate").MinValue);
        Assert.IsNull(metadata.GetColumn("spm_credit", "spm_revenue_base").MaxValue, "computed *_base columns are the platform's to fill");
    }

    [TestMethod]
    public void A_primary_name_longer_than_100_is_refused()
    {
        var org = new SalesOrg();

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Create(AlternateKeyTests.Credit(org, 8, new string('n', 101))));

        Assert.AreEqual(DataverseErrors.StringLengthTooLong, fault.ErrorCode);
        Assert.Contains("'spm_name' attribute of the 'spm_credit' entity exceeded the maximum allowed length of '100'", fault.Message);
    }

    [TestMethod]
    public void Numbers_outside_the_range_fault_with_the_code_of_their_type_and_the_accepted_range()
    {
        var org = new SalesOrg();

        var whole = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Create(new Entity("opportunity") { ["name"] = "x", ["closeprobability"] = 101 }));
        var money = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Create(new Entity("opportunity") { ["name"] = "x", ["estimatedvalue"] = new Money(-0.01m) }));
        var number = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Create(new Entity("spm_creditsplit") { ["spm_name"] = "x", ["spm_percent"] = 1000.5m }));

        Assert.AreEqual(DataverseErrors.IntegerValueOutOfRange, whole.ErrorCode);
        Assert.AreEqual(unchecked((int)0x8004432F), whole.ErrorCode);
        Assert.AreEqual("A validation error occurred. The value 101 of 'closeprobability' on record of type 'opportunity' is outside the valid range. Accepted Values: 0 to 100.", whole.Message);
        Assert.AreEqual(DataverseErrors.DecimalValueOutOfRange, money.ErrorCode);
        Assert.AreEqual(unchecked((int)0x80044330), money.ErrorCode);
        Assert.AreEqual(DataverseErrors.DecimalValueOutOfRange, number.ErrorCode);
        Assert.Contains("Accepted Values: 0 to 1000.", number.Message);
    }

    [TestMethod]
    public void A_choice_value_that_is_not_an_option_faults_with_PicklistValueOutOfRange_listing_the_options()
    {
        var org = new SalesOrg();

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Create(new Entity("spm_feedbackrequest") { ["spm_status"] = new OptionSetValue(7) }));

        Assert.AreEqual(DataverseErrors.PicklistValueOutOfRange, fault.ErrorCode);
        Assert.AreEqual(unchecked((int)0x8004431A), fault.ErrorCode);
        Assert.AreEqual("A validation error occurred. The value 7 of 'spm_status' on record of type 'spm_feedbackrequest' is outside the valid range. Accepted Values: 100000000,100000001,100000002.", fault.Message);
    }

    [TestMethod]
    public void An_update_out_of_range_leaves_the_row_as_it_was()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);

        Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity("opportunity", id) { ["closeprobability"] = -1 }));

        Assert.AreEqual(50, org.Service.Retrieve("opportunity", id, new ColumnSet("closeprobability"))["closeprobability"]);
    }

    [TestMethod]
    public void Decimals_and_currency_are_stored_rounded_to_the_columns_precision()
    {
        DataverseMetadata metadata = DataverseMetadata.Default();
        metadata.GetColumn("spm_creditsplit", "spm_percent").Precision = 2;
        metadata.GetColumn("opportunity", "estimatedvalue").Precision = 2;
        var org = new InMemoryOrganization(metadata);
        IOrganizationService service = org.CreateService(Guid.NewGuid());
        Guid opportunity = service.Create(new Entity("opportunity") { ["name"] = "Contoso", ["estimatedvalue"] = new Money(100.005m) });

        Guid split = service.Create(new Entity("spm_creditsplit") { ["spm_name"] = "third", ["spm_percent"] = 33.3333m });

        Assert.AreEqual(33.33m, service.Retrieve("spm_creditsplit", split, new ColumnSet("spm_percent"))["spm_percent"]);
        Assert.AreEqual(new Money(100.01m), service.Retrieve("opportunity", opportunity, new ColumnSet("estimatedvalue"))["estimatedvalue"]);
    }
}
