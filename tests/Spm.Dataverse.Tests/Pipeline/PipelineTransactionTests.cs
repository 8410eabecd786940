using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Tests.Pipeline;

[TestClass]
public sealed class PipelineTransactionTests
{
    [TestMethod]
    public void A_throwing_pre_operation_plugin_leaves_nothing_written_including_rows_its_nested_calls_created()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PreOperation, new DelegatePlugin(local =>
        {
            local.Service.Create(Rows.Credit("Provisional credit", Users.Ava, 50_000m));
            throw new InvalidPluginExecutionException("The credited rep has no plan assignment for FY26 Q1.");
        }));
        IOrganizationService service = pipeline.CreateOrganizationService(Users.Ava);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            service.Create(new Entity("opportunity") { ["name"] = "Contoso fleet renewal", ["actualvalue"] = new Money(50_000m) }));

        Assert.AreEqual("The credited rep has no plan assignment for FY26 Q1.", fault.Message);
        Assert.AreEqual(PluginPipeline.IsvAbortedErrorCode, fault.ErrorCode);
        Assert.AreEqual(-2147220891, fault.ErrorCode);
        Assert.IsInstanceOfType<InvalidPluginExecutionException>(fault.InnerException);
        Assert.AreEqual(0, store.Count("opportunity"));
        Assert.AreEqual(0, store.Count("spm_credit"));
    }

    [TestMethod]
    public void A_throwing_post_operation_plugin_rolls_back_the_core_write_and_earlier_post_steps()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Northwind 3-year subscription", 120_000m, Users.Ava);
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PostOperation,
            new DelegatePlugin(local => local.Service.Create(Rows.Credit("Ava 100%", Users.Ava, 120_000m, deal))),
            s => s with { Rank = 1 });
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PostOperation,
            new DelegatePlugin(_ => throw new InvalidPluginExecutionException("Period FY26 Q1 is locked.")),
            s => s with { Rank = 2 });

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            pipeline.CreateOrganizationService(Users.Ava).Update(new Entity("opportunity", deal) { ["actualvalue"] = new Money(1m) }));

        Assert.AreEqual("Period FY26 Q1 is locked.", fault.Message);
        Assert.AreEqual(new Money(120_000m), store.Row("opportunity", deal)!["actualvalue"]);
        Assert.AreEqual(0, store.Count("spm_credit"));
    }

    [TestMethod]
    public void A_plugin_exception_built_with_its_own_code_reaches_the_caller_with_that_code()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        pipeline.Register(MessageNames.Create, "spm_quota", PipelineStage.PreOperation, new DelegatePlugin(_ =>
            throw new InvalidPluginExecutionException(OperationStatus.Failed, -2147220970, "The period FY26 Q1 is locked.")));

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            pipeline.CreateOrganizationService(Users.SalesOps).Create(new Entity("spm_quota") { ["spm_name"] = "Ava FY26 Q1" }));

        Assert.AreEqual(-2147220970, fault.ErrorCode);
        Assert.AreEqual("The period FY26 Q1 is locked.", fault.Message);
        Assert.AreEqual(0, store.Count("spm_quota"));
    }

    [TestMethod]
    public void Any_other_exception_becomes_the_platforms_unexpected_plugin_fault()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        pipeline.Register(MessageNames.Create, "spm_quota", PipelineStage.PreOperation,
            new DelegatePlugin(local => _ = local.Target.GetAttributeValue<EntityReference>("spm_periodid").Id));

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            pipeline.CreateOrganizationService(Users.SalesOps).Create(new Entity("spm_quota") { ["spm_name"] = "Ava FY26 Q1" }));

        Assert.AreEqual(PluginPipeline.UnexpectedPluginExceptionErrorCode, fault.ErrorCode);
        Assert.StartsWith("Unexpected exception from plug-in (Execute): Spm.Dataverse.Tests.Pipeline.DelegatePlugin: System.NullReferenceException:", fault.Message);
        Assert.AreEqual(0, store.Count("spm_quota"));
        Assert.IsInstanceOfType<NullReferenceException>(pipeline.Executions.Single().Exception);
    }

    [TestMethod]
    public void A_plugin_updating_its_own_record_without_filtering_loops_until_the_depth_limit()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Tailspin charter deal", 42_000m, Users.Ava);
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PostOperation, new DelegatePlugin(local =>
            local.Service.Update(new Entity("opportunity", local.Context.PrimaryEntityId) { ["description"] = "Credited " + DateTime.UtcNow.ToString("O") })));

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            pipeline.CreateOrganizationService(Users.Ava).Update(new Entity("opportunity", deal) { ["actualvalue"] = new Money(43_000m) }));

        Assert.AreEqual(PluginPipeline.InfiniteLoopErrorCode, fault.ErrorCode);
        Assert.AreEqual(
            "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again.",
            fault.Message);
        Assert.AreSequenceEqual(Enumerable.Range(1, 8).ToArray(), pipeline.Executions.Select(e => e.Depth).OrderBy(d => d).ToArray());
        Assert.IsTrue(pipeline.Executions.All(e => !e.Succeeded));
        Assert.HasCount(1, pipeline.Executions.Select(e => e.CorrelationId).Distinct());
        Assert.AreEqual(new Money(42_000m), store.Row("opportunity", deal)!["actualvalue"]);
        Assert.AreEqual("Renewal of the 2025 platform licence", store.Row("opportunity", deal)!["description"]);
    }

    [TestMethod]
    public void A_plugins_nested_call_runs_at_depth_2_with_the_same_correlation_and_the_parent_context()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        var opportunityStep = new ContextProbe(local =>
            local.Service.Create(Rows.Credit("Ava 100%", Users.Ava, 30_000m, local.Context.PrimaryEntityId)));
        var creditStep = new ContextProbe();
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation, opportunityStep);
        pipeline.Register(MessageNames.Create, "spm_credit", PipelineStage.PostOperation, creditStep);

        pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Adventure Works POS rollout" });

        IPluginExecutionContext nested = creditStep.Last;
        Assert.AreEqual(2, nested.Depth);
        Assert.AreEqual(opportunityStep.Last.CorrelationId, nested.CorrelationId);
        Assert.AreSame(opportunityStep.Last, nested.ParentContext);
        Assert.IsTrue(nested.IsInTransaction);
        Assert.AreEqual(Users.Ava, nested.UserId);
        Assert.AreEqual(Users.Ava, nested.InitiatingUserId);
        Assert.AreSequenceEqual(new[] { 1, 2 }, pipeline.Executions.OrderBy(e => e.Sequence).Select(e => e.Depth).ToArray());
    }

    [TestMethod]
    public void The_service_factory_runs_null_as_system_and_empty_as_the_calling_user()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation, new DelegatePlugin(local =>
        {
            local.Factory.CreateOrganizationService(null).Create(Rows.Credit("as system", Users.Ava, 1m));
            local.Factory.CreateOrganizationService(Guid.Empty).Create(Rows.Credit("as caller", Users.Ava, 1m));
            local.Factory.CreateOrganizationService(Users.Maya).Create(Rows.Credit("as manager", Users.Ava, 1m));
        }));
        var credits = new ContextProbe();
        pipeline.Register(MessageNames.Create, "spm_credit", PipelineStage.PreOperation, credits);

        pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Litware analytics pilot" });

        Assert.AreSequenceEqual(new[] { pipeline.Options.SystemUserId, Users.Ava, Users.Maya }, credits.Seen.Select(c => c.UserId).ToArray());
        Assert.IsTrue(credits.Seen.All(c => c.InitiatingUserId == Users.Ava));
    }

    [TestMethod]
    public void Each_execution_records_how_many_requests_its_plugin_made()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid quota = store.Seed(Rows.Quota(Users.Ava, store.Seed(Rows.Period("FY26 Q1")), 300_000m));
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation, new DelegatePlugin(local =>
        {
            IOrganizationService service = local.Service;
            service.Retrieve("spm_quota", quota, new ColumnSet("spm_amount"));
            service.Create(Rows.Credit("Ava 100%", Users.Ava, 50_000m));
            service.Update(new Entity("spm_quota", quota) { ["spm_ramp"] = "50;75;100" });
        }), s => s with { Name = "Credit on create" });
        pipeline.Register(MessageNames.Create, "spm_credit", PipelineStage.PostOperation,
            new DelegatePlugin(local => local.Service.Retrieve("spm_quota", quota, new ColumnSet("spm_name"))), s => s with { Name = "Credit check" });

        pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Contoso fleet renewal" });

        Assert.AreEqual(3, pipeline.Executions.Single(e => e.StepName == "Credit on create").RequestCount);
        Assert.AreEqual(1, pipeline.Executions.Single(e => e.StepName == "Credit check").RequestCount);
    }

    [TestMethod]
    public void Executions_record_message_table_stage_mode_plugin_and_traces()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PreOperation, new DelegatePlugin(local =>
        {
            local.Tracing.Trace("Crediting {0} at {1:0.00}", "Ava", 50_000m);
            local.Tracing.Trace("Done");
        }));

        Guid id = pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Contoso fleet renewal" });

        ExecutionRecord record = pipeline.Executions.Single();
        Assert.AreEqual("Create", record.MessageName);
        Assert.AreEqual("opportunity", record.PrimaryEntityName);
        Assert.AreEqual(PipelineStage.PreOperation, record.Stage);
        Assert.AreEqual(StepMode.Synchronous, record.Mode);
        Assert.AreEqual("Spm.Dataverse.Tests.Pipeline.DelegatePlugin", record.PluginTypeName);
        Assert.AreEqual(1, record.Depth);
        Assert.AreEqual(Users.Ava, record.UserId);
        Assert.IsTrue(record.Succeeded);
        Assert.IsGreaterThanOrEqualTo(TimeSpan.Zero, record.Duration);
        Assert.AreSequenceEqual(new[] { "Crediting Ava at 50000.00", "Done" }, record.TraceLines);
        Assert.AreSequenceEqual(new[] { "Crediting Ava at 50000.00", "Done" }, pipeline.Traces);
        Assert.AreNotEqual(Guid.Empty, id);
    }

    [TestMethod]
    public void A_fault_from_the_store_rolls_back_and_reaches_the_caller_unchanged()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PreOperation,
            new DelegatePlugin(local => local.Service.Create(Rows.Credit("orphan", Users.Ava, 1m))));

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            pipeline.CreateOrganizationService(Users.Ava).Update(new Entity("opportunity", Guid.NewGuid()) { ["name"] = "ghost" }));

        Assert.AreNotEqual(PluginPipeline.UnexpectedPluginExceptionErrorCode, fault.ErrorCode);
        Assert.AreEqual(0, store.Count("spm_credit"));
    }
}
