using Microsoft.Xrm.Sdk;
using Spm.Dataverse;
using Spm.Plugins.Steps;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

[TestClass]
public sealed class OpportunityCreditTests
{
    private static DateTime Day(int month, int day) => new(2026, month, day);

    [TestMethod]
    public void Winning_a_deal_credits_the_owner_and_writes_the_statement_at_once()
    {
        var org = Create(Day(2, 1));

        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));

        // 120,000.00 of a 200,000.00 quota = 60% at 10% = 12,000.00.
        var statement = org.Statement(Ava, "FY2026-Q1")!;
        Assert.AreEqual(120_000.00m, statement.GetAttributeValue<Money>(S.Statement.Credited).Value);
        Assert.AreEqual(60.00m, statement.GetAttributeValue<decimal?>(S.Statement.AttainmentPercent));
        Assert.AreEqual(12_000.00m, statement.GetAttributeValue<Money>(S.Statement.TotalPayable).Value);
        var ledger = org.Ledger(Ava);
        Assert.HasCount(1, ledger);
        Assert.AreEqual(120_000.00m, ledger[0].GetAttributeValue<Money>(S.Credit.Revenue).Value);

        // Owned by the rep, so the SPM Rep role's own-rows read shows Ava her statement and credit, and nobody else's.
        Assert.AreEqual(Ava, org.Raw.Retrieve(S.Statement.Table, statement.Id, new Microsoft.Xrm.Sdk.Query.ColumnSet(S.OwnerId)).GetAttributeValue<EntityReference>(S.OwnerId).Id);
        Assert.AreEqual(Ava, org.Raw.Retrieve(S.Credit.Table, ledger[0].Id, new Microsoft.Xrm.Sdk.Query.ColumnSet(S.OwnerId)).GetAttributeValue<EntityReference>(S.OwnerId).Id);
    }

    [TestMethod]
    public void A_win_makes_eight_requests_and_locks_only_the_reps_ledger()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Fabrikam Field Service", Ava, 48_250.00m, Day(2, 12));
        org.Pipeline.RunAsyncSteps();
        org.Pipeline.ClearRecords();

        org.WonDeal("Contoso Analytics Suite", Ava, 30_000.00m, Day(2, 19));

        var win = org.Pipeline.Executions.Single(e => e.MessageName == "Win" && e.PluginTypeName.Contains(nameof(OpportunityCreditPlugin), StringComparison.Ordinal) && e.Mode == Spm.Dataverse.Registration.StepMode.Synchronous);
        string[] expected =
        [
            "RetrieveMultiple opportunity",       // Win carries no image: the credit columns, with the splits linked in
            "RetrieveMultiple spm_ledgerstate",   // the configuration version: people, plans, quotas, periods come from the cache
            "RetrieveMultiple spm_statement",     // open statements (with their totals snapshots) and the latest locked one
            "RetrieveMultiple spm_credit",        // the deal's rows and the rows those snapshots do not cover, in one query
            "Upsert spm_ledgerstate",             // lock Ava's ledger, after every read...
            "RetrieveMultiple spm_credit",        // ...and check her last sequence is where the rows read said it was
            "Create spm_credit",                  // (shared with Marco and Dana by a job on its Create, after commit)
            "Update spm_statement",               // only over the version read
        ];
        Assert.AreSequenceEqual(expected, win.Requests.ToArray(), string.Join(Environment.NewLine, win.Requests));
        var transaction = org.Pipeline.Transactions.Single(t => t.MessageName == "Win");
        Assert.AreSequenceEqual(new[] { Ava }, transaction.LockedRows.Where(r => r.Table == S.LedgerState.Table).Select(r => r.Id).ToArray());
        Assert.AreEqual(78_250.00m, org.Credited(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_first_win_under_a_new_configuration_version_reads_it_once_and_checks_the_first_deal()
    {
        var org = Create(Day(2, 1));
        org.Pipeline.ClearRecords();

        org.WonDeal("Fabrikam Field Service", Ava, 48_250.00m, Day(2, 12));

        var win = org.Pipeline.Executions.Single(e => e.MessageName == "Win" && e.PluginTypeName.Contains(nameof(OpportunityCreditPlugin), StringComparison.Ordinal) && e.Mode == Spm.Dataverse.Registration.StepMode.Synchronous);
        string[] expected =
        [
            "RetrieveMultiple opportunity",
            "RetrieveMultiple spm_ledgerstate",   // a version this process has not seen: read what it covers...
            "RetrieveMultiple spm_period",
            "RetrieveMultiple transactioncurrency",
            "RetrieveMultiple systemuser",        // ...the people on the deal with their manager chains (six levels a query)
            "RetrieveMultiple spm_planassignment",
            "RetrieveMultiple spm_compplan",      // plans with their components and tiers (one query), and SPIFFs
            "RetrieveMultiple spm_plancomponent",
            "RetrieveMultiple spm_spiff",
            "RetrieveMultiple spm_statement",
            "RetrieveMultiple spm_credit",
            "RetrieveMultiple spm_quota",
            "RetrieveMultiple spm_adjustment",
            "Upsert spm_ledgerstate",
            "RetrieveMultiple spm_credit",
            "Create spm_credit",
            "Create spm_statement",
            "RetrieveMultiple spm_credit",        // a "first deal" is checked against her whole ledger...
            "RetrieveMultiple spm_recognition",   // ...and against the milestones already announced
            "Create spm_recognition",
        ];
        Assert.AreSequenceEqual(expected, win.Requests.ToArray(), string.Join(Environment.NewLine, win.Requests));
    }

    [TestMethod]
    public void Roll_up_credit_reaches_every_manager_after_the_asynchronous_step()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Northwind Retail POS", Ava, 100_000.00m, Day(2, 20));

        Assert.AreEqual(0m, org.Credited(Marco, "FY2026-Q1"));
        org.Pipeline.RunAsyncSteps();

        // Marco: 100,000 of 400,000 at 10% = 10,000.00; Dana: 100,000 of 800,000 = 10,000.00.
        Assert.AreEqual(100_000.00m, org.Credited(Marco, "FY2026-Q1"));
        Assert.AreEqual(10_000.00m, org.Payable(Marco, "FY2026-Q1"));
        Assert.AreEqual(100_000.00m, org.Credited(Dana, "FY2026-Q1"));
        Assert.IsEmpty(org.Pipeline.FailedAsyncOperations);
    }

    [TestMethod]
    public void Editing_a_column_that_cannot_move_credit_writes_nothing()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Adventure Works Renewal", Ava, 80_000.00m, Day(2, 14));
        var before = org.Ledger().Count;

        var edit = new Entity(S.Opportunity.Table, deal) { ["description"] = "Customer asked for a QBR in May." };
        org.Service.Update(edit);

        Assert.HasCount(before, org.Ledger());
        Assert.AreEqual(8_000.00m, org.Payable(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void Reopening_a_won_deal_reverses_its_credit_and_keeps_both_entries()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Litware Data Migration", Ava, 60_000.00m, Day(2, 17));

        org.Reopen(deal, Day(3, 2));

        var ledger = org.Ledger(Ava);
        Assert.HasCount(2, ledger);
        Assert.AreEqual(-60_000.00m, ledger[1].GetAttributeValue<Money>(S.Credit.Revenue).Value);
        Assert.AreEqual(ledger[0].GetAttributeValue<int>(S.Credit.Sequence), ledger[1].GetAttributeValue<int?>(S.Credit.ReversalOf));
        Assert.AreEqual(0.00m, org.Payable(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void Reassigning_a_won_deal_moves_the_credit_to_the_new_owner()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Tailspin Toys Upgrade", Ava, 50_000.00m, Day(2, 8));

        org.Service.Execute(new Microsoft.Crm.Sdk.Messages.AssignRequest { Target = new EntityReference(S.Opportunity.Table, deal), Assignee = new EntityReference(S.SystemUser.Table, Ben) });

        Assert.AreEqual(0.00m, org.Credited(Ava, "FY2026-Q1"));
        Assert.AreEqual(50_000.00m, org.Credited(Ben, "FY2026-Q1"));
        Assert.AreEqual(5_000.00m, org.Payable(Ben, "FY2026-Q1"));
    }

    [TestMethod]
    public void Deleting_a_won_deal_reverses_its_credit()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Coho Winery POS", Ava, 30_000.00m, Day(2, 8));

        org.Today(Day(2, 9));
        org.Service.Delete(S.Opportunity.Table, deal);

        Assert.AreEqual(0.00m, org.Credited(Ava, "FY2026-Q1"));
        Assert.HasCount(2, org.Ledger(Ava));
    }

    [TestMethod]
    public void Losing_an_open_deal_posts_nothing()
    {
        var org = Create(Day(2, 1));
        var deal = org.CreateOpportunity("Alpine Ski House Expansion", Ava, 90_000.00m, Day(3, 20));

        org.Lose(deal, Day(2, 25));

        Assert.IsEmpty(org.Ledger());
    }

    [TestMethod]
    public void A_euro_deal_is_credited_in_base_currency_at_its_exchange_rate()
    {
        var org = Create(Day(2, 1));

        org.WonDeal("Graphic Design Institute – Berlin", Ava, 46_000.00m, Day(3, 3), Eur);

        // 46,000.00 EUR / 0.92 = 50,000.00 USD.
        Assert.AreEqual(50_000.00m, org.Credited(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void Revenue_splits_that_do_not_total_100_percent_stop_the_save_and_nothing_is_written()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Wide World Importers Platform", Ava, 100_000.00m, Day(2, 5));
        var ledgerBefore = org.Ledger().Count;

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.AddSplit(deal, Ava, 60m));

        Assert.Contains("total 60%", error.Message);
        Assert.Contains("must total exactly 100%", error.Message);
        Assert.HasCount(ledgerBefore, org.Ledger());
        Assert.AreEqual(0, org.Store.Count(S.CreditSplit.Table));
    }
}
