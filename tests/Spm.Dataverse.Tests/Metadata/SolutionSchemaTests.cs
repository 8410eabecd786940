using System.IO;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Metadata;

/// <summary>The schema read from solution/ (embedded at build, or from a folder at run time): what it carries beyond names and types.</summary>
[TestClass]
public sealed class SolutionSchemaTests
{
    private static readonly string SolutionFolder = Repository.Solution;

    [TestMethod]
    [DataRow(SpmChoices.PeriodQuarter, "spm_period", "spm_kind", "Quarter")]
    [DataRow(SpmChoices.PeriodLocked, "spm_period", "spm_status", "Locked")]
    [DataRow(SpmChoices.RoundingBankers, "spm_compplan", "spm_rounding", "Banker's (half to even)")]
    [DataRow(SpmChoices.ComponentTargetIncentive, "spm_plancomponent", "spm_kind", "Target Incentive")]
    [DataRow(SpmChoices.TierModeRetroactive, "spm_plancomponent", "spm_tiermode", "Retroactive")]
    [DataRow(SpmChoices.MeasureDealCount, "spm_quota", "spm_measure", "Deal Count")]
    [DataRow(SpmChoices.MeasureMargin, "spm_attainment", "spm_measure", "Margin")]
    [DataRow(SpmChoices.SplitOverlay, "spm_creditsplit", "spm_kind", "Overlay")]
    [DataRow(SpmChoices.CreditRollUp, "spm_credit", "spm_kind", "Roll-up")]
    [DataRow(SpmChoices.RecognitionWinStreak, "spm_recognition", "spm_kind", "Win Streak")]
    [DataRow(SpmChoices.StatementApproved, "spm_statement", "statuscode", "Approved")]
    [DataRow(SpmChoices.StatementPaid, "spm_statement", "statuscode", "Paid")]
    [DataRow(SpmChoices.LineDrawRecovery, "spm_statementline", "spm_linetype", "Draw Recovery")]
    [DataRow(SpmChoices.FeedbackDeclined, "spm_feedbackrequest", "spm_status", "Declined")]
    public void Each_spm_choice_constant_is_an_option_of_its_column_with_the_solutions_label(int value, string table, string column, string label)
    {
        ColumnMetadata choice = DataverseMetadata.Default().GetColumn(table, column);

        Assert.Contains(value, choice.Options);
        Assert.AreEqual(label, choice.OptionLabels[value]);
    }

    [TestMethod]
    public void A_statements_state_model_comes_from_its_statecode_and_statuscode_with_each_states_default_status_first()
    {
        TableMetadata statement = DataverseMetadata.Default().GetTable("spm_statement");

        Assert.AreEqual("spm_statementState", statement.StateEnumName);
        Assert.AreEqual("Active:1,100000000 Inactive:100000001,2", string.Join(" ", statement.States.Select(s => $"{s.Name}:{string.Join(",", s.Statuses)}")));
        Assert.AreEqual("Inactive", statement.FindColumn("statecode")!.OptionLabels[1]);
    }

    [TestMethod]
    [DataRow("spm_statement", "spm_earned", true)]
    [DataRow("spm_statement", "spm_earned_base", true)]
    [DataRow("spm_statement", "spm_totalpayable_base", true)]
    [DataRow("spm_statement", "spm_credited", false)]
    [DataRow("spm_statementline", "spm_amount", true)]
    [DataRow("spm_attainment", "spm_earned", true)]
    [DataRow("spm_attainment", "spm_attainmentpercent", false)]
    [DataRow("spm_credit", "spm_revenue", false)]
    public void Column_security_is_the_solutions_including_the_base_currency_twins(string table, string column, bool secured)
    {
        Assert.AreEqual(secured, DataverseMetadata.Default().GetColumn(table, column).IsSecured);
    }

    [TestMethod]
    public void Decimals_keep_the_solutions_precision_and_currency_columns_take_the_currencys()
    {
        DataverseMetadata metadata = DataverseMetadata.Default();

        Assert.AreEqual(4, metadata.GetColumn("spm_creditsplit", "spm_percent").Precision);
        Assert.AreEqual(10, metadata.GetColumn("spm_statement", "spm_creditedrevenue").Precision);
        Assert.AreEqual(MoneyPrecisionSource.CurrencyPrecision, metadata.GetColumn("spm_statement", "spm_earned").PrecisionSource);
        Assert.IsNull(metadata.GetColumn("spm_statement", "spm_earned").Precision);
    }

