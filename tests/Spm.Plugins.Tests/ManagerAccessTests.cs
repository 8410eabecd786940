using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>
/// A manager reads exactly their reporting line: SPM Manager reads earnings tables at user level, and each statement and
/// credit row is shared read-only with its participant's manager chain by the asynchronous step on its Create.
/// </summary>
[TestClass]
public sealed class ManagerAccessTests
{
    private static DateTime Day(int month, int day) => new(2026, month, day);

    private static readonly Dictionary<Guid, string> Names = new() { [Dana] = "Dana", [Marco] = "Marco", [Ava] = "Ava", [Ben] = "Ben", [Priya] = "Priya", [Noah] = "Noah", [Admin] = "Admin" };

    /// <summary>"Name: rights" of each principal the row is shared with, in name order.</summary>
    private static string[] SharedWith(SpmOrganization org, string table, Guid id) =>
        ((RetrieveSharedPrincipalsAndAccessResponse)org.Raw.Execute(new RetrieveSharedPrincipalsAndAccessRequest { Target = new EntityReference(table, id) }))
            .PrincipalAccesses.Select(p => $"{Names[p.Principal.Id]}: {p.AccessMask}").Order(StringComparer.Ordinal).ToArray();

    private static Guid StatementId(SpmOrganization org, Guid participant) => org.Statement(participant, "FY2026-Q1")!.Id;

    [TestMethod]
    public void A_reps_statement_and_credit_are_shared_read_only_with_their_manager_chain_and_nobody_else()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Fabrikam Field Service", Ava, 48_250.00m, Day(2, 12));
        org.Pipeline.RunAsyncSteps();

        var statement = SharedWith(org, S.Statement.Table, StatementId(org, Ava));
        var credit = SharedWith(org, S.Credit.Table, org.Ledger(Ava).Single().Id);

        // Marco and Dana read Ava's rows; Ben (a peer), Priya (another team's manager) and Noah do not.
        string[] line = ["Dana: ReadAccess", "Marco: ReadAccess"];
        Assert.AreSequenceEqual(line, statement);
        Assert.AreSequenceEqual(line, credit);
    }

    [TestMethod]
    public void A_managers_roll_up_rows_are_shared_with_their_own_manager_not_with_their_reps()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Northwind Retail POS", Ava, 100_000.00m, Day(2, 20));
        org.Pipeline.RunAsyncSteps();

        // Marco's roll-up: 100,000 of 400,000 at 10% = 10,000.00, readable by Dana only.
        Assert.AreEqual(10_000.00m, org.Payable(Marco, "FY2026-Q1"));
        Assert.AreSequenceEqual(new[] { "Dana: ReadAccess" }, SharedWith(org, S.Statement.Table, StatementId(org, Marco)));
        Assert.IsEmpty(SharedWith(org, S.Statement.Table, StatementId(org, Dana)));
    }

    [TestMethod]
    public void A_second_deal_updates_the_statement_without_sharing_it_again()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Fabrikam Field Service", Ava, 48_250.00m, Day(2, 12));
        org.Pipeline.RunAsyncSteps();
        var shares = org.Store.Count("principalobjectaccess");

        org.WonDeal("Contoso Analytics Suite", Ava, 30_000.00m, Day(2, 19));
        org.Pipeline.RunAsyncSteps();

        // One more credit row for Ava (and one roll-up row each for Marco and Dana): shared with Marco and Dana, Dana,
        // and nobody; the statements already were.
        Assert.AreEqual(shares + 3, org.Store.Count("principalobjectaccess"));
        Assert.AreEqual(78_250.00m, org.Credited(Ava, "FY2026-Q1"));
        Assert.HasCount(2, SharedWith(org, S.Statement.Table, StatementId(org, Ava)));
    }

    [TestMethod]
    public void An_east_managers_line_gets_the_east_reps_rows()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Tailspin Toys Renewal", Noah, 64_000.00m, Day(2, 14));
        org.Pipeline.RunAsyncSteps();

        var credit = org.Ledger(Noah).Single();

        Assert.AreSequenceEqual(new[] { "Dana: ReadAccess", "Priya: ReadAccess" }, SharedWith(org, S.Credit.Table, credit.Id));
        Assert.AreNotEqual(Guid.Empty, deal);
    }

    [TestMethod]
    public void A_quota_set_for_a_rep_is_shared_with_their_manager_chain()
    {
        var org = Create(Day(2, 1));
        var quota = new Entity(S.Quota.Table);
        quota[S.Quota.Participant] = new EntityReference(S.SystemUser.Table, Noah);
        quota[S.Quota.Period] = new EntityReference(S.Period.Table, org.Periods["FY2026-Q2"]);
        quota[S.Quota.Measure] = new OptionSetValue(S.Quota.MeasureBase);
        quota[S.Quota.Amount] = 150_000m;

        var id = org.Service.Create(quota);

        Assert.AreSequenceEqual(new[] { "Dana: ReadAccess", "Priya: ReadAccess" }, SharedWith(org, S.Quota.Table, id));
    }
}
