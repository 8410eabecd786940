using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Tests.Pipeline;

[TestClass]
public sealed class RowLockTests
{
    [TestMethod]
    public void A_transaction_records_the_rows_it_wrote_in_the_order_it_first_wrote_them()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid ledger = store.Seed(new Entity("spm_ledgerstate") { ["spm_name"] = "ledger", ["spm_lockedby"] = "test" });
        Guid deal = store.SeedOpportunity("Contoso fleet renewal", 50_000m, Users.Ava);
        Guid credit = Guid.NewGuid();
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PreOperation, new DelegatePlugin(local =>
            local.Service.Update(new Entity("spm_ledgerstate", ledger) { ["spm_lockedby"] = "test 2" })));
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PostOperation, new DelegatePlugin(local =>
        {
            Entity row = Rows.Credit("Ava 100%", Users.Ava, 50_000m, deal);
            row.Id = credit;
            local.Service.Create(row);
            local.Service.Update(new Entity("spm_ledgerstate", ledger) { ["spm_lockedby"] = "Ava 100%" });
        }));

        pipeline.CreateOrganizationService(Users.Ava).Update(new Entity("opportunity", deal) { ["actualvalue"] = new Money(52_000m) });

        TransactionRecord transaction = pipeline.Transactions.Single();
        Assert.AreEqual("Update", transaction.MessageName);
        Assert.AreEqual(("opportunity", deal), (transaction.PrimaryEntityName, transaction.PrimaryEntityId));
        Assert.IsTrue(transaction.Committed);
        Assert.AreSequenceEqual(
            new[] { new LockedRow("spm_ledgerstate", ledger), new LockedRow("opportunity", deal), new LockedRow("spm_credit", credit) },
            transaction.LockedRows.ToArray());
        Assert.AreEqual(new LockedRow("spm_ledgerstate", ledger), transaction.FirstLocked);
        Assert.AreEqual(new LockedRow("spm_credit", credit), transaction.LastLocked);
        Assert.IsTrue(transaction.Locks("spm_credit", credit));
        Assert.AreSequenceEqual(new[] { credit }, transaction.LockedIn("spm_credit").ToArray());
    }

    [TestMethod]
    public void Two_unrelated_reps_wins_that_write_only_their_own_rows_lock_disjoint_rows()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid avaDeal = store.SeedOpportunity("Contoso fleet renewal", 50_000m, Users.Ava);
        Guid benDeal = store.SeedOpportunity("Fabrikam data platform", 72_000m, Users.Ben);
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PostOperation, new DelegatePlugin(local =>
        {
            Entity won = local.Service.Retrieve("opportunity", local.Context.PrimaryEntityId, new ColumnSet("ownerid", "actualvalue"));
            local.Service.Create(Rows.Credit("owner 100%", won.GetAttributeValue<EntityReference>("ownerid").Id, won.GetAttributeValue<Money>("actualvalue").Value, won.Id));
        }));
        IOrganizationService service = pipeline.CreateOrganizationService(Users.Maya);

        service.Update(new Entity("opportunity", avaDeal) { ["actualvalue"] = new Money(51_000m) });
        service.Update(new Entity("opportunity", benDeal) { ["actualvalue"] = new Money(73_000m) });

        TransactionRecord ava = pipeline.Transactions[0];
        TransactionRecord ben = pipeline.Transactions[1];
        Assert.AreEqual((1L, 2L), (ava.Sequence, ben.Sequence));
        Assert.AreEqual((avaDeal, benDeal), (ava.PrimaryEntityId, ben.PrimaryEntityId));
        Assert.IsEmpty(ava.LocksSharedWith(ben));
        Assert.HasCount(2, ava.LockedRows);
        Assert.HasCount(2, ben.LockedRows);
    }

    [TestMethod]
    public void Two_wins_that_both_write_one_ledger_row_share_exactly_that_lock()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid ledger = store.Seed(new Entity("spm_ledgerstate") { ["spm_name"] = "ledger", ["spm_lockedby"] = "test" });
        Guid avaDeal = store.SeedOpportunity("Contoso fleet renewal", 50_000m, Users.Ava);
        Guid benDeal = store.SeedOpportunity("Fabrikam data platform", 72_000m, Users.Ben);
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PostOperation, new DelegatePlugin(local =>
            local.Service.Update(new Entity("spm_ledgerstate", ledger) { ["spm_lockedby"] = local.Context.PrimaryEntityId.ToString("N") })));
        IOrganizationService service = pipeline.CreateOrganizationService(Users.Maya);

        service.Update(new Entity("opportunity", avaDeal) { ["actualvalue"] = new Money(51_000m) });
        service.Update(new Entity("opportunity", benDeal) { ["actualvalue"] = new Money(73_000m) });

        Assert.AreSequenceEqual(new[] { new LockedRow("spm_ledgerstate", ledger) }, pipeline.Transactions[0].LocksSharedWith(pipeline.Transactions[1]).ToArray());
    }

    [TestMethod]
    public void A_rolled_back_transaction_is_recorded_with_its_error_and_every_lock_it_held()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Contoso fleet renewal", 50_000m, Users.Ava);
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PostOperation, new DelegatePlugin(local =>
        {
            local.Service.Create(Rows.Credit("Ava 100%", Users.Ava, 50_000m, deal));
            throw new InvalidPluginExecutionException("Period FY26 Q1 is locked.");
        }));

        Assert.ThrowsExactly<DataverseFaultException>(() =>
            pipeline.CreateOrganizationService(Users.Ava).Update(new Entity("opportunity", deal) { ["actualvalue"] = new Money(1m) }));

        TransactionRecord transaction = pipeline.Transactions.Single();
        Assert.IsFalse(transaction.Committed);
        Assert.AreEqual("Period FY26 Q1 is locked.", transaction.Exception!.Message);
        Assert.AreSequenceEqual(new[] { "opportunity", "spm_credit" }, transaction.LockedRows.Select(r => r.Table).ToArray());
        Assert.AreEqual(0, store.Count("spm_credit"));
    }

    [TestMethod]
    public void Calls_from_an_async_step_are_transactions_of_their_own_and_reads_are_not_recorded()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Contoso fleet renewal", 50_000m, Users.Ava);
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PostOperation, new DelegatePlugin(local =>
        {
            local.Service.Retrieve("opportunity", deal, new ColumnSet("name"));
            local.Service.Create(Rows.Credit("Maya roll-up", Users.Maya, 50_000m, deal));
            local.Service.Create(Rows.Credit("Maya roll-up (overlay)", Users.Maya, 5_000m, deal));
        }), s => s with { Mode = StepMode.Asynchronous, Name = "Manager roll-up" });

        pipeline.CreateOrganizationService(Users.Ava).Update(new Entity("opportunity", deal) { ["actualvalue"] = new Money(51_000m) });
        pipeline.RunAsyncSteps();

        IReadOnlyList<TransactionRecord> transactions = pipeline.Transactions;
        Assert.AreSequenceEqual(new[] { "Update", "Create", "Create" }, transactions.Select(t => t.MessageName).ToArray());
        Assert.AreSequenceEqual(new[] { 1, 2, 2 }, transactions.Select(t => t.Depth).ToArray());
        Assert.IsTrue(transactions.Skip(1).All(t => t.LockedRows.Single() == new LockedRow("spm_credit", t.PrimaryEntityId)));
        Assert.HasCount(1, transactions.Select(t => t.CorrelationId).Distinct());
    }

    [TestMethod]
    public void Each_request_of_an_execute_multiple_is_its_own_transaction()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        var batch = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = Rows.Period("FY26 Q1") },
                new CreateRequest { Target = Rows.Period("FY26 Q2") },
            },
        };

        pipeline.CreateOrganizationService(Users.SalesOps).Execute(batch);

        Assert.HasCount(2, pipeline.Transactions);
        Assert.IsEmpty(pipeline.Transactions[0].LocksSharedWith(pipeline.Transactions[1]));
    }

    [TestMethod]
    public void A_step_run_names_the_transaction_it_ran_in_and_runs_outside_one_name_none()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Contoso fleet renewal", 50_000m, Users.Ava);
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PreValidation, new DelegatePlugin(_ => { }), s => s with { Name = "validate" });
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PostOperation,
            new DelegatePlugin(local => local.Service.Create(Rows.Credit("Ava 100%", Users.Ava, 50_000m, deal))), s => s with { Name = "post" });
        pipeline.Register(MessageNames.Create, "spm_credit", PipelineStage.PreValidation, new DelegatePlugin(_ => { }), s => s with { Name = "credit check" });

        pipeline.CreateOrganizationService(Users.Ava).Update(new Entity("opportunity", deal) { ["actualvalue"] = new Money(51_000m) });

        long transaction = pipeline.Transactions.Single().Sequence;
        Assert.IsNull(pipeline.Executions.Single(e => e.StepName == "validate").TransactionSequence);
        Assert.AreEqual(transaction, pipeline.Executions.Single(e => e.StepName == "post").TransactionSequence);
        Assert.AreEqual(transaction, pipeline.Executions.Single(e => e.StepName == "credit check").TransactionSequence, "a nested call's PreValidation runs inside the caller's transaction");
    }

    [TestMethod]
    public void Clearing_the_records_forgets_the_transactions()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        pipeline.CreateOrganizationService(Users.SalesOps).Create(Rows.Period("FY26 Q1"));

        pipeline.ClearRecords();

        Assert.IsEmpty(pipeline.Transactions);
    }
}
