using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Metadata;

[TestClass]
public sealed class DataverseMetadataTests
{
    [TestMethod]
    [DataRow("opportunity", "opportunities")]
    [DataRow("systemuser", "systemusers")]
    [DataRow("transactioncurrency", "transactioncurrencies")]
    [DataRow("territory", "territories")]
    [DataRow("systemuserroles", "systemuserrolescollection")]
    [DataRow("principalobjectaccess", "principalobjectaccessset")]
    [DataRow("spm_inquiry", "spm_inquiries")]
    [DataRow("spm_statement", "spm_statements")]
    public void Tables_carry_the_entity_set_name_the_web_api_serves_them_under(string table, string entitySet)
    {
        Assert.AreEqual(entitySet, DataverseMetadata.Default().GetTable(table).EntitySetName);
    }

    [TestMethod]
    public void The_default_schema_has_the_system_tables_and_every_spm_table()
    {
        DataverseMetadata metadata = DataverseMetadata.Default();

        foreach (string table in new[]
        {
            "systemuser", "team", "businessunit", "transactioncurrency", "opportunity", "opportunityclose",
            "role", "systemuserroles", "teamroles", "teammembership", "principalobjectaccess",
            "spm_period", "spm_compplan", "spm_quota", "spm_creditsplit", "spm_credit", "spm_attainment", "spm_statement",
            "spm_statementline", "spm_adjustment", "spm_recognition", "spm_feedbackrequest", "spm_plancomponent", "spm_plantier",
            "spm_spiff", "spm_planassignment", "spm_ledgerstate", "spm_inquiry", "spm_planacknowledgement", "spm_teamsconversation",
        })
        {
            Assert.IsTrue(metadata.TryGetTable(table, out _), table);
        }
    }

    /// <summary>
    /// The plugins' contract (Spm.Plugins.Data.SpmSchema), spelled out: every column with its type, DateOnly ("date") or
    /// lookup target. The sandbox cannot reference the plugin assembly, so the list is repeated here.
    /// </summary>
    private static readonly Dictionary<string, string> SpmSchemaColumns = new()
    {
        ["opportunity"] = "opportunityid:Uniqueidentifier name:String ownerid:Owner statecode:State statuscode:Status actualvalue:Money actualvalue_base:Money "
            + "estimatedvalue:Money estimatedvalue_base:Money actualclosedate:date estimatedclosedate:date closeprobability:Integer "
            + "transactioncurrencyid:transactioncurrency exchangerate:Decimal createdon:DateTime spm_margin:Money spm_units:Decimal spm_category:String",
        ["systemuser"] = "systemuserid:Uniqueidentifier fullname:String parentsystemuserid:systemuser spm_salesteam:String spm_territory:String "
            + "spm_hiredate:date spm_isparticipant:Boolean transactioncurrencyid:transactioncurrency",
        ["transactioncurrency"] = "transactioncurrencyid:Uniqueidentifier isocurrencycode:String currencyprecision:Integer currencysymbol:String exchangerate:Decimal",
        ["spm_period"] = "spm_periodid:Uniqueidentifier spm_name:String spm_kind:Picklist spm_fiscalyear:Integer spm_number:Integer spm_startdate:date "
            + "spm_enddate:date spm_status:Picklist",
        ["spm_compplan"] = "spm_compplanid:Uniqueidentifier spm_name:String transactioncurrencyid:transactioncurrency spm_rounding:Picklist spm_drawamount:Money "
            + "spm_drawrecoverable:Boolean spm_clawbackdays:Integer",
        ["spm_plancomponent"] = "spm_plancomponentid:Uniqueidentifier spm_compplanid:spm_compplan spm_name:String spm_kind:Picklist spm_measure:Picklist "
            + "spm_tiermode:Picklist spm_thresholdpercent:Decimal spm_attainmentcappercent:Decimal spm_payoutcap:Money spm_targetincentive:Money spm_order:Integer",
        ["spm_plantier"] = "spm_plantierid:Uniqueidentifier spm_plancomponentid:spm_plancomponent spm_name:String spm_frompercent:Decimal spm_topercent:Decimal spm_rate:Decimal",
        ["spm_spiff"] = "spm_spiffid:Uniqueidentifier spm_compplanid:spm_compplan spm_name:String spm_firstday:date spm_lastday:date spm_bonusperdeal:Money "
            + "spm_minimumdealamount:Money spm_category:String",
        ["spm_planassignment"] = "spm_planassignmentid:Uniqueidentifier spm_participantid:systemuser spm_compplanid:spm_compplan spm_effectivefrom:date",
        ["spm_quota"] = "spm_quotaid:Uniqueidentifier spm_participantid:systemuser spm_periodid:spm_period spm_measure:Picklist spm_amount:Decimal spm_ramp:String "
            + "spm_adjustmentdelta:Decimal spm_adjustmentdate:date spm_adjustmentreason:String",
        ["spm_creditsplit"] = "spm_creditsplitid:Uniqueidentifier spm_opportunityid:opportunity spm_participantid:systemuser spm_percent:Decimal spm_kind:Picklist",
        ["spm_credit"] = "spm_creditid:Uniqueidentifier spm_name:String spm_sequence:Integer spm_opportunityid:opportunity spm_dealkey:String spm_dealname:String "
            + "spm_participantid:systemuser spm_kind:Picklist spm_share:Decimal spm_creditdate:date spm_revenue:Money spm_margin:Money spm_units:Decimal "
            + "spm_dealamount:Money spm_category:String spm_reversalofsequence:Integer spm_postedon:date",
        ["spm_statement"] = "spm_statementid:Uniqueidentifier spm_name:String spm_participantid:systemuser spm_periodid:spm_period spm_compplanid:spm_compplan "
            + "spm_measure:Picklist spm_credited:Money spm_quota:Money spm_attainmentpercent:Decimal spm_earned:Money spm_totalpayable:Money spm_drawbalance:Money "
            + "spm_ledgersequence:Integer spm_frozen:Boolean spm_recalculatedon:DateTime",
        ["spm_ledgerstate"] = "spm_ledgerstateid:Uniqueidentifier spm_name:String spm_configversion:String spm_lockedby:String",
        ["spm_recognition"] = "spm_recognitionid:Uniqueidentifier spm_name:String spm_participantid:systemuser spm_kind:Picklist spm_periodname:String "
            + "spm_detail:Memo spm_opportunityid:opportunity spm_value:Decimal spm_dedupkey:String",
    };

