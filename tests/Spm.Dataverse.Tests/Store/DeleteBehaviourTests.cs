using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Store;

[TestClass]
public sealed class DeleteBehaviourTests
{
    [TestMethod]
    public void Deleting_a_period_that_quotas_reference_is_refused_naming_the_child_table_and_relationship()
    {
        var org = new SalesOrg();
        Guid period = ValidationTests.Period(org);
        org.Service.Create(Quota(org, period));

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Delete("spm_period", period));

        Assert.AreEqual(DataverseErrors.CannotDeleteDueToAssociation, fault.ErrorCode);
        Assert.AreEqual(unchecked((int)0x80040227), fault.ErrorCode);
        Assert.StartsWith("The object you tried to delete is associated with another object and cannot be deleted.", fault.Message);
        Assert.Contains("referenced by 1 spm_quota record(s) through relationship spm_period_spm_quota_periodid (spm_quota.spm_periodid)", fault.Message);
        Assert.AreEqual(1, org.Org.Count("spm_period"));
        Assert.AreEqual(1, org.Org.Count("spm_quota"));
    }

    [TestMethod]
    public void A_period_nothing_references_can_be_deleted()
    {
        var org = new SalesOrg();
        Guid period = ValidationTests.Period(org);

        org.Service.Delete("spm_period", period);

        Assert.AreEqual(0, org.Org.Count("spm_period"));
    }

    [TestMethod]
    public void Deleting_a_plan_deletes_its_components_and_their_tiers_and_its_spiffs()
    {
        var org = new SalesOrg();
        Plan plan = Plan.Create(org);
        Guid otherPlan = org.Service.Create(new Entity("spm_compplan") { ["spm_name"] = "FY25 AE plan" });
        Guid otherComponent = org.Service.Create(Plan.NewComponent(otherPlan));

        org.Service.Delete("spm_compplan", plan.Id);

        Assert.AreEqual(1, org.Org.Count("spm_compplan"));
        Assert.AreEqual(1, org.Org.Count("spm_plancomponent"));
        Assert.AreEqual(0, org.Org.Count("spm_plantier"));
        Assert.AreEqual(0, org.Org.Count("spm_spiff"));
        Assert.IsNotNull(org.Org.Snapshot("spm_plancomponent", otherComponent, null));
    }

    [TestMethod]
    public void A_cascade_that_reaches_a_restricted_row_refuses_the_whole_delete_and_keeps_every_row()
    {
        var org = new SalesOrg();
        Guid period = ValidationTests.Period(org);
        Guid statement = org.Service.Create(new Entity("spm_statement") { ["spm_name"] = "Ava FY25 Q1", ["spm_participantid"] = new EntityReference("systemuser", org.Ava), ["spm_periodid"] = new EntityReference("spm_period", period) });
        Guid line = org.Service.Create(new Entity("spm_statementline") { ["spm_name"] = "Commission", ["spm_statementid"] = new EntityReference("spm_statement", statement), ["spm_amount"] = new Money(1_200m) });
        org.Service.Create(new Entity("spm_statementline") { ["spm_name"] = "SPIFF", ["spm_statementid"] = new EntityReference("spm_statement", statement), ["spm_amount"] = new Money(250m) });
        org.Service.Create(new Entity("spm_inquiry") { ["spm_name"] = "Missing Fabrikam credit", ["spm_statementlineid"] = new EntityReference("spm_statementline", line), ["spm_reason"] = "Fabrikam closed on 28 March." });

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Delete("spm_statement", statement));

        Assert.AreEqual(DataverseErrors.CannotDeleteDueToAssociation, fault.ErrorCode);
        Assert.Contains("spm_statementline With Id = " + line.ToString("D"), fault.Message);
        Assert.Contains("spm_inquiry", fault.Message);
        Assert.AreEqual(1, org.Org.Count("spm_statement"));
        Assert.AreEqual(2, org.Org.Count("spm_statementline"));
    }

    [TestMethod]
    public void Deleting_an_opportunity_keeps_its_credits_with_the_opportunity_link_removed()
    {
        var org = new SalesOrg();
        Guid deal = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);
        Entity credit = AlternateKeyTests.Credit(org, 1, "Ava 100% Contoso fleet");
        credit["spm_opportunityid"] = new EntityReference("opportunity", deal);
        Guid creditId = org.Service.Create(credit);
        string versionBefore = org.Org.Snapshot("spm_credit", creditId, null)!.RowVersion;

        org.Service.Delete("opportunity", deal);

        Entity kept = org.Service.Retrieve("spm_credit", creditId, new ColumnSet(true));
        Assert.IsFalse(kept.Contains("spm_opportunityid"));
        Assert.AreEqual("deal-1", kept["spm_dealkey"]);
        Assert.AreNotEqual(versionBefore, kept.RowVersion);
    }

    [TestMethod]
    public void A_rolled_back_delete_restores_the_cascaded_children_and_the_removed_links()
    {
        var org = new SalesOrg();
        Plan plan = Plan.Create(org);
        Guid deal = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);
        Guid split = org.Service.Create(new Entity("spm_creditsplit") { ["spm_name"] = "Ava 60%", ["spm_opportunityid"] = new EntityReference("opportunity", deal), ["spm_percent"] = 60m });

        using (org.Org.BeginTransaction())
        {
            org.Service.Delete("spm_compplan", plan.Id);
            org.Service.Delete("opportunity", deal);
        }

        Assert.AreEqual(2, org.Org.Count("spm_plantier"));
        Assert.AreEqual(new EntityReference("opportunity", deal), org.Org.Snapshot("spm_creditsplit", split, null)!["spm_opportunityid"]);
    }

    [TestMethod]
    public void The_default_schema_carries_the_delete_behaviour_of_every_spm_relationship()
    {
        DataverseMetadata metadata = DataverseMetadata.Default();
        RelationshipMetadata lines = metadata.Relationships.Single(r => r.SchemaName == "spm_statement_spm_statementline_statementid");

        Assert.HasCount(33, metadata.Relationships);
        Assert.AreEqual(("spm_statement", "spm_statementline", "spm_statementid", CascadeDeleteBehavior.Cascade), (lines.ReferencedTable, lines.ReferencingTable, lines.ReferencingAttribute, lines.CascadeDelete));
        Assert.AreEqual(CascadeDeleteBehavior.Restrict, metadata.Relationships.Single(r => r.SchemaName == "spm_credit_spm_statementline_creditid").CascadeDelete);
        Assert.AreEqual(CascadeDeleteBehavior.RemoveLink, metadata.Relationships.Single(r => r.SchemaName == "spm_opportunity_spm_credit_opportunityid").CascadeDelete);
    }

    [TestMethod]
    public void A_relationship_on_a_column_that_is_not_a_lookup_to_the_parent_is_refused()
    {
        DataverseMetadata metadata = DataverseMetadata.Default();

        var error = Assert.ThrowsExactly<ArgumentException>(() => metadata.AddRelationship("spm_period_spm_quota_amount", "spm_period", "spm_quota", "spm_participantid", CascadeDeleteBehavior.Cascade));

        Assert.Contains("spm_quota.spm_participantid is not a lookup to spm_period", error.Message);
    }

    private static Entity Quota(SalesOrg org, Guid period) => new("spm_quota")
    {
        ["spm_name"] = "Ava FY25 Q1 revenue",
        ["spm_participantid"] = new EntityReference("systemuser", org.Ava),
        ["spm_periodid"] = new EntityReference("spm_period", period),
        ["spm_measure"] = new OptionSetValue(SpmChoices.MeasureRevenue),
        ["spm_amount"] = 250_000m,
    };

    /// <summary>A plan with one component of two tiers and one SPIFF.</summary>
    internal sealed record Plan(Guid Id, Guid ComponentId)
    {
        public static Plan Create(SalesOrg org)
        {
            Guid plan = org.Service.Create(new Entity("spm_compplan") { ["spm_name"] = "FY25 AE plan" });
            Guid component = org.Service.Create(NewComponent(plan));
            foreach ((decimal from, decimal rate) in new[] { (0m, 0.05m), (100m, 0.08m) })
            {
                org.Service.Create(new Entity("spm_plantier") { ["spm_name"] = $"from {from}%", ["spm_plancomponentid"] = new EntityReference("spm_plancomponent", component), ["spm_frompercent"] = from, ["spm_rate"] = rate });
            }

            org.Service.Create(new Entity("spm_spiff")
            {
                ["spm_name"] = "Q1 fleet SPIFF", ["spm_compplanid"] = new EntityReference("spm_compplan", plan), ["spm_bonusperdeal"] = new Money(500m),
                ["spm_firstday"] = new DateTime(2025, 1, 1), ["spm_lastday"] = new DateTime(2025, 3, 31),
            });
            return new Plan(plan, component);
        }

        public static Entity NewComponent(Guid plan) => new("spm_plancomponent")
        {
            ["spm_name"] = "Revenue commission",
            ["spm_compplanid"] = new EntityReference("spm_compplan", plan),
            ["spm_kind"] = new OptionSetValue(SpmChoices.ComponentCommission),
            ["spm_measure"] = new OptionSetValue(SpmChoices.MeasureRevenue),
        };
    }
}
