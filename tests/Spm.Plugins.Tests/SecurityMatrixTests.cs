using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse;
using Spm.Dataverse.Security;
using Spm.Plugins.Steps;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>
/// The earnings rows the real plug-ins write, read by each kind of user through every path. Ava and Ben (West, under
/// Marco) and Noah (East, under Priya) win a deal each in Q1; the postings write statements and credits owned by each
/// participant, including Marco's, Priya's and Dana's roll-ups, and share them read-only with the manager chain; sales
/// ops enter each rep's Q2 margin quota and a Q2 adjustment, which the plug-ins give to the rep and share with the chain.
/// A rep reads their own rows, a manager their line's and their own, the VP everything below them, SPM Admin and
/// System Administrator all.
/// </summary>
[TestClass]
public sealed class SecurityMatrixTests
{
    private static readonly Guid SalesOps = new("a0000000-0000-0000-0000-00000000050f");
    private static readonly Guid Liam = new("a0000000-0000-0000-0000-0000000000e3");

    private static readonly (string Name, Guid Id)[] People =
        [("Ava", Ava), ("Ben", Ben), ("Noah", Noah), ("Marco", Marco), ("Priya", Priya), ("Dana", Dana), ("Admin", Admin), ("SalesOps", SalesOps), ("Liam", Liam)];

    private static DateTime Day(int month, int day) => new(2026, month, day);

    private static Guid Id(string person) => People.Single(p => p.Name == person).Id;

    private static string Name(Guid id) => People.Single(p => p.Id == id).Name;

    private static SpmOrganization Scenario()
    {
        var org = Create(Day(2, 1));
        org.AddParticipant(Noah, "Noah Kim", Priya, "East", 200_000m);
        org.AddUser(SalesOps, "Sofia Marin", null, "Sales Operations", isParticipant: false);
        org.Role(SpmAdminRole, "SPM Admin", SalesOps);
        org.TeamMember(AdminsTeam, SalesOps);
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        org.WonDeal("Fabrikam Field Service", Ben, 80_000.00m, Day(2, 12));
        org.WonDeal("Northwind Retail POS", Noah, 60_000.00m, Day(2, 14));
        var salesOps = org.ServiceAs(SalesOps);
        foreach (var (rep, bonus) in new[] { (Ava, 250.00m), (Ben, 400.00m), (Noah, 150.00m) })
        {
            org.EnterQ2MarginQuotaAndSpiff(salesOps, rep, bonus);
        }

        org.Pipeline.RunAsyncSteps();
        return org;
    }

