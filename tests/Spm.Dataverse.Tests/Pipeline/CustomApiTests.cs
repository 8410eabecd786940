using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Pipeline;

[TestClass]
public sealed class CustomApiTests
{
    private const string Estimate = "spm_EstimateCommission";

    /// <summary>A stand-in for EstimateCommissionPlugin: 10% of Amount, and the close date echoed back.</summary>
    private static DelegatePlugin Estimator(Action<LocalContext>? also = null) => new(local =>
    {
        ParameterCollection input = local.Context.InputParameters;
        decimal amount = (decimal)input["Amount"];
        local.Context.OutputParameters["ProjectedEarnings"] = amount * 0.1m;
        local.Context.OutputParameters["CloseDate"] = input["CloseDate"];
        also?.Invoke(local);
    });

    private static OrganizationRequest Request(decimal amount) => new(Estimate)
    {
        ["Amount"] = amount,
        ["CloseDate"] = new DateTime(2025, 9, 30, 0, 0, 0, DateTimeKind.Utc),
    };

    [TestMethod]
    public void The_plugin_runs_as_the_main_operation_and_its_output_parameters_are_the_response()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        var main = new ContextProbe(local => local.Context.OutputParameters["ProjectedEarnings"] = (decimal)local.Context.InputParameters["Amount"] * 0.1m);
        pipeline.RegisterCustomApi(Estimate, main);

        OrganizationResponse response = pipeline.CreateOrganizationService(Users.Ava).Execute(Request(1000m));

