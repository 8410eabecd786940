using System.Text;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Security;

namespace Spm.Dataverse.Tests.Security;

/// <summary>The role definitions the store enforces: the solution's role files, built in, and the platform's roles.</summary>
[TestClass]
public sealed class SecurityRoleCatalogTests
{
    [DataRow("SPM Rep", "prvReadspm_statement", PrivilegeDepth.Basic)]
    [DataRow("SPM Rep", "prvReadspm_period", PrivilegeDepth.Global)]
    [DataRow("SPM Rep", "prvWritespm_statement", PrivilegeDepth.None)]
    [DataRow("SPM Rep", "prvReadUser", PrivilegeDepth.Global)]
    [DataRow("SPM Rep", "prvReadsystemuser", PrivilegeDepth.Global)]
    [DataRow("SPM Manager", "prvReadspm_credit", PrivilegeDepth.Basic)]
    [DataRow("SPM Manager", "prvWritespm_creditsplit", PrivilegeDepth.Local)]
    [DataRow("SPM Manager", "prvDeletespm_creditsplit", PrivilegeDepth.Local)]
    [DataRow("SPM Admin", "prvReadspm_statement", PrivilegeDepth.Global)]
    [DataRow("SPM Admin", "prvWritespm_statement", PrivilegeDepth.None)]
    [DataRow("SPM Admin", "prvWriteopportunity", PrivilegeDepth.None)]
    [DataRow("Salesperson", "prvWriteOpportunity", PrivilegeDepth.Basic)]
    [DataRow("System Administrator", "prvDeletespm_ledgerstate", PrivilegeDepth.Global)]
    [TestMethod]
    public void The_built_in_roles_grant_what_their_definitions_say(string role, string privilege, PrivilegeDepth depth)
    {
        Assert.AreEqual(depth, SecurityRoleCatalog.Default().Find(role)!.DepthOf(privilege));
    }

    [DataRow("prvReadspm_statement", AccessRights.ReadAccess, "spm_statement")]
    [DataRow("prvAppendTospm_inquiry", AccessRights.AppendToAccess, "spm_inquiry")]
    [DataRow("prvAppendspm_inquiry", AccessRights.AppendAccess, "spm_inquiry")]
    [DataRow("prvCreateOpportunity", AccessRights.CreateAccess, "opportunity")]
    [DataRow("prvReadUser", AccessRights.ReadAccess, "systemuser")]
    [DataRow("prvAssignspm_quota", AccessRights.AssignAccess, "spm_quota")]
    [TestMethod]
    public void A_privilege_name_reads_as_its_right_and_table(string name, AccessRights right, string table)
    {
        Assert.IsTrue(TablePrivilege.TryParse(name, out TablePrivilege privilege));
        Assert.AreEqual(new TablePrivilege(right, table), privilege);
    }

    [DataRow("prvExportToExcel")]
    [DataRow("prvRead")]
    [DataRow("readspm_statement")]
    [TestMethod]
    public void A_name_that_is_not_a_tables_privilege_is_not_read_as_one(string name)
    {
        Assert.IsFalse(TablePrivilege.TryParse(name, out _));
    }

    [DataRow("systemuserroles", "prvReadRole")]
    [DataRow("teammembership", "prvReadTeam")]
    [DataRow("teamprofiles", "prvReadfieldsecurityprofile")]
    [DataRow("spm_statement", "prvReadspm_statement")]
    [TestMethod]
    public void An_intersect_table_is_read_with_the_privilege_of_what_it_links(string table, string privilege)
    {
        Assert.AreEqual(privilege, TablePrivilege.For(AccessRights.ReadAccess, table).Name);
    }

    [TestMethod]
    public void A_role_row_is_known_by_id_root_role_template_or_name_and_an_unknown_one_grants_nothing()
    {
        SecurityRoleCatalog catalog = SecurityRoleCatalog.Default();
        var rep = new Guid("24b413de-3649-523c-aeea-8d46ef2cefe7");

        Assert.AreEqual("SPM Rep", catalog.Resolve(new Entity("role", rep) { ["name"] = "Vertriebsmitarbeiter SPM" })!.Name);
        Assert.AreEqual("SPM Rep", catalog.Resolve(new Entity("role", Guid.NewGuid()) { ["name"] = "SPM Rep (EMEA)", ["parentrootroleid"] = new EntityReference("role", rep) })!.Name);
        Assert.IsTrue(catalog.Resolve(new Entity("role", Guid.NewGuid()) { ["name"] = "Systemadministrator", ["roletemplateid"] = new EntityReference("roletemplate", PlatformRoles.SystemAdministratorTemplateId) })!.IsSystemAdministrator);
        Assert.AreEqual("SPM Manager", catalog.Resolve(new Entity("role", Guid.NewGuid()) { ["name"] = "SPM Manager" })!.Name);
        Assert.IsNull(catalog.Resolve(new Entity("role", Guid.NewGuid()) { ["name"] = "Marketing Professional" }));
    }

