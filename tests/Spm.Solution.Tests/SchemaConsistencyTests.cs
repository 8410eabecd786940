using System.Reflection;
using System.Xml.Linq;
using Spm.Dataverse.Metadata;
using Spm.Plugins.Data;
using Spm.Solution.Parts;

namespace Spm.Solution.Tests;

/// <summary>
/// The packed tables against the simulator's schema, DataverseMetadata.Default() (read from the same solution files, so this
/// checks the packer's reading against the simulator's), and against the plugins' contract (SpmSchema): in both directions,
/// with the types, choices, lookups' targets, required levels, ranges and keys.
/// </summary>
[TestClass]
public sealed class SchemaConsistencyTests
{
    private static readonly DataverseMetadata Metadata = DataverseMetadata.Default();

    private static PackedSchema Solution => PackedSchema.Unmanaged;

    private static bool IsSpm(string name) => name.StartsWith(EntitiesPart.PublisherPrefix, StringComparison.Ordinal);

    /// <summary>The metadata columns the solution must carry: every column of an spm_ table, and the spm_ columns of system tables.</summary>
    private static IEnumerable<(TableMetadata Table, ColumnMetadata Column)> SolutionColumns() =>
        Metadata.Tables.SelectMany(t => t.Columns.Where(c => IsSpm(t.LogicalName) || IsSpm(c.LogicalName)).Select(c => (t, c)));

    private static string Message(IEnumerable<string> offenders) => string.Join(Environment.NewLine, offenders);

    [TestMethod]
    public void Every_spm_table_and_every_column_of_the_metadata_is_in_the_solution()
    {
        var missing = SolutionColumns().Where(x => Solution.Column(x.Table.LogicalName, x.Column.LogicalName) == null)
            .Select(x => $"{x.Table.LogicalName}.{x.Column.LogicalName}").ToList();
        missing.AddRange(Metadata.Tables.Where(t => IsSpm(t.LogicalName) && !Solution.Tables.ContainsKey(t.LogicalName)).Select(t => t.LogicalName));

        Assert.IsEmpty(missing, "missing from solution/Entities: " + Message(missing));
    }

    [TestMethod]
    public void Every_spm_table_and_column_of_the_solution_is_in_the_metadata()
    {
        var extra = new List<string>();
        foreach (var table in Solution.Tables.Values)
        {
            if (!Metadata.TryGetTable(table.LogicalName, out var metadata))
            {
                extra.Add(table.LogicalName);
                continue;
            }

            extra.AddRange(table.Columns.Keys.Where(c => (IsSpm(c) || IsSpm(table.LogicalName)) && !metadata.HasColumn(c)).Select(c => $"{table.LogicalName}.{c}"));
        }

        Assert.IsEmpty(extra, "not in DataverseMetadata.Default(): " + Message(extra));
    }

    [TestMethod]
    public void Every_spm_table_has_the_web_api_entity_set_name_of_the_solution()
    {
        var wrong = Solution.Tables.Values.Where(t => IsSpm(t.LogicalName))
            .Where(t => t.EntitySetName == null || Metadata.GetTable(t.LogicalName).EntitySetName != t.EntitySetName)
            .Select(t => $"{t.LogicalName}: solution {t.EntitySetName ?? "(none)"}, metadata {Metadata.GetTable(t.LogicalName).EntitySetName}").ToList();

        Assert.IsEmpty(wrong, Message(wrong));
    }

    [TestMethod]
    public void Every_column_has_the_type_of_the_metadata_and_date_only_columns_are_date_only()
    {
        var wrong = new List<string>();
        foreach (var (table, column) in SolutionColumns())
        {
            if (Solution.Column(table.LogicalName, column.LogicalName) is not { } packed)
            {
                continue;
            }

            var expected = column.LogicalName == table.PrimaryIdAttribute ? "primarykey" : PackedType(column.Type);
            if (packed.Type != expected)
            {
                wrong.Add($"{table.LogicalName}.{column.LogicalName}: {packed.Type}, metadata says {expected}");
            }

            if (column.Type == ColumnType.DateTime)
            {
                var (format, behavior) = column.DateOnly ? ("date", "2") : ("datetime", "1");
                if (packed.Format != format || packed.Behavior != behavior)
                {
                    wrong.Add($"{table.LogicalName}.{column.LogicalName}: Format {packed.Format} Behavior {packed.Behavior}, expected Format {format} Behavior {behavior}");
                }
            }
        }

        Assert.IsEmpty(wrong, Message(wrong));
    }

