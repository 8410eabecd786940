using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Tests.Pipeline;

/// <summary>The step files the solution ships drive the pipeline: the same data, executed.</summary>
[TestClass]
public sealed class FixtureStepsPipelineTests
{
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    [TestMethod]
    public void Steps_read_from_the_solution_folder_run_their_mapped_plugins_with_the_registered_images()
    {
        var credit = new ContextProbe();
        var rollup = new ContextProbe();
        var splitCheck = new ContextProbe();
        var resolver = new PluginTypeResolver()
            .Map("Spm.Plugins.OpportunityCreditPlugin", credit)
            .Map("Spm.Plugins.ManagerRollupPlugin", rollup)
            .Map("Spm.Plugins.CreditSplitValidationPlugin", splitCheck);
        IDataverseStore store = TestPipeline.NewStore();
        var pipeline = new PluginPipeline(store, resolver: resolver);
        Assert.HasCount(4, pipeline.RegisterFolder(FixtureFolder));
        Guid deal = store.SeedOpportunity("Contoso fleet renewal", 250_000m, Users.Ava);
        IOrganizationService service = pipeline.CreateOrganizationService(Users.Ava);

        service.Update(new Entity("opportunity", deal) { ["description"] = "No credit-relevant change" });
        Assert.IsEmpty(credit.Seen);
        Assert.AreEqual(0, pipeline.PendingAsyncSteps);

        service.Update(new Entity("opportunity", deal) { ["actualvalue"] = new Money(260_000m) });

        IPluginExecutionContext context = credit.Last;
        Assert.AreEqual(new Money(250_000m), context.PreEntityImages["PreImage"]["actualvalue"]);
        Assert.AreEqual(new Money(260_000m), context.PostEntityImages["PostImage"]["actualvalue"]);
        Assert.IsFalse(context.PostEntityImages["PostImage"].Contains("name"));
        Assert.AreEqual(new EntityReference("sdkmessageprocessingstep", new Guid("3f1d7a52-8c4e-4b1a-9d2e-6a0b5c7e8f11")), context.OwningExtension);
        Assert.AreEqual(1, pipeline.PendingAsyncSteps);

        pipeline.RunAsyncSteps();
        Assert.AreEqual(new Money(260_000m), rollup.Last.PostEntityImages["PostImage"]["actualvalue"]);

        service.Create(Rows.Split(deal, Users.Ben, 60m));
        Assert.IsFalse(splitCheck.Last.IsInTransaction);
    }

    [TestMethod]
    public void A_step_whose_plugin_type_is_not_loaded_is_rejected_naming_the_type()
    {
        var pipeline = new PluginPipeline(TestPipeline.NewStore());

        var error = Assert.ThrowsExactly<StepRegistrationException>(() => pipeline.RegisterFolder(FixtureFolder));

        Assert.AreEqual("PluginTypeName", error.Element);
        Assert.Contains("no loaded assembly defines plug-in type 'Spm.Plugins.", error.Message);
    }

    [TestMethod]
    public void The_resolver_finds_a_loaded_plugin_type_by_name_and_passes_the_unsecure_configuration()
    {
        StepRegistration step = StepRegistration.For(MessageNames.Create, "spm_creditsplit", PipelineStage.PreValidation, typeof(ConfiguredSplitPlugin)) with
        {
            Configuration = "{\"maxSplitPercent\":100}",
            PluginTypeName = "Spm.Dataverse.Tests.Pipeline.ConfiguredSplitPlugin, Spm.Dataverse.Tests, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null",
        };

        var plugin = (ConfiguredSplitPlugin)new PluginTypeResolver().Resolve(step);

        Assert.AreEqual("{\"maxSplitPercent\":100}", plugin.UnsecureConfiguration);
        Assert.IsNull(plugin.SecureConfiguration);
    }
}

/// <summary>A plug-in with the (unsecure, secure) configuration constructor the platform calls.</summary>
public sealed class ConfiguredSplitPlugin(string? unsecureConfiguration, string? secureConfiguration) : IPlugin
{
    public string? UnsecureConfiguration { get; } = unsecureConfiguration;

    public string? SecureConfiguration { get; } = secureConfiguration;

    public void Execute(IServiceProvider serviceProvider)
    {
    }
}
