using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Security;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Security;

/// <summary>
/// Who reads which earnings row, by every way of asking: a rep their own rows, a manager their reporting line (the rows
/// shared with them), SPM Admin and System Administrator everything; the same answer by id, by query, by FetchXML, by a
/// link-entity from systemuser, by aggregate and inside ExecuteMultiple.
/// </summary>
[TestClass]
public sealed class EarningsRowAccessTests
{
    private static readonly string[] Owners = ["Ava", "Ben", "Noah", "Lena"];

    private static string[] Visible(string owners) => owners.Split(',');

    private static string Names(SecuredOrg org, string table, IEnumerable<Entity> rows) =>
        string.Join(",", rows.Select(r => org.OwnerOf(table, r.Id)).OrderBy(o => Array.IndexOf(Owners, o)));

    private static string Ordered(IEnumerable<string> owners) => string.Join(",", owners.OrderBy(o => Array.IndexOf(Owners, o)));

    [DataRow("Ava", "spm_statement", "Ava")]
    [DataRow("Ava", "spm_statementline", "Ava")]
    [DataRow("Ava", "spm_attainment", "Ava")]
    [DataRow("Ava", "spm_credit", "Ava")]
    [DataRow("Ava", "spm_quota", "Ava")]
    [DataRow("Ava", "spm_adjustment", "Ava")]
    [DataRow("Ben", "spm_statement", "Ben")]
    [DataRow("Ben", "spm_statementline", "Ben")]
    [DataRow("Ben", "spm_attainment", "Ben")]
    [DataRow("Ben", "spm_credit", "Ben")]
    [DataRow("Ben", "spm_quota", "Ben")]
    [DataRow("Ben", "spm_adjustment", "Ben")]
    [DataRow("Lena", "spm_statement", "Lena")]
    [DataRow("Lena", "spm_statementline", "Lena")]
    [DataRow("Lena", "spm_attainment", "Lena")]
    [DataRow("Lena", "spm_credit", "Lena")]
    [DataRow("Lena", "spm_quota", "Lena")]
    [DataRow("Lena", "spm_adjustment", "Lena")]
    [DataRow("Marco", "spm_statement", "Ava,Ben,Lena")]
    [DataRow("Marco", "spm_statementline", "Ava,Ben,Lena")]
    [DataRow("Marco", "spm_attainment", "Ava,Ben,Lena")]
    [DataRow("Marco", "spm_credit", "Ava,Ben,Lena")]
    [DataRow("Marco", "spm_quota", "Ava,Ben,Lena")]
    [DataRow("Marco", "spm_adjustment", "Ava,Ben,Lena")]
    [DataRow("Priya", "spm_statement", "Noah")]
    [DataRow("Priya", "spm_statementline", "Noah")]
    [DataRow("Priya", "spm_attainment", "Noah")]
    [DataRow("Priya", "spm_credit", "Noah")]
    [DataRow("Priya", "spm_quota", "Noah")]
    [DataRow("Priya", "spm_adjustment", "Noah")]
    [DataRow("Sofia", "spm_statement", "Ava,Ben,Noah,Lena")]
    [DataRow("Sofia", "spm_statementline", "Ava,Ben,Noah,Lena")]
    [DataRow("Sofia", "spm_attainment", "Ava,Ben,Noah,Lena")]
    [DataRow("Sofia", "spm_credit", "Ava,Ben,Noah,Lena")]
    [DataRow("Sofia", "spm_quota", "Ava,Ben,Noah,Lena")]
    [DataRow("Sofia", "spm_adjustment", "Ava,Ben,Noah,Lena")]
    [DataRow("Iris", "spm_statement", "Ava,Ben,Noah,Lena")]
    [DataRow("Iris", "spm_statementline", "Ava,Ben,Noah,Lena")]
    [DataRow("Iris", "spm_attainment", "Ava,Ben,Noah,Lena")]
    [DataRow("Iris", "spm_credit", "Ava,Ben,Noah,Lena")]
    [DataRow("Iris", "spm_quota", "Ava,Ben,Noah,Lena")]
    [DataRow("Iris", "spm_adjustment", "Ava,Ben,Noah,Lena")]
    [TestMethod]
    public void Every_path_returns_exactly_the_rows_the_roles_and_the_managers_shares_give(string viewer, string table, string visibleOwners)
    {
        var org = new SecuredOrg();
        IOrganizationService service = org.As(viewer);
        string[] visible = Visible(visibleOwners);
        string expected = Ordered(visible);

        // By id: a readable row comes back, any other is refused as the platform refuses it.
        foreach (string owner in Owners)
        {
            Guid id = org.Row(table, owner);
            if (visible.Contains(owner))
            {
                Assert.AreEqual(id, service.Retrieve(table, id, new ColumnSet(true)).Id, $"Retrieve of {owner}'s {table}");
            }
            else
            {
                var denied = Assert.ThrowsExactly<DataverseFaultException>(() => service.Retrieve(table, id, new ColumnSet("spm_name")), $"Retrieve of {owner}'s {table}");
                Assert.AreEqual(SecurityErrors.AccessDenied, denied.ErrorCode);
                Assert.AreEqual($"Principal with id {org[viewer]:D} does not have ReadAccess right(s) for record with id {id:D} of entity {table}. Consider assigning a role with the level {ReachingLevel(viewer, owner)} to the user or team.", denied.Message);
            }
        }

        // QueryExpression, FetchXML and a link-entity from systemuser (inner join on the owner).
        Assert.AreEqual(expected, Names(org, table, service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet("spm_name") }).Entities), "QueryExpression");
        Assert.AreEqual(expected, Names(org, table, service.RetrieveMultiple(new FetchExpression($"<fetch><entity name='{table}'><attribute name='spm_name' /></entity></fetch>")).Entities), "FetchXML");
        var users = new QueryExpression("systemuser") { ColumnSet = new ColumnSet("fullname") };
        users.AddLink(table, "systemuserid", "ownerid", JoinOperator.Inner).Columns = new ColumnSet("spm_name");
        Assert.AreEqual(
            Ordered(visible.Select(v => v)),
            string.Join(",", service.RetrieveMultiple(users).Entities.Select(u => Owners.Single(o => org[o] == u.Id)).OrderBy(o => Array.IndexOf(Owners, o))),
            "link-entity from systemuser");

        // An aggregate counts and sums the readable rows only; a secured amount the viewer may not read counts as empty (sum 0).
        string amount = SecuredOrg.AmountColumn[table];
        Entity totals = service.RetrieveMultiple(new FetchExpression(
            $"<fetch aggregate='true'><entity name='{table}'><attribute name='{table}id' alias='rows' aggregate='count' /><attribute name='{amount}' alias='total' aggregate='sum' /></entity></fetch>")).Entities.Single();
        Assert.AreEqual(visible.Length, (int)totals.GetAttributeValue<AliasedValue>("rows").Value, "aggregate count");
        object? sum = totals.GetAttributeValue<AliasedValue>("total")?.Value;
        bool amountHidden = viewer == "Lena" && org.Store.IsSecuredColumn(table, amount);
        decimal expectedSum = amountHidden ? 0m : visible.Sum(SecuredOrg.Amount);
        Assert.AreEqual(expectedSum, sum switch { Money money => money.Value, decimal number => number, _ => -1m }, "aggregate sum");

        // Inside ExecuteMultiple each request is checked as on its own.
        var batch = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            Requests = new OrganizationRequestCollection { new RetrieveMultipleRequest { Query = new QueryExpression(table) { ColumnSet = new ColumnSet("spm_name") } } },
        };
        foreach (string owner in Owners)
        {
            batch.Requests.Add(new RetrieveRequest { Target = new EntityReference(table, org.Row(table, owner)), ColumnSet = new ColumnSet("spm_name") });
        }

        var responses = ((ExecuteMultipleResponse)service.Execute(batch)).Responses;
        Assert.AreEqual(expected, Names(org, table, ((RetrieveMultipleResponse)responses.Single(r => r.RequestIndex == 0).Response).EntityCollection.Entities), "ExecuteMultiple query");
        Assert.AreEqual(
            string.Join(",", Owners.Select(o => visible.Contains(o) ? o + ":read" : o + ":0x80048306")),
            string.Join(",", responses.Where(r => r.RequestIndex > 0).OrderBy(r => r.RequestIndex).Select(r => Owners[r.RequestIndex - 1] + (r.Fault == null ? ":read" : ":0x" + r.Fault.ErrorCode.ToString("X8")))),
            "ExecuteMultiple retrieves");
    }

    /// <summary>A row of Contoso's other unit needs Global; one of the viewer's own unit, Local.</summary>
    private static string ReachingLevel(string viewer, string owner)
    {
        string[] west = ["Ava", "Ben", "Lena", "Marco"];
        return west.Contains(viewer) == west.Contains(owner) ? "Local" : "Global";
    }

    [DataRow("spm_statement")]
    [DataRow("spm_statementline")]
    [DataRow("spm_attainment")]
    [DataRow("spm_credit")]
    [DataRow("spm_quota")]
    [DataRow("spm_adjustment")]
    [TestMethod]
    public void A_salesperson_without_an_spm_role_reads_no_earnings_table_at_all(string table)
    {
        var org = new SecuredOrg();
        IOrganizationService omar = org.As("Omar");
        string message = $"Principal user (Id={org["Omar"]:D}, type=8, roleCount=1, privilegeCount={PlatformRoles.Salesperson.PrivilegeCount}, accessMode='0 Read-Write', businessUnitId={SecuredOrg.West:D}), " +
            $"is missing prvRead{table} privilege for entity '{table}'. context.Caller={org["Omar"]:D}. Consider adding missed privilege to one of the principal (user/team) roles.";

        var byQuery = Assert.ThrowsExactly<DataverseFaultException>(() => omar.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet("spm_name") }));
        var byId = Assert.ThrowsExactly<DataverseFaultException>(() => omar.Retrieve(table, org.Row(table, "Ava"), new ColumnSet("spm_name")));
        var missing = Assert.ThrowsExactly<DataverseFaultException>(() => omar.Retrieve(table, Guid.NewGuid(), new ColumnSet("spm_name")));
        var users = new QueryExpression("systemuser") { ColumnSet = new ColumnSet("fullname") };
        users.AddLink(table, "systemuserid", "ownerid", JoinOperator.LeftOuter);
        var linked = Assert.ThrowsExactly<DataverseFaultException>(() => omar.RetrieveMultiple(users));

        foreach (var fault in new[] { byQuery, byId, missing, linked })
        {
            Assert.AreEqual(SecurityErrors.PrivilegeDenied, fault.ErrorCode);
            Assert.AreEqual(message, fault.Message);
        }
    }
}