    [TestMethod]
    public void Choice_columns_have_exactly_the_option_values_of_the_metadata()
    {
        var wrong = new List<string>();
        foreach (var (table, column) in SolutionColumns().Where(x => x.Column.Type is ColumnType.Picklist or ColumnType.State or ColumnType.Status))
        {
            if (Solution.Column(table.LogicalName, column.LogicalName) is not { } packed)
            {
                continue;
            }

            var values = Solution.Options(packed);
            if (!values.SequenceEqual(column.Options.Order()))
            {
                wrong.Add($"{table.LogicalName}.{column.LogicalName}: [{string.Join(", ", values)}], metadata says [{string.Join(", ", column.Options.Order())}]");
            }
        }

        Assert.IsEmpty(wrong, Message(wrong));
    }

    [TestMethod]
    public void The_shared_measure_choice_is_one_global_option_set()
    {
        var measureColumns = Solution.Tables.Values.SelectMany(t => t.Columns.Values.Where(c => c.LogicalName == "spm_measure").Select(c => (t.LogicalName, c))).ToList();

        Assert.IsTrue(Solution.GlobalChoices.ContainsKey("spm_measure"), "OptionSets/spm_measure.xml is not packed");
        Assert.HasCount(4, measureColumns);
        var local = measureColumns.Where(x => x.c.OptionSetName != "spm_measure" || x.c.Element.Element("optionset") != null).Select(x => $"{x.LogicalName}.spm_measure").ToList();
        Assert.IsEmpty(local, "not using the global spm_measure choice: " + Message(local));
    }

    [TestMethod]
    public void Every_spm_lookup_targets_the_metadata_tables_through_a_relationship()
    {
        var wrong = new List<string>();
        foreach (var (table, column) in SolutionColumns().Where(x => x.Column.Type == ColumnType.Lookup && IsSpm(x.Column.LogicalName)))
        {
            var key = $"{table.LogicalName}.{column.LogicalName}";
            var targets = Solution.LookupTargets.TryGetValue(key, out var t) ? t : [];
            if (!targets.SetEquals(column.Targets))
            {
                wrong.Add($"{key}: relationships reference [{string.Join(", ", targets)}], metadata targets [{string.Join(", ", column.Targets)}]");
            }
        }

        var orphans = Solution.LookupTargets.Keys.Where(k => k.Split('.') is [var table, var column] && Solution.Column(table, column)?.Type is not ("lookup" or "owner" or "customer"))
            .Select(k => $"{k}: a relationship on a column that is not a lookup of the solution");
        wrong.AddRange(orphans);

        Assert.IsEmpty(wrong, Message(wrong));
    }

    [TestMethod]
    public void Spm_columns_have_the_required_level_length_and_range_of_the_metadata()
    {
        var wrong = new List<string>();
        foreach (var (table, column) in SolutionColumns().Where(x => IsSpm(x.Column.LogicalName) && x.Column.LogicalName != x.Table.PrimaryIdAttribute))
        {
            if (Solution.Column(table.LogicalName, column.LogicalName) is not { } packed)
            {
                continue;
            }

            var name = $"{table.LogicalName}.{column.LogicalName}";
            var required = column.RequiredLevel switch
            {
                RequiredLevel.None => "none",
                RequiredLevel.Recommended => "recommended",
                RequiredLevel.ApplicationRequired => "required",
                _ => "systemrequired",
            };
            if (packed.RequiredLevel != required)
            {
                wrong.Add($"{name}: RequiredLevel {packed.RequiredLevel}, metadata says {required}");
            }

            // Both directions: a limit the solution declares and the metadata lacks is a limit the simulator would not enforce.
            if (packed.MaxLength != column.MaxLength)
            {
                wrong.Add($"{name}: MaxLength {packed.MaxLength}, metadata says {column.MaxLength}");
            }

            if (!column.IsComputed && packed.MinValue != column.MinValue)
            {
                wrong.Add($"{name}: MinValue {packed.MinValue}, metadata says {column.MinValue}");
            }

            if (!column.IsComputed && packed.MaxValue != column.MaxValue)
            {
                wrong.Add($"{name}: MaxValue {packed.MaxValue}, metadata says {column.MaxValue}");
            }
        }

        Assert.IsEmpty(wrong, Message(wrong));
    }

