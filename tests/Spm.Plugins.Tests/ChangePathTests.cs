using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using Spm.Plugins.Steps;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>Everyday edits of won deals, retries and failures: each one must leave every person's money right.</summary>
[TestClass]
public sealed class ChangePathTests
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

    [TestMethod]
    public void Giving_a_won_deal_to_another_team_by_split_moves_the_managers_roll_up_too()
    {
        var org = TwoTeams();
        var deal = org.WonDeal("Contoso Analytics Suite", Ava, 100_000.00m, Day(2, 10));
        org.Pipeline.RunAsyncSteps();
        Assert.AreEqual(100_000.00m, org.Credited(Marco, "FY2026-Q1"));

        org.AddSplit(deal, Lena, 100m);
        org.Pipeline.RunAsyncSteps();

        Assert.AreEqual(0.00m, org.Credited(Ava, "FY2026-Q1"));
        Assert.AreEqual(100_000.00m, org.Credited(Lena, "FY2026-Q1"));
        Assert.AreEqual(0.00m, org.Credited(Marco, "FY2026-Q1"), "the old manager keeps no roll-up");
        Assert.AreEqual(100_000.00m, org.Credited(Priya, "FY2026-Q1"), "the new manager gets the roll-up");
        Assert.AreEqual(10_000.00m, org.Payable(Priya, "FY2026-Q1"));
        Assert.AreEqual(100_000.00m, org.Credited(Dana, "FY2026-Q1"), "both teams roll up to Dana: she is credited once");
        Assert.IsEmpty(org.Pipeline.FailedAsyncOperations);
    }

    [TestMethod]
    public void Moving_a_split_row_to_another_deal_counts_it_on_the_new_deal_only()
    {
        var org = Create(Day(2, 1));
        var first = org.WonDeal("Fabrikam Field Service", Ava, 40_000.00m, Day(2, 12));
        var second = org.WonDeal("Northwind Retail POS", Ava, 60_000.00m, Day(2, 14));
        var split = org.AddSplit(first, Ben, 100m);
        Assert.AreEqual(40_000.00m, org.Credited(Ben, "FY2026-Q1"));

        org.Service.Update(new Entity(S.CreditSplit.Table, split) { [S.CreditSplit.Opportunity] = new EntityReference(S.Opportunity.Table, second) });
        org.Pipeline.RunAsyncSteps();

        // The first deal is Ava's alone again (40,000); the second is Ben's by the split (60,000).
        Assert.AreEqual(40_000.00m, org.Credited(Ava, "FY2026-Q1"));
        Assert.AreEqual(60_000.00m, org.Credited(Ben, "FY2026-Q1"));
        Assert.AreEqual(6_000.00m, org.Payable(Ben, "FY2026-Q1"));
        Assert.AreEqual(100_000.00m, org.Credited(Marco, "FY2026-Q1"), "the manager holds each deal once");
    }

    [TestMethod]
    public void An_invalid_split_set_is_refused_before_the_split_row_is_written()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Wide World Importers Platform", Ava, 100_000.00m, Day(2, 5));
        var split = org.AddSplit(deal, Ava, 100m);

        var error = Assert.ThrowsExactly<Spm.Dataverse.DataverseFaultException>(() => org.Service.Update(new Entity(S.CreditSplit.Table, split) { [S.CreditSplit.Percent] = 70m }));

        Assert.Contains("total 70%", error.Message);
        Assert.AreEqual(100m, org.Raw.Retrieve(S.CreditSplit.Table, split, new Microsoft.Xrm.Sdk.Query.ColumnSet(S.CreditSplit.Percent)).GetAttributeValue<decimal>(S.CreditSplit.Percent));
        Assert.AreEqual(100_000.00m, org.Credited(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_roll_up_job_that_fails_half_way_completes_on_retry_with_unbroken_sequences_and_written_statements()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Litware Data Migration", Ava, 100_000.00m, Day(2, 17));
        // Dana's roll-up row is the job's second credit: the first try fails there, after Marco's row was stored.
        var fault = new FailFirstCreate(S.Credit.Table, Dana);
        org.Pipeline.Register("Create", S.Credit.Table, PipelineStage.PreOperation, fault);

        org.Pipeline.RunAsyncSteps();
        org.WonDeal("Proseware Suite", Ben, 50_000.00m, Day(2, 20));
        org.Pipeline.RunAsyncSteps();

        Assert.AreEqual(1, fault.Failures, "the first try failed");
        Assert.IsEmpty(org.Pipeline.FailedAsyncOperations, "a retry completed it");
        Assert.AreEqual(150_000.00m, org.Credited(Marco, "FY2026-Q1"));
        Assert.AreEqual(15_000.00m, org.Payable(Marco, "FY2026-Q1"));
        Assert.AreEqual(150_000.00m, org.Credited(Dana, "FY2026-Q1"));
        foreach (var who in new[] { Ava, Ben, Marco, Dana })
        {
            var sequences = org.Ledger(who).Select(r => r.GetAttributeValue<int>(S.Credit.Sequence)).OrderBy(n => n).ToList();
            Assert.AreSequenceEqual(Enumerable.Range(1, sequences.Count).ToList(), sequences, "each participant's ledger is numbered 1..n, nothing reused or skipped");
        }
    }

    [TestMethod]
    public void A_roll_up_job_that_fails_writing_the_statement_writes_it_on_retry()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Trey Research Expansion", Ava, 80_000.00m, Day(2, 9));
        var fault = new FailFirstCreate(S.Statement.Table, Marco);
        org.Pipeline.Register("Create", S.Statement.Table, PipelineStage.PreOperation, fault);

        org.Pipeline.RunAsyncSteps();

        Assert.AreEqual(1, fault.Failures);
        Assert.IsNotNull(org.Statement(Marco, "FY2026-Q1"), "the retry found the ledger already posted and still wrote the statement");
        Assert.AreEqual(8_000.00m, org.Payable(Marco, "FY2026-Q1"));
    }

    [TestMethod]
    public void Editing_an_open_deal_or_losing_it_reads_and_locks_nothing()
    {
        var org = Create(Day(2, 1));
        var deal = org.CreateOpportunity("Alpine Ski House Expansion", Ava, 90_000.00m, Day(3, 20));
        org.Pipeline.ClearRecords();

        org.Service.Update(new Entity(S.Opportunity.Table, deal) { [S.Opportunity.EstimatedValue] = new Money(95_000.00m), [S.Opportunity.CloseProbability] = 70 });
        org.Lose(deal, Day(2, 25));
        org.Pipeline.RunAsyncSteps();

        var steps = org.Pipeline.Executions.Where(e => e.PluginTypeName.Contains(nameof(OpportunityCreditPlugin), StringComparison.Ordinal) || e.PluginTypeName.Contains(nameof(OpportunityRollUpPlugin), StringComparison.Ordinal)).ToList();
        Assert.IsNotEmpty(steps);
        Assert.IsTrue(steps.All(e => e.RequestCount == 0), string.Join(Environment.NewLine, steps.Select(e => $"{e.StepName}: {string.Join(", ", e.Requests)}")));
    }

    [TestMethod]
    public void A_roll_up_reads_the_new_deal_not_the_managers_whole_quarter()
    {
        var org = Create(Day(1, 5));
        for (var i = 0; i < 12; i++)
        {
            org.WonDeal($"Team deal {i + 1:00}", i % 2 == 0 ? Ava : Ben, 10_000.00m + (i * 1_000.00m), Day(1, 10).AddDays(i * 5));
            org.Pipeline.RunAsyncSteps();
        }

        org.Pipeline.ClearRecords();
        org.WonDeal("Tailspin Toys Upgrade", Ben, 25_000.00m, Day(3, 20));
        org.Pipeline.RunAsyncSteps();

        var rollUp = org.Pipeline.Executions.Single(e => e.PluginTypeName.Contains(nameof(OpportunityRollUpPlugin), StringComparison.Ordinal) && e.MessageName == "Win");
        var loaded = rollUp.TraceLines.Single(l => l.Contains("ledger rows", StringComparison.Ordinal));
        // Marco and Dana hold 13 roll-up rows each; the job reads the deal's own row and nothing their snapshots cover.
        Assert.Contains(" 1 ledger rows", loaded, loaded);
        Assert.HasCount(13, org.Ledger(Marco));
        Assert.AreEqual(211_000.00m, org.Credited(Marco, "FY2026-Q1"));
        Assert.AreEqual(21_100.00m, org.Payable(Marco, "FY2026-Q1"));
        Assert.AreEqual(211_000.00m, org.Credited(Dana, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_win_that_finds_the_reps_ledger_grown_after_its_reads_recomputes_and_numbers_after_the_new_row()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        // Another save commits a credit for Ava between this win's reads and its lock on her ledger.
        var concurrent = new CommitOnFirstLock(org, Ava, 30_000.00m, Day(2, 11));
        org.Pipeline.Register("Upsert", S.LedgerState.Table, PipelineStage.PreOperation, concurrent);

        org.WonDeal("Fabrikam Field Service", Ava, 48_250.00m, Day(2, 12));

        Assert.IsTrue(concurrent.Fired);
        var sequences = org.Ledger(Ava).Select(r => r.GetAttributeValue<int>(S.Credit.Sequence)).ToList();
        Assert.AreSequenceEqual(new[] { 1, 2, 3 }, sequences, "the win numbered its row after the one that arrived meanwhile");
        Assert.AreEqual(198_250.00m, org.Credited(Ava, "FY2026-Q1"), "the statement counts all three deals");
        var win = org.Pipeline.Executions.Last(e => e.MessageName == "Win" && e.PluginTypeName.Contains(nameof(OpportunityCreditPlugin), StringComparison.Ordinal) && e.Mode == StepMode.Synchronous);
        Assert.Contains(l => l.Contains("recomputing (attempt 2)", StringComparison.Ordinal), win.TraceLines);
    }

    [TestMethod]
    public void A_rate_saved_in_the_crm_pays_the_very_next_win_though_plans_are_cached()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Warm-up deal", Ben, 10_000.00m, Day(2, 3));
        var baseTier = org.Raw.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression(S.PlanTier.Table) { Criteria = { Conditions = { new(S.PlanTier.FromPercent, Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, 0m) } } }).Entities.Single();

        org.Service.Update(new Entity(S.PlanTier.Table, baseTier.Id) { [S.PlanTier.Rate] = 12m });
        org.Pipeline.ClearRecords();
        org.WonDeal("Contoso Analytics Suite", Ava, 100_000.00m, Day(2, 10));

        // 100,000 of 200,000 at the new 12% = 12,000.00, before any recalculation job has run.
        Assert.AreEqual(12_000.00m, org.Payable(Ava, "FY2026-Q1"));
        var win = org.Pipeline.Executions.Single(e => e.MessageName == "Win" && e.PluginTypeName.Contains(nameof(OpportunityCreditPlugin), StringComparison.Ordinal) && e.Mode == StepMode.Synchronous);
        Assert.Contains("RetrieveMultiple spm_plancomponent", win.Requests, "the save stamped a new configuration version, so the plan was read again");
    }

    [TestMethod]
    public void A_rep_moved_to_another_manager_in_the_crm_rolls_up_to_the_new_one_at_the_next_win()
    {
        var org = TwoTeams();
        org.WonDeal("Warm-up deal", Ava, 10_000.00m, Day(2, 3));
        org.Pipeline.RunAsyncSteps();

        // People are cached per configuration version; saving the user's manager stamps a new one.
        org.Service.Update(new Entity(S.SystemUser.Table, Ava) { [S.SystemUser.Manager] = new EntityReference(S.SystemUser.Table, Priya) });
        org.WonDeal("Contoso Analytics Suite", Ava, 100_000.00m, Day(2, 10));
        org.Pipeline.RunAsyncSteps();

        Assert.AreEqual(10_000.00m, org.Credited(Marco, "FY2026-Q1"), "Marco keeps the deal won while Ava reported to him");
        Assert.AreEqual(100_000.00m, org.Credited(Priya, "FY2026-Q1"), "Priya gets the deal won after the move");
        Assert.AreEqual(110_000.00m, org.Credited(Dana, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_statement_changed_since_it_was_read_is_not_overwritten_with_older_figures()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        var model = new Data.SpmModelLoader(org.Raw, _ => { }).Load(new[] { Ava }, null, false);
        var q1 = model.Periods.Get("FY2026-Q1");
        model.Engine.ApplyDeal(new Spm.Domain.Credits.Deal(Guid.NewGuid().ToString("D"), "Fabrikam Field Service", Ava.ToString("D"), Spm.Domain.Credits.DealStatus.Won, 30_000.00m, "USD", null, Day(2, 1), Day(2, 12), Day(2, 12), 100), Day(2, 12), Spm.Domain.Credits.CreditScope.Direct);

        // Another job rewrites the statement after this model read it.
        var stored = org.Statement(Ava, "FY2026-Q1")!;
        org.Raw.Update(new Entity(S.Statement.Table, stored.Id) { [S.Statement.RecalculatedOn] = Day(2, 12).AddHours(11) });
        var error = Assert.ThrowsExactly<Spm.Dataverse.DataverseFaultException>(() => new Data.SpmResultWriter(org.Raw, _ => { }).WriteStatements(model, new[] { Ava.ToString("D") }, new[] { q1 }, Day(2, 12), Day(2, 12)));

        Assert.Contains("doesn't match the RowVersion", error.Message);
        Assert.AreEqual(120_000.00m, org.Credited(Ava, "FY2026-Q1"), "the newer row stays; the job that lost is retried from fresh rows");
    }

    /// <summary>Stands for another transaction committing a credit for the participant just before this one locks their ledger.</summary>
    private sealed class CommitOnFirstLock(SpmOrganization org, Guid participant, decimal revenue, DateTime date) : IPlugin
    {
        public bool Fired { get; private set; }

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            if (Fired || context.PrimaryEntityId != participant)
            {
                return;
            }

            Fired = true;
            var last = org.Ledger(participant).Max(r => r.GetAttributeValue<int>(S.Credit.Sequence));
            var row = new Entity(S.Credit.Table);
            row[S.Credit.Name] = "Concurrent deal – Ava Chen (Owner)";
            row[S.Credit.Sequence] = last + 1;
            row[S.Credit.DealKey] = Guid.NewGuid().ToString("D");
            row[S.Credit.DealName] = "Concurrent deal";
            row[S.Credit.Participant] = new EntityReference(S.SystemUser.Table, participant);
            row[S.OwnerId] = new EntityReference(S.SystemUser.Table, participant);
            row[S.Credit.Kind] = new OptionSetValue(S.Credit.KindBase);
            row[S.Credit.Share] = 1m;
            row[S.Credit.CreditDate] = date;
            row[S.Credit.Revenue] = new Money(revenue);
            row[S.Credit.Margin] = new Money(0m);
            row[S.Credit.Units] = 0m;
            row[S.Credit.DealAmount] = new Money(revenue);
            row[S.Credit.PostedOn] = date;
            org.Raw.Create(row);
        }
    }

    /// <summary>A transient failure: the first create of a row for one participant throws, later ones pass.</summary>
    private sealed class FailFirstCreate(string table, Guid participant) : IPlugin
    {
        public int Failures { get; private set; }

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var target = (Entity)context.InputParameters["Target"];
            if (Failures == 0 && target.LogicalName == table && target.GetAttributeValue<EntityReference>("spm_participantid")?.Id == participant)
            {
                Failures++;
                throw new InvalidPluginExecutionException("SQL timeout while saving (simulated).");
            }
        }
    }
}
