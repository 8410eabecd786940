using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Metadata;

[TestClass]
public sealed class DataverseMetadataTests
{
    [TestMethod]
    public void The_default_schema_has_the_system_tables_and_every_spm_table()
    {
        DataverseMetadata metadata = DataverseMetadata.Default();

        foreach (string table in new[]
        {
            "systemuser", "team", "businessunit", "transactioncurrency", "opportunity", "opportunityclose",
            "spm_period", "spm_compplan", "spm_quota", "spm_creditsplit", "spm_credit", "spm_attainment", "spm_statement",
            "spm_statementline", "spm_adjustment", "spm_recognition", "spm_feedbackrequest",
        })
        {
            Assert.IsTrue(metadata.TryGetTable(table, out _), table);
        }
    }

    [TestMethod]
    public void Opportunity_has_the_open_won_lost_state_model_and_computed_base_money_columns()
    {
        TableMetadata opportunity = DataverseMetadata.Default().GetTable("opportunity");

        Assert.AreEqual("opportunityid", opportunity.PrimaryIdAttribute);
        Assert.AreEqual("name", opportunity.PrimaryNameAttribute);
        Assert.AreEqual(OwnershipType.UserOwned, opportunity.Ownership);
        Assert.AreEqual("1,2", string.Join(",", opportunity.FindState(0)!.Statuses));
        Assert.AreEqual("3", string.Join(",", opportunity.FindState(1)!.Statuses));
        Assert.AreEqual("4,5", string.Join(",", opportunity.FindState(2)!.Statuses));
        Assert.AreEqual("Won", opportunity.StateOfStatus(3)!.Name);
        Assert.IsTrue(opportunity.FindColumn("actualvalue_base")!.IsComputed);
        Assert.AreEqual(ColumnType.Money, opportunity.FindColumn("estimatedvalue_base")!.Type);
        Assert.IsTrue(opportunity.FindColumn("actualclosedate")!.DateOnly);
        Assert.AreEqual("account,contact", string.Join(",", opportunity.FindColumn("customerid")!.Targets));
        Assert.IsTrue(opportunity.IsCurrencyTable);
        Assert.IsFalse(DataverseMetadata.Default().GetTable("transactioncurrency").IsCurrencyTable);
    }

    [TestMethod]
    public void Each_call_to_Default_builds_an_independent_schema()
    {
        DataverseMetadata first = DataverseMetadata.Default();
        first.AddColumn("opportunity", "spm_margin", ColumnType.Decimal);

        Assert.IsFalse(DataverseMetadata.Default().GetTable("opportunity").HasColumn("spm_margin"));
    }

    [TestMethod]
    public void A_custom_table_added_in_code_is_stored_validated_and_queryable()
    {
        DataverseMetadata metadata = DataverseMetadata.Default();
        TableMetadata territoryQuota = metadata.AddTable("spm_territoryquota", "spm_territoryquotaid", "spm_name", OwnershipType.UserOwned)
            .WithCurrency()
            .WithActiveInactiveStates("spm_territoryquotaState");
        territoryQuota.AddColumn("spm_territoryid", ColumnType.Lookup).WithTargets("territory");
        territoryQuota.AddColumn("spm_target", ColumnType.Money).Required();
        var org = new InMemoryOrganization(metadata, () => new DateTime(2025, 3, 14, 0, 0, 0, DateTimeKind.Utc));
        IOrganizationService service = org.CreateService(Guid.NewGuid());
        Guid nordics = service.Create(new Entity("territory") { ["name"] = "Nordics" });

        service.Create(new Entity("spm_territoryquota")
        {
            ["spm_name"] = "Nordics FY25", ["spm_territoryid"] = new EntityReference("territory", nordics), ["spm_target"] = new Money(2_500_000m),
        });
        var missing = Assert.ThrowsExactly<DataverseFaultException>(() => service.Create(new Entity("spm_territoryquota") { ["spm_name"] = "No target" }));

        Entity row = service.RetrieveMultiple(new QueryExpression("spm_territoryquota") { ColumnSet = new ColumnSet(true) }).Entities.Single();
        Assert.AreEqual(new Money(2_500_000m), row["spm_target_base"]);
        Assert.AreEqual("Nordics", row.GetAttributeValue<EntityReference>("spm_territoryid").Name);
        Assert.AreEqual(new OptionSetValue(0), row["statecode"]);
        Assert.AreEqual(DataverseErrors.RequiredFieldMissing, missing.ErrorCode);
    }

    [TestMethod]
    public void Unknown_tables_and_columns_fault_with_the_dataverse_codes()
    {
        DataverseMetadata metadata = DataverseMetadata.Default();

        Assert.AreEqual(DataverseErrors.QueryBuilderNoEntity, Assert.ThrowsExactly<DataverseFaultException>(() => metadata.GetTable("lead")).ErrorCode);
        Assert.AreEqual(DataverseErrors.QueryBuilderNoAttribute, Assert.ThrowsExactly<DataverseFaultException>(() => metadata.GetColumn("opportunity", "revenue")).ErrorCode);
    }
}