    [TestMethod]
    public void Every_relationship_has_the_ends_lookup_and_delete_behaviour_of_the_metadata_in_both_directions()
    {
        var solution = Solution.Relationships.Select(r =>
            $"{r.Key}: {r.Value.Referenced} → {r.Value.Referencing}.{Solution.LookupAndDelete[r.Key].Lookup} on delete {Solution.LookupAndDelete[r.Key].CascadeDelete}")
            .Order(StringComparer.Ordinal).ToArray();
        var metadata = Metadata.Relationships
            .Select(r => $"{r.SchemaName}: {r.ReferencedTable} → {r.ReferencingTable}.{r.ReferencingAttribute} on delete {r.CascadeDelete}")
            .Order(StringComparer.Ordinal).ToArray();

        Assert.AreSequenceEqual(solution, metadata);
    }

    [TestMethod]
    public void Tables_have_the_ownership_and_alternate_keys_of_the_metadata()
    {
        var wrong = new List<string>();
        foreach (var table in Metadata.Tables.Where(t => IsSpm(t.LogicalName)))
        {
            if (!Solution.Tables.TryGetValue(table.LogicalName, out var packed))
            {
                continue;
            }

            var ownership = table.Ownership == OwnershipType.UserOwned ? "UserOwned" : "OrgOwned";
            if (packed.OwnershipTypeMask != ownership)
            {
                wrong.Add($"{table.LogicalName}: OwnershipTypeMask {packed.OwnershipTypeMask}, metadata says {ownership}");
            }

            var expected = table.AlternateKeys.Select(k => $"{k.Key}({string.Join(",", k.Value)})").Order(StringComparer.Ordinal);
            var actual = packed.Keys.Select(k => $"{k.Key}({string.Join(",", k.Value)})").Order(StringComparer.Ordinal);
            if (!expected.SequenceEqual(actual))
            {
                wrong.Add($"{table.LogicalName}: keys [{string.Join(" ", actual)}], metadata says [{string.Join(" ", expected)}]");
            }
        }

        Assert.IsEmpty(wrong, Message(wrong));
    }

    [TestMethod]
    public void The_secured_columns_are_exactly_the_earnings_columns_of_the_field_security_profile()
    {
        var secured = Solution.Tables.Values.SelectMany(t => t.Columns.Values.Where(c => c.IsSecured).Select(c => $"{t.LogicalName}.{c.LogicalName}")).Order(StringComparer.Ordinal).ToArray();
        var profile = Repo.Unmanaged.Customizations.Root!.Element("FieldSecurityProfiles")!.Elements("FieldSecurityProfile")
            .Single(p => (string?)p.Attribute("name") == "SPM Earnings")
            .Descendants("FieldPermission").Select(f => $"{f.Element("EntityName")!.Value}.{f.Element("AttributeName")!.Value}").Order(StringComparer.Ordinal).ToArray();

        // A profile may only name secured columns (import fails otherwise), and a secured column no profile names is unreadable.
        Assert.AreSequenceEqual(profile, secured);
        foreach (var earnings in new[] { "spm_attainment.spm_earned", "spm_statement.spm_drawbalance", "spm_statement.spm_earned", "spm_statement.spm_totalpayable" })
        {
            Assert.Contains(earnings, secured);
        }
    }

