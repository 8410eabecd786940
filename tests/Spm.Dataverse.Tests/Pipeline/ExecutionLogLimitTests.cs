using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Pipeline;

namespace Spm.Dataverse.Tests.Pipeline;

[TestClass]
public sealed class ExecutionLogLimitTests
{
    [TestMethod]
    public void A_pipeline_with_a_record_limit_keeps_only_the_newest_transactions()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _, new PluginPipelineOptions { RecordLimit = 3 });
        var service = pipeline.CreateOrganizationService(Users.Ava);
        var deals = new[] { "Contoso fleet", "Fabrikam field service", "Northwind POS", "Tailspin analytics", "Litware renewal" }
            .Select(name => service.Create(new Entity("opportunity") { ["name"] = name }))
            .ToList();

        Assert.HasCount(3, pipeline.Transactions);
        Assert.IsTrue(pipeline.Transactions.Last().Locks("opportunity", deals[^1]), "the newest transaction is kept");
        Assert.AreEqual(0, pipeline.Transactions.Count(t => t.Locks("opportunity", deals[0])), "the oldest is dropped");
    }

    [TestMethod]
    public void Without_a_limit_every_record_is_kept_and_a_limit_must_be_positive()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        var service = pipeline.CreateOrganizationService(Users.Ava);
        for (var i = 0; i < 5; i++)
        {
            service.Create(new Entity("opportunity") { ["name"] = $"Deal {i + 1}" });
        }

        Assert.HasCount(5, pipeline.Transactions);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TestPipeline.Create(out _, new PluginPipelineOptions { RecordLimit = 0 }));
    }
}
