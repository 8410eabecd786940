using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Security;

namespace Spm.Dataverse.Tests.Security;

/// <summary>
/// Nobody but the plug-ins (SYSTEM) writes the ledger or statements: a rep's or a manager's attempt is refused with the
/// platform's PrivilegeDenied naming the user, the privilege and the table, and leaves every row as it was.
/// </summary>
[TestClass]
public sealed class WriteRefusalTests
{
    private static Entity NewRow(SecuredOrg org, string table, string participant) => table switch
    {
        "spm_statementline" => new Entity(table) { ["spm_name"] = "Bonus", ["spm_statementid"] = new EntityReference("spm_statement", org.Row("spm_statement", participant)), ["spm_amount"] = new Money(5_000.00m) },
        "spm_credit" => new Entity(table)
        {
            ["spm_name"] = "Fabrikam expansion", ["spm_participantid"] = new EntityReference("systemuser", org[participant]), ["spm_revenue"] = new Money(90_000.00m), ["spm_sequence"] = 2,
            ["spm_dealkey"] = "deal-fabrikam", ["spm_kind"] = new OptionSetValue(100000000), ["spm_creditdate"] = new DateTime(2026, 3, 2), ["spm_postedon"] = new DateTime(2026, 3, 2),
        },
        _ => new Entity(table) { ["spm_name"] = "Self-service", ["spm_participantid"] = new EntityReference("systemuser", org[participant]), ["spm_periodid"] = new EntityReference("spm_period", SecuredOrg.Q1) },
    };

    [DataRow("Ava", "spm_statement", "SPM Rep")]
    [DataRow("Ava", "spm_statementline", "SPM Rep")]
    [DataRow("Ava", "spm_attainment", "SPM Rep")]
    [DataRow("Ava", "spm_credit", "SPM Rep")]
    [DataRow("Ava", "spm_quota", "SPM Rep")]
    [DataRow("Ava", "spm_adjustment", "SPM Rep")]
    [DataRow("Marco", "spm_statement", "SPM Manager")]
    [DataRow("Marco", "spm_credit", "SPM Manager")]
    [DataRow("Marco", "spm_quota", "SPM Manager")]
    [DataRow("Marco", "spm_adjustment", "SPM Manager")]
    [TestMethod]
    public void Creating_an_earnings_row_is_refused_to_reps_and_managers_and_nothing_is_stored(string user, string table, string spmRole)
    {
        var org = new SecuredOrg();
        int before = org.Store.Count(table);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.As(user).Create(NewRow(org, table, "Ava")));