    [TestMethod]
    public void Every_secured_money_columns_base_twin_is_secured_and_in_the_profile()
    {
        var profile = Repo.Unmanaged.Customizations.Root!.Element("FieldSecurityProfiles")!.Elements("FieldSecurityProfile")
            .Single(p => (string?)p.Attribute("name") == "SPM Earnings")
            .Descendants("FieldPermission").Select(f => $"{f.Element("EntityName")!.Value}.{f.Element("AttributeName")!.Value}").ToHashSet(StringComparer.Ordinal);
        var wrong = new List<string>();
        foreach (var table in Solution.Tables.Values)
        {
            foreach (var column in table.Columns.Values.Where(c => c.IsSecured && c.Type == "money" && !c.LogicalName.EndsWith("_base", StringComparison.Ordinal)))
            {
                // The base-currency twin carries the same amount (divided by the exchange rate): securing one without the other leaks it.
                var twin = column.LogicalName + "_base";
                if (!table.Columns.TryGetValue(twin, out var packed))
                {
                    wrong.Add($"{table.LogicalName}.{twin} does not exist");
                    continue;
                }

                if (!packed.IsSecured)
                {
                    wrong.Add($"{table.LogicalName}.{twin} is not secured");
                }

                if (!profile.Contains($"{table.LogicalName}.{twin}"))
                {
                    wrong.Add($"{table.LogicalName}.{twin} is not in SPM Earnings");
                }
            }
        }

        Assert.IsEmpty(wrong, Message(wrong));
        Assert.Contains("spm_statement.spm_totalpayable_base", profile);
    }

    [TestMethod]
    public void Every_column_the_plugins_read_or_write_is_in_the_solution()
    {
        // Columns of system tables that SPM does not add (opportunity.name...) are the platform's; SpmSchema's spm_ ones must ship.
        var missing = ContractColumns().Where(c => (IsSpm(c.Table) || IsSpm(c.Column)) && Solution.Column(c.Table, c.Column) == null)
            .Select(c => $"{c.Table}.{c.Column}").ToList();

        Assert.IsEmpty(missing, "SpmSchema names columns solution/Entities does not have: " + Message(missing));
    }

    [TestMethod]
    public void Every_spm_table_has_a_main_form_an_active_view_a_quick_find_view_and_a_lookup_view()
    {
        var missing = new List<string>();
        foreach (var table in Solution.Tables.Values.Where(t => IsSpm(t.LogicalName)))
        {
            if (!table.Forms("main").Any())
            {
                missing.Add($"{table.LogicalName}: main form");
            }

            if (!table.ViewsOfType(0).Any(v => v.Element("isdefault")?.Value == "1"))
            {
                missing.Add($"{table.LogicalName}: default public view (querytype 0)");
            }

            if (!table.ViewsOfType(4).Any(v => v.Element("isquickfindquery")?.Value == "1"))
            {
                missing.Add($"{table.LogicalName}: quick find view (querytype 4)");
            }

            if (!table.ViewsOfType(64).Any())
            {
                missing.Add($"{table.LogicalName}: lookup view (querytype 64)");
            }
        }

        Assert.IsEmpty(missing, Message(missing));
    }

    [TestMethod]
    public void The_statement_form_shows_attainment_and_earnings()
    {
        var form = Solution.Tables["spm_statement"].Forms("main").Single();
        var fields = form.Descendants("control").Select(c => (string?)c.Attribute("datafieldname")).ToList();

        foreach (var column in new[] { "spm_participantid", "spm_periodid", "spm_credited", "spm_quota", "spm_attainmentpercent", "spm_earned", "spm_totalpayable", "spm_drawbalance" })
        {
            Assert.Contains(column, fields);
        }
    }