    [TestMethod]
    public void A_split_percent_is_stored_rounded_to_the_four_decimals_the_solution_declares()
    {
        var org = new InMemoryOrganization(DataverseMetadata.Default(), () => new DateTime(2025, 3, 14, 0, 0, 0, DateTimeKind.Utc));
        IOrganizationService service = org.CreateService(Guid.NewGuid());
        Guid rep = service.Create(new Entity("systemuser") { ["fullname"] = "Dana Reyes" });
        Guid deal = service.Create(new Entity("opportunity") { ["name"] = "Contoso renewal" });

        Guid split = service.Create(new Entity("spm_creditsplit")
        {
            ["spm_opportunityid"] = new EntityReference("opportunity", deal),
            ["spm_participantid"] = new EntityReference("systemuser", rep),
            ["spm_percent"] = 33.333333m,
            ["spm_kind"] = new OptionSetValue(SpmChoices.SplitRevenue),
        });

        Assert.AreEqual(33.3333m, service.Retrieve("spm_creditsplit", split, new Microsoft.Xrm.Sdk.Query.ColumnSet("spm_percent"))["spm_percent"]);
    }

    [TestMethod]
    public void The_spm_columns_of_platform_tables_come_from_the_solution_beside_the_platforms_own()
    {
        DataverseMetadata metadata = DataverseMetadata.Default();

        Assert.AreEqual(100, metadata.GetColumn("systemuser", "spm_salesteam").MaxLength);
        Assert.IsTrue(metadata.GetColumn("systemuser", "spm_hiredate").DateOnly);
        Assert.AreEqual(ColumnType.Money, metadata.GetColumn("opportunity", "spm_margin").Type);
        Assert.IsTrue(metadata.GetColumn("opportunity", "spm_margin_base").IsComputed);
        Assert.AreEqual(ColumnType.Lookup, metadata.GetColumn("systemuser", "parentsystemuserid").Type);
        Assert.AreEqual("opportunities", metadata.GetTable("opportunity").EntitySetName);
    }

    [TestMethod]
    public void Lookups_get_their_targets_and_delete_behaviour_from_the_relationships()
    {
        DataverseMetadata metadata = DataverseMetadata.Default();

        Assert.AreEqual("spm_statement", metadata.GetColumn("spm_statementline", "spm_statementid").Targets.Single());
        Assert.AreEqual("team", metadata.GetColumn("spm_teamsconversation", "spm_teamid").Targets.Single());
        RelationshipMetadata lines = metadata.RelationshipsReferencing("spm_statement").Single();
        Assert.AreEqual("spm_statement_spm_statementline_statementid", lines.SchemaName);
        Assert.AreEqual(CascadeDeleteBehavior.Cascade, lines.CascadeDelete);
        Assert.AreEqual(CascadeDeleteBehavior.Restrict, metadata.RelationshipsReferencing("spm_period").First(r => r.ReferencingTable == "spm_quota").CascadeDelete);
    }

    [TestMethod]
    public void Reading_the_solution_folder_gives_the_schema_built_into_the_assembly()
    {
        DataverseMetadata embedded = DataverseMetadata.Default();
        DataverseMetadata read = DataverseMetadata.FromSolution(SolutionFolder);

        Assert.AreSequenceEqual(Describe(embedded), Describe(read));
    }

    [TestMethod]
    public void A_change_to_a_solution_folder_is_what_FromSolution_reads()
    {
        using var copy = new SolutionCopy(SolutionFolder);
        string quota = Path.Combine(copy.Path, "Entities", "spm_quota", "Entity.xml");
        File.WriteAllText(quota, File.ReadAllText(quota).Replace("<MaxLength>500</MaxLength>", "<MaxLength>250</MaxLength>", StringComparison.Ordinal));

        Assert.AreEqual(250, DataverseMetadata.FromSolution(copy.Path).GetColumn("spm_quota", "spm_adjustmentreason").MaxLength);
        Assert.AreEqual(500, DataverseMetadata.Default().GetColumn("spm_quota", "spm_adjustmentreason").MaxLength);
    }

