using Spm.WebApi.Tests.Fixture;

namespace Spm.WebApi.Tests.Writes;

/// <summary>
/// A test class with its own organization, seeded with the quarter of deals and served over HTTP for all its tests (which
/// run one at a time). Generic over the class itself, so each class has its own organization even when classes run in parallel.
/// </summary>
public abstract class OrganizationTestClass<TSelf>
    where TSelf : OrganizationTestClass<TSelf>
{
    private static WebApiOrganization? _api;

    public TestContext TestContext { get; set; } = null!;

    internal static WebApiOrganization Api => _api ?? throw new InvalidOperationException($"{typeof(TSelf).Name} has no organization: its class initialization did not run.");

    protected CancellationToken Cancel => TestContext.CancellationToken;

    [ClassInitialize(InheritanceBehavior.BeforeEachDerivedClass)]
    public static async Task StartOrganizationAsync(TestContext context) => _api = await WebApiOrganization.StartAsync(a => a.SeedQuarter());

    [ClassCleanup(InheritanceBehavior.BeforeEachDerivedClass)]
    public static async Task StopOrganizationAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }
}