    [TestMethod]
    public void Every_form_and_view_names_only_columns_of_its_table()
    {
        var wrong = new List<string>();
        foreach (var table in Solution.Tables.Values)
        {
            foreach (var form in table.Forms("main"))
            {
                wrong.AddRange(form.Descendants("control").Select(c => (string?)c.Attribute("datafieldname")).OfType<string>()
                    .Where(c => !table.Columns.ContainsKey(c)).Select(c => $"{table.LogicalName}.{c} (form {form.Element("formid")?.Value})"));
            }

            foreach (var view in table.Views)
            {
                var id = view.Element("savedqueryid")?.Value;
                var fetch = view.Element("fetchxml")?.Element("fetch")?.Element("entity");
                var named = (view.Element("layoutxml")?.Descendants("cell").Select(c => (string?)c.Attribute("name")) ?? [])
                    .Concat(view.Element("layoutxml")?.Descendants("row").Select(r => (string?)r.Attribute("id")) ?? [])
                    .Concat(fetch?.Elements().Where(e => e.Name.LocalName is "attribute" or "order").Select(e => (string?)e.Attribute("attribute") ?? (string?)e.Attribute("name")) ?? [])
                    .Concat(fetch?.Descendants("condition").Select(c => (string?)c.Attribute("attribute")) ?? [])
                    .OfType<string>();
                wrong.AddRange(named.Where(c => !table.Columns.ContainsKey(c)).Distinct().Select(c => $"{table.LogicalName}.{c} (view {id})"));
                if ((string?)fetch?.Attribute("name") != table.LogicalName)
                {
                    wrong.Add($"{table.LogicalName}: view {id} fetches {(string?)fetch?.Attribute("name")}");
                }
            }
        }

        Assert.IsEmpty(wrong, "unknown columns: " + Message(wrong));
    }

    [TestMethod]
    public void Every_subgrid_shows_a_child_table_through_its_relationship_and_one_of_its_views()
    {
        var wrong = new List<string>();
        var subgrids = 0;
        foreach (var table in Solution.Tables.Values)
        {
            foreach (var grid in table.Forms("main").Descendants("control").Where(c => (string?)c.Attribute("indicationOfSubgrid") == "true"))
            {
                subgrids++;
                var parameters = grid.Element("parameters")!;
                var child = parameters.Element("TargetEntityType")?.Value ?? string.Empty;
                var relationship = parameters.Element("RelationshipName")?.Value ?? string.Empty;
                var name = $"{table.LogicalName} subgrid {(string?)grid.Attribute("id")}";
                if (!Solution.Relationships.TryGetValue(relationship, out var ends) || ends != (table.LogicalName, child))
                {
                    wrong.Add($"{name}: relationship '{relationship}' is not {table.LogicalName} → {child}");
                }

                var viewId = parameters.Element("ViewId")?.Value;
                if (!Solution.Tables.TryGetValue(child, out var target) || !target.Views.Any(v => string.Equals(v.Element("savedqueryid")?.Value, viewId, StringComparison.OrdinalIgnoreCase)))
                {
                    wrong.Add($"{name}: view {viewId} is not a view of {child}");
                }
            }
        }

        Assert.IsEmpty(wrong, Message(wrong));
        Assert.IsGreaterThanOrEqualTo(5, subgrids);
    }

    [TestMethod]
    public void New_tables_ship_whole_and_system_tables_only_their_spm_columns()
    {
        var components = Repo.Unmanaged.Manifest!.Descendants("RootComponent").Where(c => (string?)c.Attribute("type") == "1")
            .ToDictionary(c => (string)c.Attribute("schemaName")!, c => (string)c.Attribute("behavior")!, StringComparer.Ordinal);

        var wrong = Solution.Tables.Keys.Where(t => !components.TryGetValue(t, out var behavior) || behavior != (IsSpm(t) ? "0" : "2"))
            .Select(t => $"{t}: behavior {(components.TryGetValue(t, out var b) ? b : "missing")}").ToList();
        wrong.AddRange(Solution.Tables.Values.Where(t => !IsSpm(t.LogicalName)).SelectMany(t => t.Columns.Keys.Where(c => !IsSpm(c)).Select(c => $"{t.LogicalName}.{c}: a platform column in a system table")));

        Assert.IsEmpty(wrong, Message(wrong));
        Assert.AreSequenceEqual(new[] { "opportunity", "systemuser" }, Solution.Tables.Keys.Where(t => !IsSpm(t)).Order(StringComparer.Ordinal).ToArray());
    }

