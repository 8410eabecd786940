using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Tests.Pipeline;

[TestClass]
public sealed class AsyncStepTests
{
    private static StepRegistration Async(StepRegistration step) => step with { Mode = StepMode.Asynchronous, Name = "Manager roll-up" };

    [TestMethod]
    public void An_async_step_runs_after_commit_when_the_queue_is_drained()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        var seenStored = new List<bool>();
        var rollup = new ContextProbe(local => seenStored.Add(store.Row("opportunity", local.Context.PrimaryEntityId) is not null));
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation, rollup, Async);

        Guid deal = pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Contoso fleet renewal" });

        Assert.IsEmpty(rollup.Seen);
        Assert.AreEqual(1, pipeline.PendingAsyncSteps);

        Assert.AreEqual(1, pipeline.RunAsyncSteps());

        IPluginExecutionContext context = rollup.Last;
        Assert.AreEqual(1, context.Mode);
        Assert.AreEqual(40, context.Stage);
        Assert.IsFalse(context.IsInTransaction);
        Assert.AreEqual(deal, context.PrimaryEntityId);
        Assert.AreNotEqual(Guid.Empty, context.OperationId);
        Assert.AreSequenceEqual(new[] { true }, seenStored);
        Assert.AreEqual(0, pipeline.PendingAsyncSteps);
    }

    [TestMethod]
    public void An_async_step_runs_as_its_impersonated_user()
    {
        var options = new PluginPipelineOptions { UsersByDomainName = new Dictionary<string, Guid> { ["CONTOSO\\spm-salesops"] = Users.SalesOps } };
        PluginPipeline pipeline = TestPipeline.Create(out _, options);
        var rollup = new ContextProbe();
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation, rollup,
            s => Async(s) with { ImpersonatingUserIdName = "CONTOSO\\spm-salesops" });

        pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Fabrikam expansion" });
        pipeline.RunAsyncSteps();

        Assert.AreEqual(Users.SalesOps, rollup.Last.UserId);
        Assert.AreEqual(Users.Ava, rollup.Last.InitiatingUserId);
    }

    [TestMethod]
    public void A_failing_async_step_is_retried_then_left_failed_with_every_attempt_recorded()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation,
            new DelegatePlugin(_ => throw new InvalidPluginExecutionException("Teams endpoint returned 503.")), Async);

        Guid deal = pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Northwind 3-year subscription" });
        pipeline.RunAsyncSteps();

        Assert.IsNotNull(store.Row("opportunity", deal));
        ExecutionRecord[] attempts = pipeline.Executions.Where(e => e.StepName == "Manager roll-up").ToArray();
        Assert.AreSequenceEqual(new[] { 1, 2, 3 }, attempts.Select(a => a.Attempt).ToArray());
        Assert.IsTrue(attempts.All(a => a.Mode == StepMode.Asynchronous && a.Exception is InvalidPluginExecutionException));
        AsyncOperationFailure failure = pipeline.FailedAsyncOperations.Single();
        Assert.AreEqual(3, failure.Attempts);
        Assert.AreEqual(deal, failure.PrimaryEntityId);
        Assert.AreEqual("Teams endpoint returned 503.", failure.LastError.Message);
    }

    [TestMethod]
    public void An_async_step_that_succeeds_on_retry_leaves_no_failure()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        int calls = 0;
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation, new DelegatePlugin(_ =>
        {
            if (++calls == 1)
            {
                throw new InvalidPluginExecutionException("Deadlock victim, try again.");
            }
        }), Async);

        pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Litware analytics pilot" });
        pipeline.RunAsyncSteps();

        Assert.AreEqual(2, calls);
        Assert.IsEmpty(pipeline.FailedAsyncOperations);
        Assert.AreSequenceEqual(new[] { false, true }, pipeline.Executions.Select(e => e.Succeeded).ToArray());
    }

    [TestMethod]
    public void No_async_step_is_queued_when_the_transaction_rolls_back()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        var rollup = new ContextProbe();
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation, rollup, Async);
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation,
            new DelegatePlugin(_ => throw new InvalidPluginExecutionException("Split percentages add up to 120%.")));

        Assert.ThrowsExactly<DataverseFaultException>(() =>
            pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Proseware migration" }));

        Assert.AreEqual(0, pipeline.PendingAsyncSteps);
        Assert.AreEqual(0, pipeline.RunAsyncSteps());
        Assert.IsEmpty(rollup.Seen);
    }

    [TestMethod]
    public void Async_steps_queued_by_nested_calls_wait_for_the_outer_commit()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        var notify = new ContextProbe();
        pipeline.Register(MessageNames.Create, "spm_recognition", PipelineStage.PostOperation, notify, Async);
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation, new DelegatePlugin(local =>
        {
            local.Service.Create(Rows.Recognition(Users.Ava, "First deal!"));
            throw new InvalidPluginExecutionException("Rep has no quota.");
        }));

        Assert.ThrowsExactly<DataverseFaultException>(() =>
            pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Woodgrove treasury suite" }));

        Assert.AreEqual(0, pipeline.PendingAsyncSteps);
    }

    [TestMethod]
    public void With_auto_run_async_steps_run_as_soon_as_the_request_commits()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _, new PluginPipelineOptions { AutoRunAsyncSteps = true });
        var rollup = new ContextProbe();
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation, rollup, Async);

        pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Tailspin charter deal" });

        Assert.HasCount(1, rollup.Seen);
        Assert.AreEqual(0, pipeline.PendingAsyncSteps);
    }
}
