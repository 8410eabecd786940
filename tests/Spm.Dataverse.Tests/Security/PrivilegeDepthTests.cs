using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Security;

namespace Spm.Dataverse.Tests.Security;

/// <summary>
/// How far a privilege reaches: Basic the user's (and their teams') rows, Local their business unit, Deep it and the
/// units below, Global everything; a role held through a team reaches from the team's business unit.
/// </summary>
[TestClass]
public sealed class PrivilegeDepthTests
{
    private static readonly Guid AnalystRole = new("c2000000-0000-0000-0000-0000000000a7");

    /// <summary>An analyst in West with a role reading statements at the given depth, and statements owned across the tree.</summary>
    private static (SecuredOrg Org, Guid Analyst) Org(PrivilegeDepth depth)
    {
        var org = new SecuredOrg();
        org.Store.SecurityRoles.Add(new SecurityRole(AnalystRole, "Commission Analyst", new[] { new KeyValuePair<string, PrivilegeDepth>("prvReadspm_statement", depth) }));
        org.System.Create(new Entity("role", AnalystRole) { ["name"] = "Commission Analyst" });
        Guid analyst = org.AddUser("Uma", "Uma Patel", SecuredOrg.West, AnalystRole);
        Statement(org, org.AddUser("Eli", "Eli Brooks", SecuredOrg.WestEnterprise, SecuredOrg.SpmRepRole), "Eli");
        Statement(org, org.AddUser("Root", "Rosa Ortiz", SecuredOrg.Contoso, SecuredOrg.SpmRepRole), "Rosa");
        Statement(org, analyst, "Uma");
        return (org, analyst);
    }

    private static void Statement(SecuredOrg org, Guid owner, string name) =>
        org.System.Create(new Entity("spm_statement")
        {
            ["spm_name"] = name + " – FY2026-Q1",
            ["spm_participantid"] = new EntityReference("systemuser", owner),
            ["spm_periodid"] = new EntityReference("spm_period", SecuredOrg.Q1),
            ["ownerid"] = new EntityReference("systemuser", owner),
        });

    private static string Read(IOrganizationService service) =>
        string.Join(", ", service.RetrieveMultiple(new QueryExpression("spm_statement") { ColumnSet = new ColumnSet("spm_name") }).Entities
            .Select(s => s.GetAttributeValue<string>("spm_name").Split(' ')[0]).Order(StringComparer.Ordinal));

    [DataRow(PrivilegeDepth.Basic, "Uma")]
    [DataRow(PrivilegeDepth.Local, "Ava, Ben, Lena, Uma")]
    [DataRow(PrivilegeDepth.Deep, "Ava, Ben, Eli, Lena, Uma")]
    [DataRow(PrivilegeDepth.Global, "Ava, Ben, Eli, Lena, Noah, Rosa, Uma")]
    [TestMethod]
    public void A_depth_reaches_the_users_rows_their_unit_the_units_below_or_all(PrivilegeDepth depth, string statements)
    {
        var (org, analyst) = Org(depth);

        Assert.AreEqual(statements, Read(org.Store.CreateService(analyst)));
    }

    [TestMethod]
    public void A_role_held_through_a_team_reaches_from_the_teams_business_unit()
    {
        var (org, analyst) = Org(PrivilegeDepth.Basic);
        Guid eastAnalysts = new("c3000000-0000-0000-0000-0000000000e1");
        org.System.Create(new Entity("team", eastAnalysts) { ["name"] = "East commission analysts", ["businessunitid"] = new EntityReference("businessunit", SecuredOrg.East) });
        org.System.Create(new Entity("role", new Guid("c2000000-0000-0000-0000-0000000000e1")) { ["name"] = "Commission Analyst", ["parentrootroleid"] = new EntityReference("role", AnalystRole) });
        org.Store.SecurityRoles.Add(new SecurityRole(new Guid("c2000000-0000-0000-0000-0000000000e2"), "East Statements", new[] { new KeyValuePair<string, PrivilegeDepth>("prvReadspm_statement", PrivilegeDepth.Local) }));
        org.System.Create(new Entity("role", new Guid("c2000000-0000-0000-0000-0000000000e2")) { ["name"] = "East Statements" });
        org.System.Create(new Entity("teamroles") { ["teamid"] = eastAnalysts, ["roleid"] = new Guid("c2000000-0000-0000-0000-0000000000e2") });
        org.Member(eastAnalysts, "Uma");

        // Uma's own role (Basic, West) keeps her own statement; the team's Local reaches East, not West.
        Assert.AreEqual("Noah, Uma", Read(org.Store.CreateService(analyst)));
    }

