using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Xrm.Sdk.Facade.Tests;

/// <summary>A plug-in written against the facade runs through the documented service-provider pattern.</summary>
[TestClass]
public sealed class PluginContractTests
{
    [TestMethod]
    public void A_plugin_gets_its_services_from_the_service_provider_and_reads_target_and_images()
    {
        var target = new Entity("opportunity", Guid.NewGuid()) { ["actualvalue"] = new Money(100m) };
        var context = new FakeContext { MessageName = "Update", Stage = 40, Depth = 1 };
        context.InputParameters["Target"] = target;
        context.PreEntityImages["PreImage"] = new Entity("opportunity", target.Id) { ["actualvalue"] = new Money(80m) };
        var provider = new FakeServiceProvider(context);

        new DeltaPlugin().Execute(provider);

        Assert.AreEqual(20m, context.OutputParameters["delta"]);
        Assert.Contains("delta 20", provider.Tracing.Lines);
        Assert.IsNull(provider.Factory.RequestedUser, "the plug-in asked for the calling user's service");
    }

    [TestMethod]
    public void A_plugin_cancels_the_operation_with_InvalidPluginExecutionException()
    {
        var context = new FakeContext { MessageName = "Update", Stage = 20, Depth = 1 };
        context.InputParameters["Target"] = new Entity("opportunity") { ["actualvalue"] = new Money(-1m) };

        InvalidPluginExecutionException error = Assert.ThrowsExactly<InvalidPluginExecutionException>(
            () => new DeltaPlugin().Execute(new FakeServiceProvider(context)));

        Assert.AreEqual("actualvalue cannot be negative.", error.Message);
    }

    /// <summary>Writes the change of actualvalue against the pre-image to an output parameter.</summary>
    private sealed class DeltaPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var tracing = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
            var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
            _ = factory.CreateOrganizationService(null);

            if (context.Depth > 1 || !context.InputParameters.TryGetValue("Target", out Entity target))
            {
                return;
            }

            decimal after = target.GetAttributeValue<Money>("actualvalue")?.Value ?? 0m;
            if (after < 0m)
            {
                throw new InvalidPluginExecutionException("actualvalue cannot be negative.");
            }

            decimal before = context.PreEntityImages.TryGetValue("PreImage", out Entity pre)
                ? pre.GetAttributeValue<Money>("actualvalue")?.Value ?? 0m
                : 0m;
            tracing.Trace("delta {0}", after - before);
            context.OutputParameters["delta"] = after - before;
        }
    }

    private sealed class FakeServiceProvider(IPluginExecutionContext context) : IServiceProvider
    {
        public FakeTracing Tracing { get; } = new();

        public FakeFactory Factory { get; } = new();

        public object? GetService(Type serviceType) =>
            serviceType == typeof(IPluginExecutionContext) ? context
            : serviceType == typeof(ITracingService) ? Tracing
            : serviceType == typeof(IOrganizationServiceFactory) ? Factory
            : null;
    }

    private sealed class FakeTracing : ITracingService
    {
        public List<string> Lines { get; } = [];

        public void Trace(string format, params object[] args) =>
            Lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }

    private sealed class FakeFactory : IOrganizationServiceFactory
    {
        public Guid? RequestedUser { get; private set; } = Guid.NewGuid();

        public IOrganizationService CreateOrganizationService(Guid? userId)
        {
            RequestedUser = userId;
            return new NoService();
        }
    }

    private sealed class NoService : IOrganizationService
    {
        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) => throw new NotSupportedException();

        public Guid Create(Entity entity) => throw new NotSupportedException();

        public void Delete(string entityName, Guid id) => throw new NotSupportedException();

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) => throw new NotSupportedException();

        public OrganizationResponse Execute(OrganizationRequest request) => throw new NotSupportedException();

        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => throw new NotSupportedException();

        public EntityCollection RetrieveMultiple(QueryBase query) => throw new NotSupportedException();

        public void Update(Entity entity) => throw new NotSupportedException();
    }

    private sealed class FakeContext : IPluginExecutionContext
    {
        public Guid BusinessUnitId { get; init; }

        public Guid CorrelationId { get; init; }

        public int Depth { get; init; }

        public Guid InitiatingUserId { get; init; }

        public ParameterCollection InputParameters { get; } = new();

        public bool IsExecutingOffline { get; init; }

        public bool IsInTransaction { get; init; }

        public bool IsOfflinePlayback { get; init; }

        public int IsolationMode { get; init; }

        public string MessageName { get; init; } = string.Empty;

        public int Mode { get; init; }

        public DateTime OperationCreatedOn { get; init; }

        public Guid OperationId { get; init; }

        public Guid OrganizationId { get; init; }

        public string OrganizationName { get; init; } = string.Empty;

        public ParameterCollection OutputParameters { get; } = new();

        public EntityReference? OwningExtension { get; init; }

        public EntityImageCollection PostEntityImages { get; } = new();

        public EntityImageCollection PreEntityImages { get; } = new();

        public Guid PrimaryEntityId { get; init; }

        public string PrimaryEntityName { get; init; } = string.Empty;

        public Guid? RequestId { get; init; }

        public string SecondaryEntityName { get; init; } = "none";

        public ParameterCollection SharedVariables { get; } = new();

        public Guid UserId { get; init; }

        public IPluginExecutionContext? ParentContext { get; init; }

        public int Stage { get; init; }
    }
}
