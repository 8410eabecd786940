using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Pipeline;

[TestClass]
public sealed class ExecuteTransactionTests
{
    [TestMethod]
    public void The_requests_commit_together_as_one_transaction_and_return_their_responses_in_order()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Fabrikam data platform", 84_000m, Users.Ava);
        var request = new ExecuteTransactionRequest
        {
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = Rows.Credit("Ava 60%", Users.Ava, 50_400m, deal) },
                new CreateRequest { Target = Rows.Credit("Ben 40%", Users.Ben, 33_600m, deal) },
                new UpdateRequest { Target = new Entity("opportunity", deal) { ["description"] = "Split 60/40 with Ben" } },
            },
            ReturnResponses = true,
        };

        var response = (ExecuteTransactionResponse)pipeline.CreateOrganizationService(Users.Maya).Execute(request);

        Assert.HasCount(3, response.Responses);
        Guid ava = ((CreateResponse)response.Responses[0]).id;
        Guid ben = ((CreateResponse)response.Responses[1]).id;
        Assert.IsInstanceOfType<UpdateResponse>(response.Responses[2]);
        Assert.AreEqual(new Money(50_400m), store.Row("spm_credit", ava)!["spm_revenue"]);
        Assert.AreEqual(new Money(33_600m), store.Row("spm_credit", ben)!["spm_revenue"]);
        Assert.AreEqual("Split 60/40 with Ben", store.Row("opportunity", deal)!["description"]);
        TransactionRecord transaction = pipeline.Transactions.Single();
        Assert.AreEqual("ExecuteTransaction", transaction.MessageName);
        Assert.IsTrue(transaction.Committed);
        Assert.AreSequenceEqual(
            new[] { new LockedRow("spm_credit", ava), new LockedRow("spm_credit", ben), new LockedRow("opportunity", deal) },
            transaction.LockedRows.ToArray());
    }

    [TestMethod]
    public void Without_ReturnResponses_the_transaction_commits_and_returns_no_responses()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        var request = new ExecuteTransactionRequest
        {
            Requests = new OrganizationRequestCollection { new CreateRequest { Target = Rows.Period("FY26 Q1") } },
        };

        var response = (ExecuteTransactionResponse)pipeline.CreateOrganizationService(Users.SalesOps).Execute(request);

        Assert.IsEmpty(response.Responses);
        Assert.AreEqual(1, store.Count("spm_period"));
    }

    [TestMethod]
    public void A_failing_second_request_rolls_back_the_first_and_faults_with_its_index()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid missing = new("0f0f0f0f-2222-4000-8000-000000000099");
        var request = new ExecuteTransactionRequest
        {
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = Rows.Credit("Ava 100%", Users.Ava, 12_500m) },
                new UpdateRequest { Target = new Entity("opportunity", missing) { ["description"] = "Won at list price" } },
            },
        };

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => pipeline.CreateOrganizationService(Users.Maya).Execute(request));

        var detail = Assert.IsInstanceOfType<ExecuteTransactionFault>(fault.Fault);
        Assert.AreEqual(1, detail.FaultedRequestIndex);
        Assert.AreEqual(DataverseErrors.ObjectDoesNotExist, fault.ErrorCode);
        Assert.AreEqual($"opportunity With Id = {missing} Does Not Exist", fault.Message);
        Assert.AreEqual(0, store.Count("spm_credit"));
        Assert.IsFalse(pipeline.Transactions.Single().Committed);
    }

    [TestMethod]
    public void A_plugin_refusal_in_the_second_request_undoes_the_first_request_and_what_its_steps_wrote()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation,
            new DelegatePlugin(local => local.Service.Create(Rows.Credit("Ava 100%", Users.Ava, 40_000m, local.Context.PrimaryEntityId))));
        pipeline.Register(MessageNames.Create, "spm_quota", PipelineStage.PreOperation,
            new DelegatePlugin(_ => throw new InvalidPluginExecutionException("The quota's period FY26 Q1 is locked.")));
        var request = new ExecuteTransactionRequest
        {
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = new Entity("opportunity") { ["name"] = "Litware renewal", ["actualvalue"] = new Money(40_000m) } },
                new CreateRequest { Target = new Entity("spm_quota") { ["spm_name"] = "Ava FY26 Q1" } },
            },
        };

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => pipeline.CreateOrganizationService(Users.SalesOps).Execute(request));

        Assert.AreEqual("The quota's period FY26 Q1 is locked.", fault.Message);
        Assert.AreEqual(PluginPipeline.IsvAbortedErrorCode, fault.ErrorCode);
        Assert.AreEqual(1, ((ExecuteTransactionFault)fault.Fault).FaultedRequestIndex);
        Assert.IsInstanceOfType<InvalidPluginExecutionException>(fault.InnerException);
        Assert.AreEqual(0, store.Count("opportunity"));
        Assert.AreEqual(0, store.Count("spm_credit"));
        Assert.AreEqual(0, store.Count("spm_quota"));
    }

    [TestMethod]
    public void Each_request_runs_its_own_steps_at_depth_1_inside_the_transaction_PreValidation_included()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        var preValidation = new ContextProbe();
        var postOperation = new ContextProbe();
        pipeline.Register(MessageNames.Create, "spm_period", PipelineStage.PreValidation, preValidation);
        pipeline.Register(MessageNames.Create, "spm_period", PipelineStage.PostOperation, postOperation);
        var request = new ExecuteTransactionRequest
        {
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = Rows.Period("FY26 Q1") },
                new CreateRequest { Target = Rows.Period("FY26 Q2") },
            },
        };

        pipeline.CreateOrganizationService(Users.SalesOps).Execute(request);

        Assert.HasCount(2, preValidation.Seen);
        Assert.HasCount(2, postOperation.Seen);
        Assert.IsTrue(preValidation.Seen.All(c => c.IsInTransaction && c.Depth == 1 && c.ParentContext is null && c.UserId == Users.SalesOps));
        Assert.AreEqual("FY26 Q2", ((Entity)postOperation.Last.InputParameters["Target"])["spm_name"]);
        Assert.HasCount(1, pipeline.Executions.Select(e => e.TransactionSequence).Distinct(), "every step ran in the one transaction");
    }

    [TestMethod]
    public void Asynchronous_steps_queued_by_the_requests_wait_for_the_commit_and_vanish_with_a_rollback()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        pipeline.Register(MessageNames.Create, "spm_recognition", PipelineStage.PostOperation,
            new DelegatePlugin(_ => { }), s => s with { Mode = StepMode.Asynchronous });
        IOrganizationService service = pipeline.CreateOrganizationService(Users.Maya);
        var committed = new ExecuteTransactionRequest
        {
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = Rows.Recognition(Users.Ava, "Ava reached 100% of FY26 Q1") },
                new CreateRequest { Target = Rows.Recognition(Users.Ben, "Ben closed his first deal") },
            },
        };
        var rolledBack = new ExecuteTransactionRequest
        {
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = Rows.Recognition(Users.Ava, "Ava reached 150% of FY26 Q1") },
                new DeleteRequest { Target = new EntityReference("spm_recognition", Guid.NewGuid()) },
            },
        };

        service.Execute(committed);
        Assert.ThrowsExactly<DataverseFaultException>(() => service.Execute(rolledBack));

        Assert.AreEqual(2, pipeline.PendingAsyncSteps);
        Assert.AreEqual(2, store.Count("spm_recognition"));
    }

    [TestMethod]
    [DataRow("ExecuteMultiple")]
    [DataRow("ExecuteTransaction")]
    public void A_transaction_cannot_contain_a_batch_of_requests(string nested)
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        OrganizationRequest inner = nested == "ExecuteMultiple"
            ? new ExecuteMultipleRequest { Requests = new OrganizationRequestCollection(), Settings = new ExecuteMultipleSettings() }
            : new ExecuteTransactionRequest { Requests = new OrganizationRequestCollection() };
        var request = new ExecuteTransactionRequest
        {
            Requests = new OrganizationRequestCollection { new CreateRequest { Target = Rows.Period("FY26 Q1") }, inner },
        };

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => pipeline.CreateOrganizationService(Users.SalesOps).Execute(request));

        Assert.AreEqual(DataverseErrors.InvalidArgument, fault.ErrorCode);
        Assert.AreEqual(
            $"ExecuteTransaction request 1 is an {nested} request: an ExecuteTransaction cannot contain ExecuteMultiple or ExecuteTransaction.", fault.Message);
        Assert.AreEqual(0, store.Count("spm_period"));
    }

    [TestMethod]
    public void In_an_ExecuteMultiple_each_transaction_commits_or_rolls_back_on_its_own()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        var failing = new ExecuteTransactionRequest
        {
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = Rows.Period("FY26 Q1") },
                new DeleteRequest { Target = new EntityReference("spm_period", Guid.NewGuid()) },
            },
        };
        var passing = new ExecuteTransactionRequest
        {
            Requests = new OrganizationRequestCollection { new CreateRequest { Target = Rows.Period("FY26 Q2") } },
        };
        var batch = new ExecuteMultipleRequest
        {
            Requests = new OrganizationRequestCollection { failing, passing },
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = false },
        };

        var response = (ExecuteMultipleResponse)pipeline.CreateOrganizationService(Users.SalesOps).Execute(batch);

        Assert.IsTrue(response.IsFaulted);
        ExecuteMultipleResponseItem item = response.Responses.Single();
        Assert.AreEqual(0, item.RequestIndex);
        Assert.AreEqual(1, ((ExecuteTransactionFault)item.Fault).FaultedRequestIndex);
        Assert.AreEqual(1, store.Count("spm_period"));
        Assert.AreSequenceEqual(new[] { false, true }, pipeline.Transactions.Select(t => t.Committed).ToArray());
    }
}
