using System.Xml.Linq;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Registration;

namespace Spm.Solution.Tests;

[TestClass]
public sealed class SecurityAndAppTests
{
    private static readonly string[] LedgerAndStatementTables = ["spm_credit", "spm_creditsplit", "spm_statement", "spm_statementline", "spm_attainment", "spm_adjustment", "spm_ledgerstate"];

    /// <summary>Written only by the plug-ins (as SYSTEM), read by nobody else: the ledger lock.</summary>
    private static readonly string[] InternalTables = ["spm_ledgerstate"];

    /// <summary>What a participant earns and is measured on: readable only by their owner, their manager chain (shares) and admins.</summary>
    private static readonly string[] EarningsTables = ["spm_statement", "spm_statementline", "spm_credit", "spm_attainment", "spm_adjustment", "spm_quota"];

    private static XElement Customizations => Repo.Unmanaged.Customizations.Root!;

    private static List<string> SpmTables() =>
        DataverseMetadata.Default().Tables.Select(t => t.LogicalName).Where(n => n.StartsWith("spm_", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    private static Dictionary<string, string> Privileges(string role) =>
        Customizations.Element("Roles")!.Elements("Role").Single(r => (string?)r.Attribute("name") == role)
            .Element("RolePrivileges")!.Elements("RolePrivilege").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("level")!, StringComparer.Ordinal);

    [TestMethod]
    public void The_rep_reads_earnings_tables_only_at_user_level()
    {
        var rep = Privileges("SPM Rep");

        foreach (var table in new[] { "spm_statement", "spm_credit", "spm_attainment", "spm_statementline", "spm_adjustment", "spm_quota" })
        {
            Assert.AreEqual("Basic", rep["prvRead" + table], table);
        }
    }

    [TestMethod]
    public void The_rep_cannot_delete_write_or_create_ledger_and_statement_rows()
    {
        var rep = Privileges("SPM Rep");

        foreach (var table in LedgerAndStatementTables)
        {
            foreach (var op in new[] { "Delete", "Write", "Create", "Assign", "Share" })
            {
                Assert.IsFalse(rep.ContainsKey($"prv{op}{table}"), $"rep has prv{op}{table}");
            }
        }
    }

    [TestMethod]
    public void The_manager_reads_earnings_only_at_user_level_and_sends_shout_outs()
    {
        var manager = Privileges("SPM Manager");

        // Their reporting line's rows reach them as read shares the plug-ins grant (ManagerAccess), not by business unit.
        foreach (var table in EarningsTables)
        {
            Assert.AreEqual("Basic", manager["prvRead" + table], table);
        }

        Assert.IsTrue(manager.ContainsKey("prvCreatespm_recognition"));
        Assert.IsTrue(manager.ContainsKey("prvCreatespm_feedbackrequest"));
        Assert.IsFalse(manager.ContainsKey("prvDeletespm_statement"));
    }

    [TestMethod]
    public void No_role_but_the_admin_reads_earnings_tables_wider_than_its_own_rows()
    {
        foreach (var role in new[] { "SPM Rep", "SPM Manager" })
        {
            var privileges = Privileges(role);
            foreach (var table in EarningsTables)
            {
                foreach (var op in new[] { "Read", "Write", "Append", "AppendTo" })
                {
                    Assert.IsFalse(privileges.TryGetValue($"prv{op}{table}", out var level) && level is "Local" or "Deep" or "Global", $"{role} prv{op}{table} is {level}");
                }
            }
        }
    }

    [TestMethod]
    public void The_estimate_custom_api_needs_a_privilege_that_every_spm_role_holds()
    {
        var api = XDocument.Load(Path.Combine(Repo.Solution, "customapis", "spm_EstimateCommission", "customapi.xml")).Root!;
        var privilege = api.Element("executeprivilegename")?.Value;

        Assert.IsFalse(string.IsNullOrWhiteSpace(privilege), "executeprivilegename is empty: any user could call the what-if");
        Assert.StartsWith("prvRead", privilege);
        Assert.Contains(privilege["prvRead".Length..], SpmTables());
        foreach (var role in new[] { "SPM Rep", "SPM Manager", "SPM Admin" })
        {
            Assert.IsTrue(Privileges(role).ContainsKey(privilege), $"{role} lacks {privilege} and could not estimate");
        }
    }

    [TestMethod]
    public void The_admin_configures_every_spm_table_but_only_reads_the_ledger_and_statements_the_plug_ins_write()
    {
        var admin = Privileges("SPM Admin");
        string[] pluginWritten = ["spm_credit", "spm_statement", "spm_statementline", "spm_attainment", "spm_ledgerstate"];

        foreach (var table in SpmTables())
        {
            var ops = pluginWritten.Contains(table) ? new[] { "Read", "Append", "AppendTo" } : new[] { "Create", "Read", "Write", "Delete", "Append", "AppendTo" };
            foreach (var op in ops)
            {
                Assert.IsTrue(admin.TryGetValue($"prv{op}{table}", out var level) && level == "Global", $"admin prv{op}{table}");
            }
        }

        // Writing, re-owning or sharing a ledger or statement row by hand would change pay or who sees it.
        foreach (var table in pluginWritten)
        {
            foreach (var op in new[] { "Create", "Write", "Delete", "Assign", "Share" })
            {
                Assert.IsFalse(admin.ContainsKey($"prv{op}{table}"), $"admin has prv{op}{table}");
            }
        }
    }

    [TestMethod]
    [DataRow("SPM Rep")]
    [DataRow("SPM Manager")]
    [DataRow("SPM Admin")]
    public void Privileges_on_platform_tables_carry_the_platforms_own_names_so_the_import_finds_them(string role)
    {
        // The platform names these privileges by the table's schema name, not its logical name (prvReadUser, not prvReadsystemuser).
        string[] platformTables = ["User", "Opportunity", "Team", "BusinessUnit", "Account", "Contact", "TransactionCurrency", "Role"];
        string[] verbs = ["Create", "Read", "Write", "Delete", "AppendTo", "Append", "Assign", "Share"];
        var wrong = Privileges(role).Keys.Where(name => !name.Contains("spm_", StringComparison.Ordinal))
            .Where(name => !verbs.Any(verb => platformTables.Any(table => name == "prv" + verb + table)))
            .ToList();

        Assert.IsEmpty(wrong, $"{role}: " + string.Join(", ", wrong));
    }

    [TestMethod]
    public void Every_spm_table_is_readable_by_each_role_at_a_fitting_depth()
    {
        var organizationOwned = DataverseMetadata.Default().Tables.Where(t => t.LogicalName.StartsWith("spm_", StringComparison.Ordinal) && t.Ownership == OwnershipType.OrganizationOwned).Select(t => t.LogicalName).ToHashSet();
        foreach (var role in new[] { "SPM Rep", "SPM Manager", "SPM Admin" })
        {
            var privileges = Privileges(role);
            foreach (var table in SpmTables().Where(t => role == "SPM Admin" || !InternalTables.Contains(t)))
            {
                Assert.IsTrue(privileges.TryGetValue("prvRead" + table, out var level), $"{role} cannot read {table}");
                if (organizationOwned.Contains(table))
                {
                    Assert.AreEqual("Global", level, $"{role}: {table} is organization-owned; only Global applies");
                }
            }

            foreach (var name in privileges.Keys.Where(k => k.Contains("spm_", StringComparison.Ordinal)))
            {
                Assert.Contains(name[name.IndexOf("spm_", StringComparison.Ordinal)..], SpmTables(), $"{role}: {name} names no table");
            }
        }
    }

    [TestMethod]
    public void The_earnings_columns_are_in_the_field_security_profile_and_exist()
    {
        var metadata = DataverseMetadata.Default();
        var profile = Customizations.Element("FieldSecurityProfiles")!.Elements("FieldSecurityProfile").Single(p => (string?)p.Attribute("name") == "SPM Earnings");
        var secured = profile.Element("FieldPermissions")!.Elements("FieldPermission")
            .Select(p => $"{p.Element("EntityName")!.Value}.{p.Element("AttributeName")!.Value}").ToList();

        foreach (var column in new[] { "spm_statement.spm_earned", "spm_statement.spm_totalpayable", "spm_statement.spm_drawbalance", "spm_attainment.spm_earned", "spm_statementline.spm_amount" })
        {
            Assert.Contains(column, secured);
        }

        foreach (var column in secured)
        {
            var parts = column.Split('.');
            Assert.Contains(parts[1], metadata.GetTable(parts[0]).Columns.Select(c => c.LogicalName).ToList(), column + " is not a column");
        }
    }

    [TestMethod]
    public void Every_table_the_app_and_its_sitemap_name_exists_and_the_roles_are_mapped()
    {
        var metadata = DataverseMetadata.Default();
        var app = Customizations.Element("AppModules")!.Elements("AppModule").Single(a => a.Element("UniqueName")!.Value == "spm_SalesPerformance");
        var siteMap = Customizations.Element("AppModuleSiteMaps")!.Elements("AppModuleSiteMap").Single(a => a.Element("SiteMapUniqueName")!.Value == "spm_SalesPerformance");

        var named = app.Descendants("AppModuleComponent").Where(c => (string?)c.Attribute("type") == "1").Select(c => (string)c.Attribute("schemaName")!)
            .Concat(siteMap.Descendants("SubArea").Select(s => (string?)s.Attribute("Entity")).OfType<string>()).Distinct().ToList();
        Assert.IsNotEmpty(named);
        foreach (var table in named)
        {
            Assert.IsTrue(metadata.TryGetTable(table, out _), table);
        }

        var roleIds = Customizations.Element("Roles")!.Elements("Role").Select(r => Guid.Parse((string)r.Attribute("id")!)).ToHashSet();
        var mapped = app.Element("AppModuleRoleMaps")!.Elements("Role").Select(r => Guid.Parse((string)r.Attribute("id")!)).ToList();
        Assert.HasCount(3, mapped);
        Assert.IsTrue(mapped.All(roleIds.Contains));
    }

    [TestMethod]
    public void Environment_variables_are_spm_prefixed_strings_without_a_default_secret()
    {
        var folder = Path.Combine(Repo.Solution, "environmentvariabledefinitions");
        var definitions = Directory.GetFiles(folder, "environmentvariabledefinition.xml", SearchOption.AllDirectories).Select(f => XDocument.Load(f).Root!).ToList();

        Assert.AreSequenceEqual(new[] { "spm_BotEndpoint", "spm_ShoutOutChannel", "spm_WebhookKey" }, definitions.Select(d => (string)d.Attribute("schemaname")!).Order(StringComparer.Ordinal).ToArray());
        foreach (var definition in definitions)
        {
            Assert.AreEqual("100000000", definition.Element("type")!.Value, "String");
        }

        Assert.IsNull(definitions.Single(d => (string?)d.Attribute("schemaname") == "spm_WebhookKey").Element("defaultvalue"));
        Assert.Contains("environmentvariabledefinitions/spm_WebhookKey/environmentvariabledefinition.xml", ZipEntries());
    }

    [TestMethod]
    public void The_custom_api_parameters_match_what_the_plugin_reads_and_writes()
    {
        var folder = Path.Combine(Repo.Solution, "customapis", "spm_EstimateCommission");
        var api = XDocument.Load(Path.Combine(folder, "customapi.xml")).Root!;
        var plugin = File.ReadAllText(Path.Combine(Repo.Root, "plugins", "Spm.Plugins", "Steps", "EstimateCommissionPlugin.cs"));
        var requests = Directory.GetFiles(Path.Combine(folder, "customapirequestparameters"), "*.xml", SearchOption.AllDirectories).Select(f => XDocument.Load(f).Root!).ToList();
        var responses = Directory.GetFiles(Path.Combine(folder, "customapiresponseproperties"), "*.xml", SearchOption.AllDirectories).Select(f => XDocument.Load(f).Root!).ToList();

        Assert.AreEqual("098c5b05-f57d-5980-a7b2-754d09c20813", api.Element("plugintypeid")!.Element("plugintypeid")!.Value);
        Assert.AreEqual("1", api.Element("isfunction")!.Value);
        var read = System.Text.RegularExpressions.Regex.Matches(plugin, "TryGetValue<[A-Za-z]+>\\(\"([A-Za-z]+)\"").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToArray();
        var written = System.Text.RegularExpressions.Regex.Matches(plugin, "output\\[\"([A-Za-z]+)\"\\] =").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToArray();
        Assert.AreSequenceEqual(read, requests.Select(r => (string)r.Attribute("uniquename")!).Order(StringComparer.Ordinal).ToArray());
        Assert.AreSequenceEqual(written, responses.Select(r => (string)r.Attribute("uniquename")!).Order(StringComparer.Ordinal).ToArray());
        Assert.AreEqual("0", requests.Single(r => (string?)r.Attribute("uniquename") == "Amount").Element("isoptional")!.Value);
        Assert.AreEqual("1", requests.Single(r => (string?)r.Attribute("uniquename") == "OpportunityId").Element("isoptional")!.Value);
        Assert.Contains("customapis/spm_EstimateCommission/customapi.xml", ZipEntries());
    }

    [TestMethod]
    public void Every_service_endpoint_step_points_at_a_packed_endpoint_and_the_simulator_reads_it()
    {
        var endpoints = Customizations.Element("ServiceEndpoints")!.Elements("ServiceEndpoint").Select(e => Guid.Parse((string)e.Attribute("ServiceEndpointId")!)).ToHashSet();
        var steps = new StepRegistrationReader().ReadFolder(Repo.Solution).Where(s => s.ServiceEndpointId != null).ToList();

        Assert.AreSequenceEqual(new[] { "spm_feedbackrequest", "spm_recognition" }, steps.Select(s => s.PrimaryEntity!).Order(StringComparer.Ordinal).ToArray());
        foreach (var step in steps)
        {
            Assert.Contains(step.ServiceEndpointId!.Value, endpoints);
            Assert.AreEqual(StepMode.Asynchronous, step.Mode);
            Assert.AreEqual(MessageNames.Create, step.MessageName);
        }
    }

    [TestMethod]
    public void A_service_endpoint_step_naming_an_unknown_endpoint_is_a_problem()
    {
        using var temp = TempSolution.Copy();
        var file = Directory.GetFiles(Path.Combine(temp.Path, "SdkMessageProcessingSteps")).Single(f => File.ReadAllText(f).Contains("<EventHandlerTypeCode>4618", StringComparison.Ordinal) && File.ReadAllText(f).Contains("spm_recognition", StringComparison.Ordinal));
        var text = File.ReadAllText(file);
        var start = text.IndexOf("<EventHandler>", StringComparison.Ordinal) + "<EventHandler>".Length;
        File.WriteAllText(file, text[..start] + "00000000-0000-4000-8000-0000000000aa" + text[text.IndexOf("</EventHandler>", StringComparison.Ordinal)..]);

        var packed = new SolutionPacker().Pack(temp.Path, new SolutionOptions { PluginAssemblyPath = Repo.PluginAssembly });

        Assert.Contains(p => p.Contains("is not a ServiceEndpoint", StringComparison.Ordinal), packed.Problems, string.Join(Environment.NewLine, packed.Problems));
    }

    private static List<string> ZipEntries()
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(Repo.Unmanaged.Zip!));
        return zip.Entries.Select(e => e.FullName).ToList();
    }
}