        Assert.AreEqual(SecurityErrors.PrivilegeDenied, fault.ErrorCode);
        Assert.AreEqual(org.PrivilegeDenied(user, "prvCreate" + table, table, "Salesperson", spmRole), fault.Message);
        Assert.AreEqual(before, org.Store.Count(table));
    }

    [DataRow("Ava", "spm_statement", "spm_name", "Ava – FY2026-Q1")]
    [DataRow("Ava", "spm_credit", "spm_name", "Contoso renewal – Ava")]
    [DataRow("Ava", "spm_quota", "spm_name", "Ava – FY2026-Q1")]
    [DataRow("Marco", "spm_statement", "spm_name", "Ava – FY2026-Q1")]
    [DataRow("Marco", "spm_credit", "spm_name", "Contoso renewal – Ava")]
    [TestMethod]
    public void Editing_or_deleting_ones_own_or_a_reports_earnings_row_is_refused_and_it_stays(string user, string table, string column, string stored)
    {
        var org = new SecuredOrg();
        Guid row = org.Row(table, "Ava");
        string role = user == "Marco" ? "SPM Manager" : "SPM Rep";

        var edit = Assert.ThrowsExactly<DataverseFaultException>(() => org.As(user).Update(new Entity(table, row) { [column] = "Edited by " + user }));
        var delete = Assert.ThrowsExactly<DataverseFaultException>(() => org.As(user).Delete(table, row));
        var assign = Assert.ThrowsExactly<DataverseFaultException>(() => org.As(user).Execute(new AssignRequest { Target = new EntityReference(table, row), Assignee = new EntityReference("systemuser", org[user]) }));
        var share = Assert.ThrowsExactly<DataverseFaultException>(() => org.As(user).Execute(new GrantAccessRequest
        {
            Target = new EntityReference(table, row),
            PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("systemuser", org["Noah"]), AccessMask = AccessRights.ReadAccess },
        }));

        Assert.AreEqual(org.PrivilegeDenied(user, "prvWrite" + table, table, "Salesperson", role), edit.Message);
        Assert.AreEqual(org.PrivilegeDenied(user, "prvDelete" + table, table, "Salesperson", role), delete.Message);
        Assert.AreEqual(org.PrivilegeDenied(user, "prvAssign" + table, table, "Salesperson", role), assign.Message);
        Assert.AreEqual(org.PrivilegeDenied(user, "prvShare" + table, table, "Salesperson", role), share.Message);
        Entity after = org.System.Retrieve(table, row, new ColumnSet(column, "ownerid"));
        Assert.AreEqual(stored, after.GetAttributeValue<string>(column));
        Assert.AreEqual(org["Ava"], after.GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.DoesNotContain(row, org.As("Noah").RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(false) }).Entities.Select(r => r.Id), "not shared with Noah");
    }

    [TestMethod]
    public void A_reps_own_deal_is_theirs_to_edit_win_and_assign_but_a_peers_deal_is_refused_at_record_level()
    {
        var org = new SecuredOrg();
        Guid avas = org.Opportunity("Contoso fleet renewal", "Ava");
        Guid bens = org.Opportunity("Northwind 3-year subscription", "Ben");
        IOrganizationService ava = org.As("Ava");

        ava.Update(new Entity("opportunity", avas) { ["description"] = "Signed order form expected Friday" });
        var edit = Assert.ThrowsExactly<DataverseFaultException>(() => ava.Update(new Entity("opportunity", bens) { ["description"] = "mine now" }));
        var win = Assert.ThrowsExactly<DataverseFaultException>(() => ava.Execute(new WinOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", bens), ["actualrevenue"] = new Money(48_250.00m) },
            Status = new OptionSetValue(3),
        }));
        var assign = Assert.ThrowsExactly<DataverseFaultException>(() => ava.Execute(new AssignRequest { Target = new EntityReference("opportunity", bens), Assignee = new EntityReference("systemuser", org["Ava"]) }));
        ava.Execute(new AssignRequest { Target = new EntityReference("opportunity", avas), Assignee = new EntityReference("systemuser", org["Ben"]) });

        Assert.AreEqual(SecurityErrors.AccessDenied, edit.ErrorCode);
        Assert.AreEqual(org.AccessDenied("Ava", "WriteAccess", "opportunity", bens, "Local"), edit.Message);
        Assert.AreEqual(org.AccessDenied("Ava", "WriteAccess", "opportunity", bens, "Local"), win.Message);
        Assert.AreEqual(org.AccessDenied("Ava", "AssignAccess", "opportunity", bens, "Local"), assign.Message);
        Entity stored = org.System.Retrieve("opportunity", bens, new ColumnSet("description", "statecode", "ownerid"));
        Assert.IsFalse(stored.Contains("description"));
        Assert.AreEqual(0, stored.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.AreEqual(0, org.Store.Count("opportunityclose"));
        Assert.AreEqual(org["Ben"], org.System.Retrieve("opportunity", avas, new ColumnSet("ownerid")).GetAttributeValue<EntityReference>("ownerid").Id);
    }

    [TestMethod]
    public void A_record_cannot_be_given_to_someone_who_could_not_read_it_and_stays_with_its_owner()
    {
        var org = new SecuredOrg();
        Guid avas = org.Opportunity("Contoso fleet renewal", "Ava");
        Guid hugo = org.AddUser("Hugo", "Hugo Brandt", SecuredOrg.West);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.As("Ava").Execute(new AssignRequest { Target = new EntityReference("opportunity", avas), Assignee = new EntityReference("systemuser", hugo) }));
        var asSystem = Assert.ThrowsExactly<DataverseFaultException>(() => org.System.Execute(new AssignRequest { Target = new EntityReference("opportunity", avas), Assignee = new EntityReference("systemuser", hugo) }));

        Assert.AreEqual(SecurityErrors.PrivilegeDenied, fault.ErrorCode);
        string owner = $"Principal user (Id={hugo:D}, type=8, roleCount=0, privilegeCount=0, accessMode='0 Read-Write', businessUnitId={SecuredOrg.West:D}), is missing prvReadopportunity privilege for entity 'opportunity'.";
        Assert.AreEqual($"Read Privilege Check For Owner failed with exception: {owner} context.Caller={org["Ava"]:D}. Consider adding missed privilege to one of the principal (user/team) roles.", fault.Message);
        Assert.StartsWith($"Read Privilege Check For Owner failed with exception: {owner}", asSystem.Message);
        Assert.AreEqual(org["Ava"], org.System.Retrieve("opportunity", avas, new ColumnSet("ownerid")).GetAttributeValue<EntityReference>("ownerid").Id);
    }

    [TestMethod]
    public void A_rep_may_not_create_a_deal_in_a_peers_name_and_none_is_stored()
    {
        var org = new SecuredOrg();

        Guid own = org.As("Ava").Create(new Entity("opportunity") { ["name"] = "Litware analytics pilot" });
        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.As("Ava").Create(new Entity("opportunity") { ["name"] = "Woodgrove treasury suite", ["ownerid"] = new EntityReference("systemuser", org["Ben"]) }));

        Assert.AreEqual(SecurityErrors.AccessDenied, fault.ErrorCode);
        Assert.StartsWith($"Principal with id {org["Ava"]:D} does not have CreateAccess right(s) for record with id ", fault.Message);
        Assert.EndsWith(" of entity opportunity. Consider assigning a role with the level Local to the user or team.", fault.Message);
        Assert.AreEqual(org["Ava"], org.System.Retrieve("opportunity", own, new ColumnSet("ownerid")).GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.AreEqual(1, org.Store.Count("opportunity"));
    }

    [TestMethod]
    public void A_deal_shared_for_reading_is_read_but_not_written_by_the_peer()
    {
        var org = new SecuredOrg();
        Guid avas = org.Opportunity("Contoso fleet renewal", "Ava");
        Assert.ThrowsExactly<DataverseFaultException>(() => org.As("Ben").Retrieve("opportunity", avas, new ColumnSet("name")));

        org.As("Ava").Execute(new GrantAccessRequest
        {
            Target = new EntityReference("opportunity", avas),
            PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("systemuser", org["Ben"]), AccessMask = AccessRights.ReadAccess },
        });

        Assert.AreEqual("Contoso fleet renewal", org.As("Ben").Retrieve("opportunity", avas, new ColumnSet("name")).GetAttributeValue<string>("name"));
        var write = Assert.ThrowsExactly<DataverseFaultException>(() => org.As("Ben").Update(new Entity("opportunity", avas) { ["name"] = "Ben's now" }));
        Assert.AreEqual(org.AccessDenied("Ben", "WriteAccess", "opportunity", avas, "Local"), write.Message);
    }

    [TestMethod]
    public void A_row_owned_or_shared_with_a_team_is_its_members_and_nobody_elses()
    {
        var org = new SecuredOrg();
        Entity TeamDeal() => new("opportunity") { ["name"] = "Tailspin charter deal", ["ownerid"] = new EntityReference("team", SecuredOrg.RepsTeam) };

        // An owner team needs a role that reads the table, as any owner does.
        Assert.AreEqual(SecurityErrors.PrivilegeDenied, Assert.ThrowsExactly<DataverseFaultException>(() => org.System.Create(TeamDeal())).ErrorCode);
        org.System.Create(new Entity("teamroles") { ["teamid"] = SecuredOrg.RepsTeam, ["roleid"] = SecuredOrg.SalespersonRole });
        Guid teamDeal = org.System.Create(TeamDeal());
        Guid bens = org.Opportunity("Proseware migration", "Ben");
        org.System.Execute(new GrantAccessRequest
        {
            Target = new EntityReference("opportunity", bens),
            PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("team", SecuredOrg.RepsTeam), AccessMask = AccessRights.ReadAccess | AccessRights.WriteAccess },
        });

        // Ava and Noah are in SPM Reps; Lena is not.
        foreach (string member in new[] { "Ava", "Noah" })
        {
            Assert.AreEqual("Tailspin charter deal", org.As(member).Retrieve("opportunity", teamDeal, new ColumnSet("name")).GetAttributeValue<string>("name"), member);
            org.As(member).Update(new Entity("opportunity", bens) { ["description"] = "Reviewed by " + member });
        }

        Assert.AreEqual(SecurityErrors.AccessDenied, Assert.ThrowsExactly<DataverseFaultException>(() => org.As("Lena").Retrieve("opportunity", teamDeal, new ColumnSet("name"))).ErrorCode);
        Assert.AreEqual(SecurityErrors.AccessDenied, Assert.ThrowsExactly<DataverseFaultException>(() => org.As("Lena").Retrieve("opportunity", bens, new ColumnSet("name"))).ErrorCode);
        Assert.AreEqual("Reviewed by Noah", org.System.Retrieve("opportunity", bens, new ColumnSet("description")).GetAttributeValue<string>("description"));
    }
}