        Assert.AreEqual(Estimate, response.ResponseName);
        Assert.AreEqual(100m, response["ProjectedEarnings"]);
        Assert.HasCount(1, response.Results);
        IPluginExecutionContext context = main.Last;
        Assert.AreEqual((int)PipelineStage.MainOperation, context.Stage);
        Assert.AreEqual(Estimate, context.MessageName);
        Assert.AreEqual("none", context.PrimaryEntityName);
        Assert.IsTrue(context.IsInTransaction);
        Assert.AreEqual((int)StepMode.Synchronous, context.Mode);
        Assert.AreEqual(1, context.Depth);
        Assert.AreEqual(Users.Ava, context.UserId);
        Assert.AreEqual(1000m, context.InputParameters["Amount"]);
        ExecutionRecord record = pipeline.Executions.Single();
        Assert.AreEqual(PipelineStage.MainOperation, record.Stage);
        Assert.AreEqual(Estimate, record.MessageName);
        Assert.IsNull(record.PrimaryEntityName);
    }

    [TestMethod]
    public void Pre_and_post_steps_run_around_it_and_post_operation_sees_the_outputs()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        var validation = new ContextProbe();
        var pre = new ContextProbe(local => local.Context.InputParameters["Amount"] = 2000m);
        var post = new ContextProbe(local => local.Context.OutputParameters["Checked"] = true);
        pipeline.RegisterCustomApi(Estimate, Estimator(), isFunction: true);
        pipeline.Register(Estimate, null, PipelineStage.PostOperation, post);
        pipeline.Register(Estimate, null, PipelineStage.PreOperation, pre);
        pipeline.Register(Estimate, null, PipelineStage.PreValidation, validation);

        OrganizationResponse response = pipeline.CreateOrganizationService(Users.Ava).Execute(Request(1000m));

        Assert.AreSequenceEqual(new[] { 10, 20, 30, 40 }, pipeline.Executions.Select(e => (int)e.Stage).ToArray());
        Assert.IsFalse(validation.Last.IsInTransaction);
        Assert.IsTrue(pre.Last.IsInTransaction && post.Last.IsInTransaction);
        Assert.AreEqual(200m, response["ProjectedEarnings"], "the main operation sees the PreOperation step's change to the inputs");
        Assert.AreEqual(200m, post.Last.OutputParameters["ProjectedEarnings"]);
        Assert.IsTrue((bool)response["Checked"]);
        Assert.AreEqual(new DateTime(2025, 9, 30, 0, 0, 0, DateTimeKind.Utc), response["CloseDate"]);
        Assert.IsTrue(pipeline.CustomApis.Single().IsFunction);
        Assert.AreEqual(validation.Last.CorrelationId, post.Last.CorrelationId);
    }

    [TestMethod]
    public void The_callers_request_is_not_changed()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        pipeline.RegisterCustomApi(Estimate, Estimator(local => local.Context.InputParameters["Amount"] = 0m));
        OrganizationRequest request = Request(1000m);

        pipeline.CreateOrganizationService(Users.Ava).Execute(request);

        Assert.AreEqual(1000m, request["Amount"]);
    }

    [TestMethod]
    public void Writes_of_the_plugin_are_rolled_back_when_a_later_step_fails()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        pipeline.RegisterCustomApi(Estimate, Estimator(local => local.Service.Create(new Entity("opportunity") { ["name"] = "What-if" })));
        pipeline.Register(Estimate, null, PipelineStage.PostOperation,
            new DelegatePlugin(_ => throw new InvalidPluginExecutionException("Estimates are closed for the quarter.")));

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => pipeline.CreateOrganizationService(Users.Ava).Execute(Request(1000m)));

        Assert.AreEqual("Estimates are closed for the quarter.", fault.Message);
        Assert.AreEqual(0, store.Count("opportunity"));
    }

    [TestMethod]
    public void An_exception_in_the_plugin_reaches_the_caller_as_a_fault_and_stops_the_post_steps()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        var post = new ContextProbe();
        pipeline.RegisterCustomApi(Estimate, new DelegatePlugin(local =>
        {
            local.Service.Create(new Entity("opportunity") { ["name"] = "What-if" });
            throw new InvalidPluginExecutionException("Amount is required and cannot be negative.");
        }));
        pipeline.Register(Estimate, null, PipelineStage.PostOperation, post);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => pipeline.CreateOrganizationService(Users.Ava).Execute(Request(-1m)));

        Assert.AreEqual("Amount is required and cannot be negative.", fault.Message);
        Assert.IsInstanceOfType<InvalidPluginExecutionException>(fault.InnerException);
        Assert.IsEmpty(post.Seen);
        Assert.AreEqual(0, store.Count("opportunity"));
    }

    [TestMethod]
    public void A_plugin_can_call_a_custom_api_one_level_deeper()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        var main = new ContextProbe(local => local.Context.OutputParameters["ProjectedEarnings"] = 1m);
        pipeline.RegisterCustomApi(Estimate, main);
        object? seen = null;
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation,
            new DelegatePlugin(local => seen = local.Service.Execute(Request(5m))["ProjectedEarnings"]));

        pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Contoso renewal" });

        Assert.AreEqual(1m, seen);
        Assert.AreEqual(2, main.Last.Depth);
        Assert.IsNotNull(main.Last.ParentContext);
    }

    [TestMethod]
    public void An_unknown_message_still_faults_as_not_supported()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        pipeline.RegisterCustomApi(Estimate, Estimator());

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            pipeline.CreateOrganizationService(Users.Ava).Execute(new OrganizationRequest("spm_ForecastQuota") { ["Amount"] = 1m }));

        Assert.AreEqual(DataverseErrors.NotImplemented, fault.ErrorCode);
        Assert.AreEqual("The message 'spm_ForecastQuota' is not supported by the in-memory organization.", fault.Message);
    }

    [TestMethod]
    public void A_bound_custom_api_needs_a_target_of_its_table()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        var main = new ContextProbe();
        pipeline.RegisterCustomApi("spm_Recalculate", main, boundEntityLogicalName: "opportunity");
        Guid deal = store.SeedOpportunity("Contoso renewal", 10_000m, Users.Ava);
        IOrganizationService service = pipeline.CreateOrganizationService(Users.Ava);

        service.Execute(new OrganizationRequest("spm_Recalculate") { ["Target"] = new EntityReference("opportunity", deal) });
        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => service.Execute(new OrganizationRequest("spm_Recalculate")));

        Assert.AreEqual("opportunity", main.Last.PrimaryEntityName);
        Assert.AreEqual(deal, main.Last.PrimaryEntityId);
        Assert.AreEqual(DataverseErrors.InvalidArgument, fault.ErrorCode);
        Assert.HasCount(1, main.Seen);
    }

    [TestMethod]
    public void Registration_rejects_duplicates_platform_messages_and_names_without_a_prefix()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        pipeline.RegisterCustomApi(Estimate, Estimator());

        Assert.ThrowsExactly<StepRegistrationException>(() => pipeline.RegisterCustomApi("SPM_estimatecommission", Estimator()));
        Assert.ThrowsExactly<StepRegistrationException>(() => pipeline.RegisterCustomApi("EstimateCommission", Estimator()));
        Assert.ThrowsExactly<StepRegistrationException>(() => pipeline.RegisterCustomApi("spm_Estimate-Commission", Estimator()));
        Assert.ThrowsExactly<StepRegistrationException>(() => pipeline.RegisterCustomApi(" ", Estimator()));
        Assert.ThrowsExactly<ArgumentNullException>(() => pipeline.RegisterCustomApi("spm_Other", null!));
        Assert.AreEqual(Estimate, pipeline.CustomApis.Single().UniqueName);
    }

    [TestMethod]
    public void Depth_is_limited_as_for_steps()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _, new PluginPipelineOptions { MaxDepth = 3 });
        pipeline.RegisterCustomApi(Estimate, new DelegatePlugin(local => local.Service.Execute(Request(1m))));

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => pipeline.CreateOrganizationService(Users.Ava).Execute(Request(1m)));

        Assert.AreEqual(PluginPipeline.InfiniteLoopErrorCode, fault.ErrorCode);
        Assert.AreEqual(3, pipeline.Executions.Max(e => e.Depth));
    }
}
