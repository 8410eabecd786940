using Microsoft.Xrm.Sdk;
using Spm.Dataverse;
using Spm.Dataverse.Pipeline;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>
/// Which rows a posting locks (the rows a transaction writes, held until it commits): only the participants it writes,
/// through their spm_ledgerstate rows, taken after the opportunity and before any credit or statement is written, in
/// ascending id order. Two reps of different teams therefore never wait for each other.
/// </summary>
[TestClass]
public sealed class RowLockTests
{
    private static readonly Guid Priya = new("a0000000-0000-0000-0000-0000000000e1");
    private static readonly Guid Lena = new("a0000000-0000-0000-0000-0000000000e2");

    private static DateTime Day(int month, int day) => new(2026, month, day);

    /// <summary>The fixture plus a second team: Priya Nair (reports to Dana) manages Lena Fischer.</summary>
    private static SpmOrganization TwoTeams()
    {
        var org = Create(Day(2, 1));
        org.AddParticipant(Priya, "Priya Nair", Dana, "East Management", 400_000m);
        org.AddParticipant(Lena, "Lena Fischer", Priya, "East", 200_000m);
        return org;
    }

    private static string Describe(TransactionRecord t) =>
        $"#{t.Sequence} {t.MessageName} {t.PrimaryEntityName} depth {t.Depth}: " + string.Join(", ", t.LockedRows.Select(r => $"{r.Table} {r.Id.ToString("N")[^2..]}"));

    private static string Describe(IEnumerable<TransactionRecord> transactions) => string.Join(Environment.NewLine, transactions.Select(Describe));

    private static TransactionRecord WinOf(SpmOrganization org, Guid opportunity) =>
        org.Pipeline.Transactions.Single(t => t.MessageName == "Win" && t.Depth == 1 && t.Locks(S.Opportunity.Table, opportunity));

    /// <summary>The participants whose spm_credit rows the transaction created.</summary>
    private static HashSet<Guid> CreditedIn(SpmOrganization org, TransactionRecord transaction)
    {
        var created = new HashSet<Guid>(transaction.LockedIn(S.Credit.Table));
        return org.Ledger().Where(r => created.Contains(r.Id)).Select(r => r.GetAttributeValue<EntityReference>(S.Credit.Participant).Id).ToHashSet();
    }

    /// <summary>In lock order: every spm_ledgerstate row comes after the opportunity's and before any credit, statement or recognition row.</summary>
    private static void AssertLedgerLocksComeBeforeTheWrites(TransactionRecord transaction)
    {
        var rows = transaction.LockedRows.ToList();
        var locks = rows.Select((r, i) => (r, i)).Where(x => x.r.Table == S.LedgerState.Table).Select(x => x.i).ToList();
        Assert.IsNotEmpty(locks, Describe(transaction));
        var writes = rows.Select((r, i) => (r, i)).Where(x => x.r.Table is S.Credit.Table or S.Statement.Table or S.Recognition.Table).Select(x => x.i).ToList();
        Assert.IsNotEmpty(writes, Describe(transaction));
        Assert.IsLessThan(writes.Min(), locks.Max(), "every ledger lock is taken before the first credit or statement write: " + Describe(transaction));
        Assert.AreEqual(locks.Count, locks.Max() - locks.Min() + 1, "the ledger locks are taken together: " + Describe(transaction));
        var opportunity = rows.FindIndex(r => r.Table == S.Opportunity.Table);
        if (opportunity >= 0)
        {
            Assert.IsLessThan(locks.Min(), opportunity, "the opportunity is written (by the platform) before the posting locks: " + Describe(transaction));
        }

        var ids = transaction.LockedIn(S.LedgerState.Table);
        Assert.AreSequenceEqual(ids.Order().ToList(), ids.ToList(), "ledger locks in ascending id order: " + Describe(transaction));
    }

    [TestMethod]
    public void Two_reps_of_different_teams_winning_at_once_lock_disjoint_rows()
    {
        var org = TwoTeams();
        var contoso = org.CreateOpportunity("Contoso Analytics Suite", Ava, 100_000.00m, Day(2, 10));
        var fabrikam = org.CreateOpportunity("Fabrikam Data Platform", Lena, 80_000.00m, Day(2, 10));
        org.Pipeline.ClearRecords();

        org.Win(contoso, 100_000.00m, Day(2, 10));
        org.Win(fabrikam, 80_000.00m, Day(2, 10));

        var ava = WinOf(org, contoso);
        var lena = WinOf(org, fabrikam);
        Assert.IsTrue(ava.Committed && lena.Committed, Describe(org.Pipeline.Transactions));
        Assert.IsEmpty(ava.LocksSharedWith(lena), Describe([ava, lena]));

        // Each win locks its own rep's ledger, and nobody else's: not the managers (their roll-up is asynchronous), not the caller.
        Assert.AreSequenceEqual(new[] { Ava }, ava.LockedIn(S.LedgerState.Table).ToArray(), Describe(ava));
        Assert.AreSequenceEqual(new[] { Lena }, lena.LockedIn(S.LedgerState.Table).ToArray(), Describe(lena));
        Assert.IsTrue(CreditedIn(org, ava).SetEquals([Ava]), Describe(ava));
        Assert.IsTrue(CreditedIn(org, lena).SetEquals([Lena]), Describe(lena));
        AssertLedgerLocksComeBeforeTheWrites(ava);
        AssertLedgerLocksComeBeforeTheWrites(lena);
    }