    [TestMethod]
    public void Every_table_and_column_of_the_plugins_schema_exists_with_its_type()
    {
        DataverseMetadata metadata = DataverseMetadata.Default();
        var problems = new List<string>();

        foreach ((string table, string columns) in SpmSchemaColumns)
        {
            foreach (string spec in columns.Split(' '))
            {
                string[] parts = spec.Split(':');
                ColumnMetadata? column = metadata.GetTable(table).FindColumn(parts[0]);
                string expected = parts[1];
                string actual = column is null ? "missing"
                    : column.Type is ColumnType.Lookup ? string.Join(",", column.Targets)
                    : column.Type is ColumnType.DateTime && column.DateOnly ? "date"
                    : column.Type.ToString();
                if (actual != expected)
                {
                    problems.Add($"{table}.{parts[0]}: {actual}, expected {expected}");
                }
            }

            if (metadata.GetTable(table).Columns.Any(c => c.Type == ColumnType.Money))
            {
                Assert.IsTrue(metadata.GetTable(table).IsCurrencyTable, table + " has money columns, so it needs its currency");
            }
        }

        Assert.IsEmpty(problems, string.Join(Environment.NewLine, problems));
    }

    [TestMethod]
    public void The_spm_choices_have_the_values_of_the_plugins_schema()
    {
        DataverseMetadata metadata = DataverseMetadata.Default();
        string Options(string table, string column) => string.Join(",", metadata.GetColumn(table, column).Options);

        Assert.AreEqual("1,3,12", Options("spm_period", "spm_kind"));
        Assert.AreEqual("100000000,100000001,100000002", Options("spm_period", "spm_status"));
        Assert.AreEqual("100000000,100000001", Options("spm_compplan", "spm_rounding"));
        Assert.AreEqual("100000000,100000001", Options("spm_plancomponent", "spm_kind"));
        Assert.AreEqual("100000000,100000001", Options("spm_plancomponent", "spm_tiermode"));
        Assert.AreEqual("100000000,100000001", Options("spm_creditsplit", "spm_kind"));
        foreach (string table in new[] { "spm_quota", "spm_statement", "spm_plancomponent" })
        {
            Assert.AreEqual("100000000,100000001,100000002,100000003", Options(table, "spm_measure"), table);
        }

        Assert.AreEqual("100000000,100000001,100000002,100000003", Options("spm_credit", "spm_kind"));
        Assert.AreEqual("100000000,100000001,100000002,100000003", Options("spm_recognition", "spm_kind"));
        Assert.AreEqual(100000003, SpmChoices.CreditRollUp);
        Assert.AreEqual(100000003, SpmChoices.MeasureDealCount);
        Assert.AreEqual(100000003, SpmChoices.RecognitionWinStreak);
        Assert.AreEqual(3, SpmChoices.PeriodQuarter);
    }

    [TestMethod]
    public void Columns_that_duplicate_the_plugins_schema_under_other_names_are_gone()
    {
        DataverseMetadata metadata = DataverseMetadata.Default();

        Assert.IsFalse(metadata.GetTable("spm_period").HasColumn("spm_periodtype"));
        Assert.IsFalse(metadata.GetTable("spm_creditsplit").HasColumn("spm_splittype"));
        Assert.IsFalse(metadata.GetTable("spm_credit").HasColumn("spm_credittype"));
        Assert.IsFalse(metadata.GetTable("spm_credit").HasColumn("spm_sourcekey"));
        Assert.IsFalse(metadata.GetTable("spm_credit").HasColumn("spm_amount"));
        Assert.IsFalse(metadata.GetTable("spm_quota").HasColumn("spm_rampfactor"));
        Assert.IsFalse(metadata.GetTable("spm_recognition").HasColumn("spm_recipientid"));
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
        first.AddColumn("opportunity", "spm_marginpercent", ColumnType.Decimal);

        Assert.IsFalse(DataverseMetadata.Default().GetTable("opportunity").HasColumn("spm_marginpercent"));
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