    /// <summary>The scenario's rows of a table: Q1 statements, every credit, the Q2 margin quotas, every adjustment.</summary>
    private static QueryExpression Rows(SpmOrganization org, string table)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(S.Credit.Participant) };
        if (table == S.Statement.Table)
        {
            query.Criteria.AddCondition(S.Statement.Period, ConditionOperator.Equal, org.Periods["FY2026-Q1"]);
        }
        else if (table == S.Quota.Table)
        {
            query.Criteria.AddCondition(S.Quota.Measure, ConditionOperator.Equal, S.Quota.MeasureBase + 1);
        }

        return query;
    }

    private static string Owners(IEnumerable<Entity> rows) =>
        string.Join(",", rows.Select(r => Name(r.GetAttributeValue<EntityReference>(S.Credit.Participant).Id)).Distinct().OrderBy(n => Array.FindIndex(People, p => p.Name == n)));

    [DataRow("Ava", "spm_statement", "Ava")]
    [DataRow("Ben", "spm_statement", "Ben")]
    [DataRow("Noah", "spm_statement", "Noah")]
    [DataRow("Marco", "spm_statement", "Ava,Ben,Marco")]
    [DataRow("Priya", "spm_statement", "Noah,Priya")]
    [DataRow("Dana", "spm_statement", "Ava,Ben,Noah,Marco,Priya,Dana")]
    [DataRow("Admin", "spm_statement", "Ava,Ben,Noah,Marco,Priya,Dana")]
    [DataRow("SalesOps", "spm_statement", "Ava,Ben,Noah,Marco,Priya,Dana")]
    [DataRow("Ava", "spm_credit", "Ava")]
    [DataRow("Ben", "spm_credit", "Ben")]
    [DataRow("Noah", "spm_credit", "Noah")]
    [DataRow("Marco", "spm_credit", "Ava,Ben,Marco")]
    [DataRow("Priya", "spm_credit", "Noah,Priya")]
    [DataRow("Dana", "spm_credit", "Ava,Ben,Noah,Marco,Priya,Dana")]
    [DataRow("Admin", "spm_credit", "Ava,Ben,Noah,Marco,Priya,Dana")]
    [DataRow("SalesOps", "spm_credit", "Ava,Ben,Noah,Marco,Priya,Dana")]
    [DataRow("Ava", "spm_quota", "Ava")]
    [DataRow("Ben", "spm_quota", "Ben")]
    [DataRow("Noah", "spm_quota", "Noah")]
    [DataRow("Marco", "spm_quota", "Ava,Ben")]
    [DataRow("Priya", "spm_quota", "Noah")]
    [DataRow("Dana", "spm_quota", "Ava,Ben,Noah")]
    [DataRow("Admin", "spm_quota", "Ava,Ben,Noah")]
    [DataRow("SalesOps", "spm_quota", "Ava,Ben,Noah")]
    [DataRow("Ava", "spm_adjustment", "Ava")]
    [DataRow("Ben", "spm_adjustment", "Ben")]
    [DataRow("Noah", "spm_adjustment", "Noah")]
    [DataRow("Marco", "spm_adjustment", "Ava,Ben")]
    [DataRow("Priya", "spm_adjustment", "Noah")]
    [DataRow("Dana", "spm_adjustment", "Ava,Ben,Noah")]
    [DataRow("Admin", "spm_adjustment", "Ava,Ben,Noah")]
    [DataRow("SalesOps", "spm_adjustment", "Ava,Ben,Noah")]
    [TestMethod]
    public void Each_user_reads_their_own_and_their_lines_rows_by_every_path(string viewer, string table, string visible)
    {
        var org = Scenario();
        var service = org.ServiceAs(Id(viewer));
        var all = org.Raw.RetrieveMultiple(Rows(org, table)).Entities;
        var readable = visible.Split(',');

        Assert.AreEqual("Ava,Ben,Noah" + (table is S.Quota.Table or S.Adjustment.Table ? string.Empty : ",Marco,Priya,Dana"), Owners(all), "the scenario's rows");
        foreach (var row in all)
        {
            var owner = Name(row.GetAttributeValue<EntityReference>(S.Credit.Participant).Id);
            if (readable.Contains(owner))
            {
                Assert.AreEqual(row.Id, service.Retrieve(table, row.Id, new ColumnSet(S.Credit.Participant)).Id, $"Retrieve of {owner}'s row");
            }
            else
            {
                var denied = Assert.ThrowsExactly<DataverseFaultException>(() => service.Retrieve(table, row.Id, new ColumnSet(S.Credit.Participant)), $"Retrieve of {owner}'s row");
                Assert.AreEqual(SecurityErrors.AccessDenied, denied.ErrorCode);
            }
        }

        Assert.AreEqual(visible, Owners(service.RetrieveMultiple(Rows(org, table)).Entities), "QueryExpression");
        var fetch = new FetchExpression(
            $"<fetch><entity name='{table}'><attribute name='spm_participantid' />" +
            (table == S.Statement.Table ? $"<filter><condition attribute='spm_periodid' operator='eq' value='{org.Periods["FY2026-Q1"]}' /></filter>" : string.Empty) +
            (table == S.Quota.Table ? $"<filter><condition attribute='spm_measure' operator='eq' value='{S.Quota.MeasureBase + 1}' /></filter>" : string.Empty) +
            "</entity></fetch>");
        Assert.AreEqual(visible, Owners(service.RetrieveMultiple(fetch).Entities), "FetchXML");

        // From the users (everyone reads users), joined to the rows: only participants whose rows the viewer reads remain.
        var users = new QueryExpression(S.SystemUser.Table) { ColumnSet = new ColumnSet(S.SystemUser.Id), Distinct = true };
        var link = users.AddLink(table, S.SystemUser.Id, S.Credit.Participant, JoinOperator.Inner);
        link.LinkCriteria = Rows(org, table).Criteria;
        Assert.AreEqual(
            visible,
            string.Join(",", service.RetrieveMultiple(users).Entities.Select(u => Name(u.Id)).OrderBy(n => Array.FindIndex(People, p => p.Name == n))),
            "link-entity from systemuser");

        var batch = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = true },
            Requests = new OrganizationRequestCollection { new RetrieveMultipleRequest { Query = Rows(org, table) } },
        };
        var response = (ExecuteMultipleResponse)service.Execute(batch);
        Assert.AreEqual(visible, Owners(((RetrieveMultipleResponse)response.Responses.Single().Response).EntityCollection.Entities), "ExecuteMultiple");
    }

    /// <summary>Ava's Q2 margin quota or Q2 adjustment, as sales ops entered it.</summary>
    private static Entity AvasQ2Row(SpmOrganization org, string table) =>
        org.Raw.RetrieveMultiple(new QueryExpression(table)
        {
            ColumnSet = new ColumnSet(S.OwnerId, S.Credit.Participant),
            Criteria = { Conditions = { new ConditionExpression(S.Credit.Participant, ConditionOperator.Equal, Ava) } },
        }).Entities.Single(r => table != S.Quota.Table || org.Raw.Retrieve(table, r.Id, new ColumnSet(S.Quota.Measure)).GetAttributeValue<OptionSetValue>(S.Quota.Measure).Value == S.Quota.MeasureBase + 1);

    [TestMethod]
    public void A_rep_owns_and_reads_the_quota_and_adjustment_sales_ops_entered_for_them_and_the_statements_are_unchanged()
    {
        var org = Scenario();
        var quota = AvasQ2Row(org, S.Quota.Table);
        var adjustment = AvasQ2Row(org, S.Adjustment.Table);

        Assert.AreEqual(Ava, quota.GetAttributeValue<EntityReference>(S.OwnerId).Id, "the quota's owner");
        Assert.AreEqual(Ava, adjustment.GetAttributeValue<EntityReference>(S.OwnerId).Id, "the adjustment's owner");
        var ava = org.ServiceAs(Ava);
        Assert.AreEqual(45_000m, ava.Retrieve(S.Quota.Table, quota.Id, new ColumnSet(S.Quota.Amount)).GetAttributeValue<decimal>(S.Quota.Amount));
        Assert.AreEqual(250.00m, ava.Retrieve(S.Adjustment.Table, adjustment.Id, new ColumnSet(S.Adjustment.Amount)).GetAttributeValue<Money>(S.Adjustment.Amount).Value);
        foreach (var (rep, q1, q2) in new[] { (Ava, 12_000.00m, 250.00m), (Ben, 8_000.00m, 400.00m), (Noah, 6_000.00m, 150.00m) })
        {
            Assert.AreEqual(q1, org.Payable(rep, "FY2026-Q1"), $"{Name(rep)}'s Q1 statement");
            Assert.AreEqual(q2, org.Payable(rep, "FY2026-Q2"), $"{Name(rep)}'s Q2 statement: the adjustment alone");
        }
    }

    /// <summary>Sales ops entered Ava's row for Liam, who joined Priya's East team: they move it to him.</summary>
    [DataRow("spm_quota", "250.00", "0.00")]
    [DataRow("spm_adjustment", "0.00", "250.00")]
    [TestMethod]
    public void Moving_a_quota_or_an_adjustment_to_another_participant_moves_who_can_read_it(string table, string avasQ2, string liamsQ2)
    {
        var org = Scenario();
        org.AddParticipant(Liam, "Liam Walsh", Priya, "East", 200_000m);
        var row = AvasQ2Row(org, table);

        org.ServiceAs(SalesOps).Update(new Entity(table, row.Id) { [S.Credit.Participant] = new EntityReference(S.SystemUser.Table, Liam) });
        org.Pipeline.RunAsyncSteps();

        Assert.AreEqual(Liam, org.Raw.Retrieve(table, row.Id, new ColumnSet(S.OwnerId)).GetAttributeValue<EntityReference>(S.OwnerId).Id, "the owner follows the participant");
        foreach (var (viewer, reads) in new[] { ("Ava", false), ("Ben", false), ("Noah", false), ("Marco", false), ("Liam", true), ("Priya", true), ("Dana", true), ("SalesOps", true) })
        {
            var service = org.ServiceAs(Id(viewer));
            Assert.AreEqual(reads, service.RetrieveMultiple(Rows(org, table)).Entities.Any(e => e.Id == row.Id), $"{viewer} queries the moved row");
            if (!reads)
            {
                var denied = Assert.ThrowsExactly<DataverseFaultException>(() => service.Retrieve(table, row.Id, new ColumnSet(S.Credit.Participant)), $"{viewer} retrieves the moved row");
                Assert.AreEqual(SecurityErrors.AccessDenied, denied.ErrorCode);
            }
        }

        Assert.AreEqual(12_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreEqual(6_000.00m, org.Payable(Noah, "FY2026-Q1"));
        Assert.AreEqual(decimal.Parse(avasQ2, System.Globalization.CultureInfo.InvariantCulture), org.Payable(Ava, "FY2026-Q2"), "Ava's Q2 statement");
        Assert.AreEqual(decimal.Parse(liamsQ2, System.Globalization.CultureInfo.InvariantCulture), org.Payable(Liam, "FY2026-Q2"), "Liam's Q2 statement");
    }

    [DataRow("Ava")]
    [DataRow("Marco")]
    [DataRow("Dana")]
    [DataRow("SalesOps")]
    [TestMethod]
    public void Earned_and_payable_amounts_reach_holders_of_the_profile_and_a_rep_outside_its_teams_sees_them_empty(string viewer)
    {
        var org = Scenario();
        var avas = org.Statement(Ava, "FY2026-Q1")!.Id;
        var columns = new ColumnSet(S.Statement.Earned, S.Statement.TotalPayable, S.Statement.Credited);

        // 120,000 of 200,000 at 10%: 12,000.00 earned and payable.
        var read = org.ServiceAs(Id(viewer)).Retrieve(S.Statement.Table, avas, columns);
        Assert.AreEqual(12_000.00m, read.GetAttributeValue<Money>(S.Statement.Earned).Value);
        Assert.AreEqual(12_000.00m, read.GetAttributeValue<Money>(S.Statement.TotalPayable).Value);

        // Ava leaves the "SPM Reps" team: her statement still reads, without the amounts.
        var membership = org.Raw.RetrieveMultiple(new QueryExpression("teammembership")
        {
            ColumnSet = new ColumnSet(false),
            Criteria = { Conditions = { new ConditionExpression("systemuserid", ConditionOperator.Equal, Ava), new ConditionExpression("teamid", ConditionOperator.Equal, RepsTeam) } },
        }).Entities.Single();
        org.Raw.Delete("teammembership", membership.Id);
        var withoutProfile = org.ServiceAs(Ava).Retrieve(S.Statement.Table, avas, columns);
        Assert.AreEqual(120_000.00m, withoutProfile.GetAttributeValue<Money>(S.Statement.Credited).Value);
        Assert.IsFalse(withoutProfile.Contains(S.Statement.Earned));
        Assert.IsFalse(withoutProfile.Contains(S.Statement.TotalPayable));
    }

    [TestMethod]
    public void A_rep_may_not_write_a_statement_or_a_credit_and_nothing_is_stored_or_queued()
    {
        var org = Scenario();
        var ava = org.ServiceAs(Ava);
        var statement = org.Statement(Ava, "FY2026-Q1")!;
        var ledger = org.Ledger().Count;
        var statements = org.Store.Count(S.Statement.Table);
        org.Pipeline.ClearRecords();

        var forged = new Entity(S.Credit.Table);
        forged[S.Credit.Name] = "Contoso Analytics Suite – Ava Chen (Owner)";
        forged[S.Credit.Participant] = new EntityReference(S.SystemUser.Table, Ava);
        forged[S.Credit.Sequence] = 99;
        forged[S.Credit.DealKey] = Guid.NewGuid().ToString("D");
        forged[S.Credit.Kind] = new OptionSetValue(S.Credit.KindBase);
        forged[S.Credit.Revenue] = new Money(500_000m);
        forged[S.Credit.CreditDate] = Day(2, 20);
        forged[S.Credit.PostedOn] = Day(2, 20);
        var create = Assert.ThrowsExactly<DataverseFaultException>(() => ava.Create(forged));
        var edit = Assert.ThrowsExactly<DataverseFaultException>(() => ava.Update(new Entity(S.Statement.Table, statement.Id) { [S.Statement.TotalPayable] = new Money(50_000m) }));
        var newStatement = Assert.ThrowsExactly<DataverseFaultException>(() => ava.Create(new Entity(S.Statement.Table)
        {
            [S.Statement.Name] = "Ava Chen – FY2026-Q3",
            [S.Statement.Participant] = new EntityReference(S.SystemUser.Table, Ava),
            [S.Statement.Period] = new EntityReference(S.Period.Table, org.Periods["FY2026-Q3"]),
        }));

        foreach (var (fault, privilege) in new[] { (create, "prvCreatespm_credit"), (edit, "prvWritespm_statement"), (newStatement, "prvCreatespm_statement") })
        {
            Assert.AreEqual(SecurityErrors.PrivilegeDenied, fault.ErrorCode, privilege);
            Assert.Contains($"Principal user (Id={Ava:D}, type=8, roleCount=2, ", fault.Message);
            Assert.Contains($"is missing {privilege} privilege for entity '{privilege.Substring(privilege.IndexOf("spm_", StringComparison.Ordinal))}'", fault.Message);
        }

        Assert.HasCount(ledger, org.Ledger());
        Assert.AreEqual(12_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreEqual(statements, org.Store.Count(S.Statement.Table));
        Assert.AreEqual(0, org.Pipeline.PendingAsyncSteps);
    }

    [TestMethod]
    public void Sales_ops_may_not_set_a_payable_amount_by_hand()
    {
        var org = Scenario();
        var statement = org.Statement(Ava, "FY2026-Q1")!;

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.ServiceAs(SalesOps).Update(new Entity(S.Statement.Table, statement.Id) { [S.Statement.TotalPayable] = new Money(50_000m) }));

        Assert.AreEqual(SecurityErrors.PrivilegeDenied, fault.ErrorCode, "statements are written by the plug-ins only");
        Assert.AreEqual(12_000.00m, org.Payable(Ava, "FY2026-Q1"));
    }

    [DataRow("spm_credit", "create")]
    [DataRow("spm_credit", "write")]
    [DataRow("spm_credit", "delete")]
    [DataRow("spm_statement", "write")]
    [DataRow("spm_statement", "delete")]
    [DataRow("spm_statement", "assign")]
    [DataRow("spm_statement", "share")]
    [TestMethod]
    public void Sales_ops_read_the_ledger_and_statements_but_only_the_plug_ins_write_them(string table, string operation)
    {
        var org = Scenario();
        var salesOps = org.ServiceAs(SalesOps);
        var credit = org.Ledger(Ava).First();
        var statement = org.Statement(Ava, "FY2026-Q1")!;
        var row = table == S.Credit.Table ? credit : statement;
        var ledger = org.Ledger().Count;

        Action attempt = operation switch
        {
            "create" => () => salesOps.Create(new Entity(S.Credit.Table) { [S.Credit.Name] = "Manual credit", [S.Credit.Participant] = new EntityReference(S.SystemUser.Table, Ava), [S.Credit.Revenue] = new Money(10_000m) }),
            "write" when table == S.Credit.Table => () => salesOps.Update(new Entity(S.Credit.Table, credit.Id) { [S.Credit.Revenue] = new Money(500_000m) }),
            "write" => () => salesOps.Update(new Entity(S.Statement.Table, statement.Id) { [S.Statement.Credited] = new Money(500_000m) }),
            "delete" => () => salesOps.Delete(table, row.Id),
            "assign" => () => salesOps.Execute(new AssignRequest { Target = new EntityReference(table, row.Id), Assignee = new EntityReference(S.SystemUser.Table, Ben) }),
            _ => () => salesOps.Execute(new GrantAccessRequest { Target = new EntityReference(table, row.Id), PrincipalAccess = new PrincipalAccess { Principal = new EntityReference(S.SystemUser.Table, Ben), AccessMask = AccessRights.ReadAccess } }),
        };

        var fault = Assert.ThrowsExactly<DataverseFaultException>(attempt);

        Assert.AreEqual(SecurityErrors.PrivilegeDenied, fault.ErrorCode, fault.Message);
        Assert.HasCount(ledger, org.Ledger());
        Assert.AreEqual(120_000.00m, org.Credited(Ava, "FY2026-Q1"));
        Assert.AreEqual(12_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.DoesNotContain(statement.Id, org.ServiceAs(Ben).RetrieveMultiple(Rows(org, S.Statement.Table)).Entities.Select(e => e.Id).ToList(), "Ben was not given Ava's statement");
    }

    [DataRow("Ava", "Ava", true)]
    [DataRow("Ava", "Ben", false)]
    [DataRow("Marco", "Ava", true)]
    [DataRow("Marco", "Noah", false)]
    [DataRow("Priya", "Noah", true)]
    [DataRow("Priya", "Ben", false)]
    [DataRow("Dana", "Noah", true)]
    [TestMethod]
    public void The_what_if_estimate_is_open_to_a_rep_for_themself_and_a_manager_for_their_line(string caller, string participant, bool allowed)
    {
        var org = Scenario();
        var request = new OrganizationRequest(EstimateCommissionPlugin.MessageName) { ["Amount"] = 10_000.00m, ["CloseDate"] = Day(3, 20), ["ParticipantId"] = Id(participant) };

        if (allowed)
        {
            Assert.IsTrue(org.ServiceAs(Id(caller)).Execute(request).Results.ContainsKey("ProjectedEarnings"));
        }
        else
        {
            var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.ServiceAs(Id(caller)).Execute(request));
            Assert.AreEqual($"You can estimate only your own earnings or those of people who report to you; systemuser {Id(participant)} is not in your reporting line.", error.Message);
        }
    }

    [TestMethod]
    public void A_salesperson_without_an_spm_role_cannot_call_the_what_if_estimate()
    {
        var org = Scenario();
        var olga = new Guid("a0000000-0000-0000-0000-0000000000f1");
        org.AddUser(olga, "Olga Novak", Marco, "West", isParticipant: false);
        org.Pipeline.ClearRecords();

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            org.ServiceAs(olga).Execute(new OrganizationRequest(EstimateCommissionPlugin.MessageName) { ["Amount"] = 10_000.00m, ["CloseDate"] = Day(3, 20) }));

        Assert.AreEqual(SecurityErrors.PrivilegeDenied, fault.ErrorCode);
        Assert.Contains("is missing prvReadspm_statement privilege for entity 'spm_statement'", fault.Message);
        Assert.IsEmpty(org.Pipeline.Executions);
    }
}
