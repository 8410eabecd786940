using System.Net;
using Microsoft.Xrm.Sdk.Query;
using Spm.Plugins.Tests;
using Spm.WebApi.Tests.Fixture;

namespace Spm.WebApi.Tests;

/// <summary>The host drains the asynchronous steps (the managers' roll-up credit) after requests, as Dataverse's asynchronous service does.</summary>
[TestClass]
public sealed class AsyncStepTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Asynchronous_steps_queued_by_the_organization_run_after_the_next_request()
    {
        await using WebApiOrganization api = await WebApiOrganization.StartAsync(a => a.SeedQuarter());
        Assert.IsGreaterThan(0, api.Org.Pipeline.PendingAsyncSteps, "the two wins queue the managers' roll-ups");
        Assert.AreEqual(0m, RolledUpTo(api, SpmOrganization.Marco));

        var (status, _, _) = await api.GetAsync(WebApiOrganization.Marco, "WhoAmI");
        for (int wait = 0; wait < 100 && api.Org.Pipeline.PendingAsyncSteps > 0; wait++)
        {
            await Task.Delay(50, TestContext.CancellationToken);
        }

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual(0, api.Org.Pipeline.PendingAsyncSteps, "the worker took every queued step after the request");
        await api.Host.WaitForAsyncStepsAsync();
        Assert.AreEqual(210_000m, RolledUpTo(api, SpmOrganization.Marco), "Ava's 120,000 and Ben's 90,000 roll up to their manager");
    }

    private static decimal RolledUpTo(WebApiOrganization api, Guid manager) =>
        api.Org.Ledger(manager).Sum(r => r.GetAttributeValue<Microsoft.Xrm.Sdk.Money>("spm_revenue")?.Value ?? 0m);
}