    [TestMethod]
    public void A_folder_that_is_not_an_unpacked_solution_is_refused_naming_it()
    {
        string folder = Path.Combine(Path.GetTempPath(), "spm-not-a-solution-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var error = Assert.ThrowsExactly<DirectoryNotFoundException>(() => DataverseMetadata.FromSolution(folder));

            Assert.AreEqual($"'{folder}' is not an unpacked solution: it has no Entities folder.", error.Message);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [TestMethod]
    [DataRow("spm_fiscalyear", "Type", "image", "Entities/spm_period/Entity.xml: spm_period.spm_fiscalyear has Type 'image', which the simulator does not model.")]
    [DataRow("spm_fiscalyear", "RequiredLevel", "mandatory",
        "Entities/spm_period/Entity.xml: spm_period.spm_fiscalyear has RequiredLevel 'mandatory' (none, recommended, required or systemrequired).")]
    [DataRow("spm_fiscalyear", "MaxValue", "2999.5.1", "Entities/spm_period/Entity.xml: spm_period.spm_fiscalyear: MaxValue '2999.5.1' is not a number.")]
    [DataRow(null, "OwnershipTypeMask", "TeamOwned", "Entities/spm_period/Entity.xml: table spm_period: OwnershipTypeMask 'TeamOwned' is neither UserOwned nor OrgOwned.")]
    public void A_malformed_entity_file_is_refused_naming_the_file_the_column_and_the_value(string? column, string element, string value, string message)
    {
        using var copy = new SolutionCopy(SolutionFolder);
        string period = Path.Combine(copy.Path, "Entities", "spm_period", "Entity.xml");
        var document = System.Xml.Linq.XDocument.Load(period);
        System.Xml.Linq.XElement scope = column is null
            ? document.Root!
            : document.Descendants("attribute").Single(a => (string?)a.Attribute("PhysicalName") == column);
        scope.Descendants(element).First().Value = value;
        document.Save(period);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => DataverseMetadata.FromSolution(copy.Path));

        Assert.AreEqual(message, error.Message);
    }

    [TestMethod]
    public void A_choice_naming_a_missing_global_option_set_is_refused_naming_both()
    {
        using var copy = new SolutionCopy(SolutionFolder);
        File.Delete(Path.Combine(copy.Path, "OptionSets", "spm_measure.xml"));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => DataverseMetadata.FromSolution(copy.Path));

        Assert.AreEqual("Entities/spm_attainment/Entity.xml: spm_attainment.spm_measure names option set 'spm_measure', which OptionSets/ does not have.", error.Message);
    }

    /// <summary>Every table and column with each property, one line each, for comparing two schemas whole.</summary>
    private static string[] Describe(DataverseMetadata metadata) =>
        metadata.Tables.OrderBy(t => t.LogicalName, StringComparer.Ordinal).SelectMany(t =>
            new[] { $"{t.LogicalName} {t.PrimaryIdAttribute} {t.PrimaryNameAttribute} {t.Ownership} {t.EntitySetName} {t.StateEnumName} "
                + string.Join(";", t.States.Select(s => $"{s.Value}{s.Name}{string.Join(",", s.Statuses)}"))
                + " " + string.Join(";", t.AlternateKeys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => k.Key + "(" + string.Join(",", k.Value) + ")")) }
            .Concat(t.Columns.OrderBy(c => c.LogicalName, StringComparer.Ordinal).Select(c =>
                $"{t.LogicalName}.{c.LogicalName} {c.Type} {c.RequiredLevel} {c.DateOnly} {c.IsComputed} {c.IsSecured} {c.MaxLength} {c.MinValue} {c.MaxValue} "
                + $"{c.Precision} {c.PrecisionSource} [{string.Join(",", c.Targets)}] [{string.Join(",", c.Options.Select(o => c.OptionLabels.TryGetValue(o, out string? l) ? $"{o}={l}" : $"{o}"))}]")))
        .Concat(metadata.Relationships.OrderBy(r => r.SchemaName, StringComparer.Ordinal)
            .Select(r => $"{r.SchemaName} {r.ReferencedTable} {r.ReferencingTable}.{r.ReferencingAttribute} {r.CascadeDelete}"))
        .ToArray();

    /// <summary>A throw-away copy of the schema files of the solution, deleted on dispose.</summary>
    private sealed class SolutionCopy : IDisposable
    {
        public SolutionCopy(string solution)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "spm-solution-" + Guid.NewGuid().ToString("N"));
            foreach (string folder in new[] { "Entities", "OptionSets", System.IO.Path.Combine("Other", "Relationships") })
            {
                foreach (string file in Directory.EnumerateFiles(System.IO.Path.Combine(solution, folder), "*.xml", SearchOption.AllDirectories))
                {
                    string target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(solution, file));
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                    File.Copy(file, target);
                }
            }
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, true);
    }
}