    [TestMethod]
    public void A_relationship_on_a_column_that_is_not_a_lookup_or_not_listed_is_a_problem_naming_the_file()
    {
        using var copy = TempSolution.Copy();
        var file = Path.Combine(copy.Path, "Other", "Relationships", "spm_period.xml");
        var relationships = XDocument.Load(file);
        var added = new XElement(relationships.Root!.Elements("EntityRelationship").First());
        added.SetAttributeValue("Name", "spm_period_spm_quota_bogus");
        added.Element("ReferencingEntityName")!.Value = "spm_quota";
        added.Element("ReferencingAttributeName")!.Value = "spm_amount";
        relationships.Root.Add(added);
        relationships.Save(file);

        var packed = new SolutionPacker().Pack(copy.Path, new SolutionOptions { PluginAssemblyPath = Repo.PluginAssembly });

        Assert.IsNull(packed.Zip);
        var problems = packed.Problems.Where(p => p.Contains("spm_period_spm_quota_bogus", StringComparison.Ordinal)).ToList();
        Assert.HasCount(2, problems, Message(packed.Problems));
        Assert.Contains(p => p.StartsWith("Other/Relationships/spm_period.xml: ", StringComparison.Ordinal) && p.Contains("not listed in Other/Relationships.xml", StringComparison.Ordinal), problems);
        Assert.Contains(p => p.Contains("spm_quota.spm_amount is not a lookup column", StringComparison.Ordinal), problems);
    }

    [TestMethod]
    public void A_choice_column_naming_a_missing_global_choice_is_a_problem_naming_the_table_and_column()
    {
        using var copy = TempSolution.Copy();
        File.Delete(Path.Combine(copy.Path, "OptionSets", "spm_measure.xml"));

        var packed = new SolutionPacker().Pack(copy.Path, new SolutionOptions { PluginAssemblyPath = Repo.PluginAssembly });

        Assert.IsNull(packed.Zip);
        Assert.Contains(p => p.StartsWith("Entities/spm_quota/Entity.xml: ", StringComparison.Ordinal) && p.Contains("spm_quota.spm_measure names option set 'spm_measure'", StringComparison.Ordinal), packed.Problems, Message(packed.Problems));
        Assert.Contains(p => p.Contains("RootComponents lists type 9 spm_measure", StringComparison.Ordinal), packed.Problems, Message(packed.Problems));
    }

    [TestMethod]
    public void A_view_file_not_named_after_its_id_is_a_problem_naming_the_file()
    {
        using var copy = TempSolution.Copy();
        var views = Path.Combine(copy.Path, "Entities", "spm_credit", "SavedQueries");
        var first = Directory.GetFiles(views).Order(StringComparer.Ordinal).First();
        File.Move(first, Path.Combine(views, "renamed.xml"));

        var packed = new SolutionPacker().Pack(copy.Path, new SolutionOptions { PluginAssemblyPath = Repo.PluginAssembly });

        var problem = packed.Problems.Single();
        Assert.StartsWith("Entities/spm_credit/SavedQueries/renamed.xml: ", problem);
        Assert.Contains($"must be in a file named {Path.GetFileNameWithoutExtension(first)}.xml", problem);
    }

    private static string PackedType(ColumnType type) => type switch
    {
        ColumnType.String => "nvarchar",
        ColumnType.Memo => "ntext",
        ColumnType.Integer => "int",
        ColumnType.Decimal => "decimal",
        ColumnType.Double => "float",
        ColumnType.Money => "money",
        ColumnType.Boolean => "bit",
        ColumnType.DateTime => "datetime",
        ColumnType.Lookup => "lookup",
        ColumnType.Owner => "owner",
        ColumnType.Picklist => "picklist",
        ColumnType.State => "state",
        ColumnType.Status => "status",
        ColumnType.Uniqueidentifier => "uniqueidentifier",
        _ => type.ToString(),
    };

    /// <summary>Every (table, column) the plugins name in SpmSchema: string constants of each nested class except Table.</summary>
    private static IEnumerable<(string Table, string Column)> ContractColumns() =>
        typeof(SpmSchema).GetNestedTypes().SelectMany(type =>
        {
            var table = (string)type.GetField("Table")!.GetRawConstantValue()!;
            return type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name != "Table")
                .Select(f => (table, (string)f.GetRawConstantValue()!));
        });
}