    [TestMethod]
    public void A_role_file_with_an_unknown_level_is_refused_naming_the_privilege_and_the_level()
    {
        const string Xml = "<Role id='{5f1d3c2a-0000-4000-8000-000000000001}' name='SPM Auditor'><RolePrivileges><RolePrivilege name='prvReadspm_statement' level='Organization' /></RolePrivileges></Role>";

        var error = Assert.ThrowsExactly<FormatException>(() => SecurityRoleReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(Xml)), "Roles/SPM Auditor.xml"));

        Assert.AreEqual("Roles/SPM Auditor.xml: prvReadspm_statement of role 'SPM Auditor' has level 'Organization'; the levels are Basic, Local, Deep and Global.", error.Message);
    }

    [TestMethod]
    public void The_solution_folder_holds_the_same_roles_as_the_built_in_catalog()
    {
        string folder = SolutionRoles();

        IReadOnlyList<SecurityRole> roles = SecurityRoleReader.ReadFolder(folder);

        Assert.AreSequenceEqual(new[] { "SPM Admin", "SPM Manager", "SPM Rep" }, roles.Select(r => r.Name).ToArray());
        SecurityRoleCatalog catalog = SecurityRoleCatalog.Default();
        foreach (SecurityRole role in roles)
        {
            Assert.AreSequenceEqual(role.PrivilegeKeys.ToArray(), catalog.Find(role.Name)!.PrivilegeKeys.ToArray(), role.Name);
        }
    }

    private static string SolutionRoles()
    {
        for (var dir = new DirectoryInfo(System.AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "solution", "Roles");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("solution/Roles not found above " + System.AppContext.BaseDirectory);
    }

    [TestMethod]
    public void The_spm_earnings_profile_reads_its_amounts_and_allows_no_create_or_update()
    {
        FieldSecurityProfile profile = FieldSecurityProfileCatalog.Default().Find("SPM Earnings")!;

        Assert.AreEqual(new Guid("4522e1dc-273c-5778-9f89-32dd9a567a15"), profile.Id);
        Assert.HasCount(14, profile.Permissions);
        Assert.IsTrue(profile.Permissions.All(p => p.CanRead && !p.CanCreate && !p.CanUpdate));
        Assert.AreEqual(new FieldPermission("spm_statement", "spm_totalpayable", true, false, false), profile.PermissionOn("spm_statement", "spm_totalpayable"));
        Assert.AreEqual(new FieldPermission("spm_statement", "spm_name", false, false, false), profile.PermissionOn("spm_statement", "spm_name"));
    }

    [TestMethod]
    public void The_store_loads_every_profile_of_the_file_and_spm_adjustments_lets_its_holders_enter_the_adjustment_amount()
    {
        var catalog = FieldSecurityProfileCatalog.Default();
        FieldSecurityProfile profile = catalog.Find("SPM Adjustments")!;

        Assert.AreEqual("SPM Earnings,SPM Adjustments", string.Join(",", catalog.Profiles.Select(p => p.Name)));
        Assert.AreEqual(new Guid("9c720788-d68c-5c60-a3bc-5317ba87b7d9"), profile.Id);
        Assert.HasCount(2, profile.Permissions);
        Assert.AreEqual(new FieldPermission("spm_adjustment", "spm_amount", true, true, true), profile.PermissionOn("spm_adjustment", "spm_amount"));
        Assert.AreEqual(new FieldPermission("spm_adjustment", "spm_amount_base", true, false, false), profile.PermissionOn("spm_adjustment", "spm_amount_base"));
        Assert.AreEqual(new FieldPermission("spm_statement", "spm_totalpayable", false, false, false), profile.PermissionOn("spm_statement", "spm_totalpayable"));
    }
}
