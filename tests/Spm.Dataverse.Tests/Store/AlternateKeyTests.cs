using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Store;

[TestClass]
public sealed class AlternateKeyTests
{
    private const string DuplicateSequenceMessage =
        "A record that has the attribute values spm_participantid, spm_sequence already exists. The entity key spm_participant_sequence requires that this set of attributes contains unique values. Select unique values and try again.";

    [TestMethod]
    public void A_second_credit_of_the_same_participant_with_a_taken_ledger_sequence_is_refused_with_the_duplicate_key_fault_and_not_stored()
    {
        var org = new SalesOrg();
        Guid first = org.Service.Create(Credit(org, 41, "Ava 100% Contoso fleet"));

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Create(Credit(org, 41, "Ava 100% Fabrikam data platform")));

        Assert.AreEqual(DataverseErrors.DuplicateRecordEntityKey, fault.ErrorCode);
        Assert.AreEqual(unchecked((int)0x80060892), fault.ErrorCode);
        Assert.AreEqual(DuplicateSequenceMessage, fault.Message);
        Assert.Contains("spm_sequence = 41", fault.Fault.TraceText);
        Assert.Contains(first.ToString("D"), fault.Fault.TraceText);
        Assert.AreEqual(1, org.Org.Count("spm_credit"));

        // Sequences are per participant: Ben's row 41 is his own.
        var bens = Credit(org, 41, "Ben 100% Fabrikam data platform");
        bens["spm_participantid"] = new EntityReference("systemuser", org.Ben);
        org.Service.Create(bens);
        Assert.AreEqual(2, org.Org.Count("spm_credit"));
    }

    [TestMethod]
    public void An_update_that_moves_a_row_onto_another_rows_key_is_refused_and_leaves_the_row_as_it_was()
    {
        var org = new SalesOrg();
        org.Service.Create(Credit(org, 41, "Ava 100% Contoso fleet"));
        Guid second = org.Service.Create(Credit(org, 42, "Ben 100% Fabrikam data platform"));

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Update(new Entity("spm_credit", second) { ["spm_sequence"] = 41, ["spm_dealname"] = "renumbered" }));

        Assert.AreEqual(DataverseErrors.DuplicateRecordEntityKey, fault.ErrorCode);
        Entity stored = org.Service.Retrieve("spm_credit", second, new ColumnSet("spm_sequence", "spm_dealname"));
        Assert.AreEqual(42, stored["spm_sequence"]);
        Assert.AreEqual("Ben 100% Fabrikam data platform", stored["spm_dealname"]);
    }

    [TestMethod]
    public void Updating_a_row_without_touching_its_key_or_rewriting_its_own_key_values_is_allowed()
    {
        var org = new SalesOrg();
        Guid credit = org.Service.Create(Credit(org, 41, "Ava 100% Contoso fleet"));

        org.Service.Update(new Entity("spm_credit", credit) { ["spm_sequence"] = 41, ["spm_dealname"] = "Ava 100% Contoso fleet (renamed)" });
        org.Service.Update(new Entity("spm_credit", credit) { ["spm_category"] = "Fleet" });

        Assert.AreEqual("Fleet", org.Service.Retrieve("spm_credit", credit, new ColumnSet("spm_category"))["spm_category"]);
    }

    [TestMethod]
    public void An_upsert_that_creates_a_row_is_held_to_the_other_keys_of_the_table()
    {
        var org = new SalesOrg();
        Guid period = ValidationTests.Period(org);
        org.Service.Create(Quota(org, period, "Ava FY25 Q1 revenue"));
        var upsert = new Entity("spm_quota", new KeyAttributeCollection { ["spm_participantid"] = new EntityReference("systemuser", org.Ben), ["spm_periodid"] = new EntityReference("spm_period", period), ["spm_measure"] = new OptionSetValue(SpmChoices.MeasureRevenue) })
        {
            ["spm_participantid"] = new EntityReference("systemuser", org.Ava),
            ["spm_amount"] = 1m,
        };

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Execute(new UpsertRequest { Target = upsert }));

        Assert.AreEqual(DataverseErrors.DuplicateRecordEntityKey, fault.ErrorCode);
        Assert.StartsWith("A record that has the attribute values spm_participantid, spm_periodid, spm_measure already exists. The entity key spm_participant_period_measure requires", fault.Message);
        Assert.AreEqual(1, org.Org.Count("spm_quota"));
    }

    [TestMethod]
    public void Rows_with_a_null_key_column_take_no_part_in_the_key()
    {
        var org = new SalesOrg();
        Guid period = ValidationTests.Period(org);
        Entity WithoutMeasure()
        {
            Entity quota = Quota(org, period, "Ava FY25 Q1 (measure to be set)");
            quota.Attributes.Remove("spm_measure");
            return quota;
        }

        org.Service.Create(WithoutMeasure());
        org.Service.Create(WithoutMeasure());

        Assert.AreEqual(2, org.Org.Count("spm_quota"));
    }

    [TestMethod]
    public void Text_key_values_collide_regardless_of_case_as_in_the_database()
    {
        var org = new SalesOrg();
        org.Service.Create(new Entity("spm_teamsconversation") { ["spm_name"] = "Ava", ["spm_conversationid"] = "a:1Xk9Q", ["spm_serviceurl"] = "https://smba.trafficmanager.net/emea/" });

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.Service.Create(new Entity("spm_teamsconversation") { ["spm_name"] = "Ava again", ["spm_conversationid"] = "A:1XK9Q", ["spm_serviceurl"] = "https://smba.trafficmanager.net/emea/" }));

        Assert.AreEqual(DataverseErrors.DuplicateRecordEntityKey, fault.ErrorCode);
    }

    internal static Entity Credit(SalesOrg org, int sequence, string name) => new("spm_credit")
    {
        ["spm_name"] = name,
        ["spm_sequence"] = sequence,
        ["spm_dealkey"] = "deal-" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["spm_dealname"] = name,
        ["spm_participantid"] = new EntityReference("systemuser", org.Ava),
        ["spm_kind"] = new OptionSetValue(SpmChoices.CreditOwner),
        ["spm_revenue"] = new Money(48_250m),
        ["transactioncurrencyid"] = new EntityReference("transactioncurrency", org.Usd),
        ["spm_creditdate"] = new DateTime(2025, 3, 14),
        ["spm_postedon"] = new DateTime(2025, 3, 14),
    };

    private static Entity Quota(SalesOrg org, Guid period, string name) => new("spm_quota")
    {
        ["spm_name"] = name,
        ["spm_participantid"] = new EntityReference("systemuser", org.Ava),
        ["spm_periodid"] = new EntityReference("spm_period", period),
        ["spm_measure"] = new OptionSetValue(SpmChoices.MeasureRevenue),
        ["spm_amount"] = 250_000m,
    };
}