    [TestMethod]
    public void Each_roll_up_job_locks_only_the_managers_it_writes_in_id_order_before_their_credits()
    {
        var org = TwoTeams();
        org.WonDeal("Contoso Analytics Suite", Ava, 100_000.00m, Day(2, 10));
        org.WonDeal("Fabrikam Data Platform", Lena, 80_000.00m, Day(2, 10));
        var before = org.Pipeline.Transactions.Count;

        org.Pipeline.RunAsyncSteps();

        // An asynchronous job runs outside a transaction: each of its calls commits on its own (depth 2), so a job is the
        // run of calls sharing the win's correlation id.
        // (The sharing jobs queued by each new row only grant access; they are not roll-ups.)
        var calls = org.Pipeline.Transactions.Skip(before).Where(t => t.MessageName != "GrantAccess").ToList();
        Assert.IsTrue(calls.All(t => t.Depth == 2 && t.LockedRows.Count <= 1), Describe(calls));
        var jobs = calls.Where(t => t.LockedRows.Count == 1).GroupBy(t => t.CorrelationId).Select(g => g.OrderBy(t => t.Sequence).Select(t => t.LockedRows[0]).ToList()).ToList();
        Assert.HasCount(2, jobs, Describe(calls));
        var west = jobs.Single(rows => rows.Contains(new LockedRow(S.LedgerState.Table, Marco)));
        var east = jobs.Single(rows => rows.Contains(new LockedRow(S.LedgerState.Table, Priya)));

        // Ava's job takes Marco's then Dana's ledger (…ac < …da), Lena's job Dana's then Priya's (…da < …e1), before any credit.
        Assert.AreSequenceEqual(new[] { Marco, Dana }, west.Where(r => r.Table == S.LedgerState.Table).Select(r => r.Id).ToArray());
        Assert.AreSequenceEqual(new[] { Dana, Priya }, east.Where(r => r.Table == S.LedgerState.Table).Select(r => r.Id).ToArray());
        foreach (var job in new[] { west, east })
        {
            var lastLock = job.FindLastIndex(r => r.Table == S.LedgerState.Table);
            var firstWrite = job.FindIndex(r => r.Table is S.Credit.Table or S.Statement.Table or S.Recognition.Table);
            Assert.IsLessThan(firstWrite, lastLock, string.Join(", ", job));
        }

        var credited = org.Ledger().Where(r => r.GetAttributeValue<OptionSetValue>(S.Credit.Kind).Value == S.Credit.KindBase + 3).Select(r => (r.Id, Who: r.GetAttributeValue<EntityReference>(S.Credit.Participant).Id)).ToList();
        Assert.IsTrue(credited.Where(c => west.Contains(new LockedRow(S.Credit.Table, c.Id))).Select(c => c.Who).ToHashSet().SetEquals([Marco, Dana]));
        Assert.IsTrue(credited.Where(c => east.Contains(new LockedRow(S.Credit.Table, c.Id))).Select(c => c.Who).ToHashSet().SetEquals([Priya, Dana]));
        Assert.AreEqual(180_000.00m, org.Credited(Dana, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_split_deal_locks_both_reps_in_id_order_after_the_opportunity_and_before_its_credits()
    {
        var org = TwoTeams();
        var northwind = org.CreateOpportunity("Northwind Retail POS", Ben, 52_000.00m, Day(2, 26));
        org.AddSplit(northwind, Ben, 60m);
        org.AddSplit(northwind, Ava, 40m);
        org.Pipeline.ClearRecords();

        org.Win(northwind, 52_000.00m, Day(2, 26));

        var win = WinOf(org, northwind);
        Assert.AreSequenceEqual(new[] { Ava, Ben }, win.LockedIn(S.LedgerState.Table).ToArray(), "Ava's id (…a1) sorts before Ben's (…b1): " + Describe(win));
        Assert.IsTrue(CreditedIn(org, win).SetEquals([Ava, Ben]), Describe(win));
        AssertLedgerLocksComeBeforeTheWrites(win);
        Assert.AreEqual(20_800.00m, org.Credited(Ava, "FY2026-Q1"));
        Assert.AreEqual(31_200.00m, org.Credited(Ben, "FY2026-Q1"));
    }

    [TestMethod]
    [DataRow("name", DisplayName = "renamed")]
    [DataRow("probability", DisplayName = "probability edited")]
    public void Renaming_a_won_deal_or_editing_its_probability_locks_only_the_opportunity(string edit)
    {
        var org = Create(Day(2, 1));
        var contoso = org.WonDeal("Contoso Fleet Expansion", Ava, 48_250.00m, Day(2, 10));
        org.Pipeline.RunAsyncSteps();
        var before = org.Pipeline.Transactions.Count;

        org.Today(Day(2, 20));
        var update = new Entity(S.Opportunity.Table, contoso);
        update[edit == "name" ? S.Opportunity.Name : S.Opportunity.CloseProbability] = edit == "name" ? "Contoso Fleet Expansion – Phase 1" : 90;
        org.Service.Update(update);
        org.Pipeline.RunAsyncSteps();

        var after = org.Pipeline.Transactions.Skip(before).ToList();
        var save = after.Single(t => t.MessageName == "Update" && t.Depth == 1);
        Assert.AreSequenceEqual(new[] { new LockedRow(S.Opportunity.Table, contoso) }, save.LockedRows.ToArray(), Describe(save));
        Assert.IsTrue(after.Where(t => t != save).All(t => t.LockedRows.Count == 0), "the roll-up job writes nothing either: " + Describe(after));
    }
}