    [TestMethod]
    public void A_role_copied_to_a_business_unit_grants_what_its_root_role_grants()
    {
        var (org, _) = Org(PrivilegeDepth.Global);
        Guid copy = new("c2000000-0000-0000-0000-0000000000c1");
        org.System.Create(new Entity("role", copy) { ["name"] = "Commission Analyst (West)", ["parentrootroleid"] = new EntityReference("role", AnalystRole), ["businessunitid"] = new EntityReference("businessunit", SecuredOrg.West) });
        Guid dev = org.AddUser("Dev", "Dev Rao", SecuredOrg.West, copy);

        Assert.AreEqual("Ava, Ben, Eli, Lena, Noah, Rosa, Uma", Read(org.Store.CreateService(dev)));
    }

    [TestMethod]
    public void A_new_role_or_a_lost_team_membership_counts_from_the_next_request()
    {
        var org = new SecuredOrg();
        Guid omar = org["Omar"];
        Assert.ThrowsExactly<DataverseFaultException>(() => org.As("Omar").RetrieveMultiple(new QueryExpression("spm_quota") { ColumnSet = new ColumnSet(false) }));

        Guid grant = org.System.Create(new Entity("systemuserroles") { ["systemuserid"] = omar, ["roleid"] = SecuredOrg.SpmAdminRole });
        Assert.HasCount(4, org.As("Omar").RetrieveMultiple(new QueryExpression("spm_quota") { ColumnSet = new ColumnSet(false) }).Entities);

        org.System.Delete("systemuserroles", grant);
        Assert.AreEqual(SecurityErrors.PrivilegeDenied, Assert.ThrowsExactly<DataverseFaultException>(() => org.As("Omar").RetrieveMultiple(new QueryExpression("spm_quota") { ColumnSet = new ColumnSet(false) })).ErrorCode);
    }

    [TestMethod]
    public void Privilege_is_checked_before_the_row_then_the_row_before_its_access()
    {
        var org = new SecuredOrg();
        Guid missing = new("0e0e0e0e-0000-0000-0000-000000000404");

        var noPrivilege = Assert.ThrowsExactly<DataverseFaultException>(() => org.As("Omar").Retrieve("spm_statement", missing, new ColumnSet("spm_name")));
        var notFound = Assert.ThrowsExactly<DataverseFaultException>(() => org.As("Ava").Retrieve("spm_statement", missing, new ColumnSet("spm_name")));
        var noAccess = Assert.ThrowsExactly<DataverseFaultException>(() => org.As("Ava").Retrieve("spm_statement", org.Row("spm_statement", "Noah"), new ColumnSet("spm_name")));

        Assert.AreEqual(SecurityErrors.PrivilegeDenied, noPrivilege.ErrorCode);
        Assert.AreEqual(Spm.Dataverse.Store.DataverseErrors.ObjectDoesNotExist, notFound.ErrorCode);
        Assert.AreEqual($"spm_statement With Id = {missing:D} Does Not Exist", notFound.Message);
        Assert.AreEqual(org.AccessDenied("Ava", "ReadAccess", "spm_statement", org.Row("spm_statement", "Noah"), "Global"), noAccess.Message);
    }

    [TestMethod]
    public void Without_enforcement_the_store_is_open_to_every_caller()
    {
        var org = new SecuredOrg();
        org.Store.EnforceSecurity = false;

        Assert.HasCount(4, org.As("Omar").RetrieveMultiple(new QueryExpression("spm_statement") { ColumnSet = new ColumnSet("spm_earned") }).Entities.Where(s => s.Contains("spm_earned")));
    }
}
