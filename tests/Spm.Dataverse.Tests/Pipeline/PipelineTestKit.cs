using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Pipeline;

/// <summary>People in the sample sales org.</summary>
internal static class Users
{
    public static readonly Guid Ava = new("a0a0a0a0-1111-4000-8000-000000000001");      // rep
    public static readonly Guid Ben = new("a0a0a0a0-1111-4000-8000-000000000002");      // rep
    public static readonly Guid Maya = new("a0a0a0a0-1111-4000-8000-000000000003");     // sales manager
    public static readonly Guid SalesOps = new("a0a0a0a0-1111-4000-8000-000000000004"); // runs the roll-up steps
}

/// <summary>Store access that bypasses the pipeline: seeding and checking what is really stored.</summary>
internal static class StoreExtensions
{
    public static Guid Seed(this IDataverseStore store, Entity row) =>
        (Guid)store.ExecuteCore(new CreateRequest { Target = row }, Users.Maya).Results["id"];

    public static Entity? Row(this IDataverseStore store, string table, Guid id) => store.Snapshot(table, id, null);

    public static int Count(this IDataverseStore store, string table)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(false) };
        var rows = (EntityCollection)store.ExecuteCore(new RetrieveMultipleRequest { Query = query }, Users.Maya).Results["EntityCollection"];
        return rows.Entities.Count;
    }

    public static Guid SeedOpportunity(this IDataverseStore store, string name, decimal value, Guid owner) =>
        store.Seed(new Entity("opportunity")
        {
            ["name"] = name,
            ["estimatedvalue"] = new Money(value),
            ["actualvalue"] = new Money(value),
            ["ownerid"] = new EntityReference("systemuser", owner),
            ["description"] = "Renewal of the 2025 platform licence",
        });
}

/// <summary>A plug-in written inline; <see cref="Run"/> gets the services a PluginBase/LocalPluginContext would.</summary>
internal class DelegatePlugin(Action<LocalContext> body) : IPlugin
{
    public void Execute(IServiceProvider serviceProvider) => body(new LocalContext(serviceProvider));
}

internal sealed class LocalContext(IServiceProvider services)
{
    public IPluginExecutionContext Context { get; } = (IPluginExecutionContext)services.GetService(typeof(IPluginExecutionContext))!;

    public ITracingService Tracing { get; } = (ITracingService)services.GetService(typeof(ITracingService))!;

    public IOrganizationServiceFactory Factory { get; } = (IOrganizationServiceFactory)services.GetService(typeof(IOrganizationServiceFactory))!;

    /// <summary>A service running as the calling user, as the LocalPluginContext pattern creates it.</summary>
    public IOrganizationService Service => Factory.CreateOrganizationService(Context.UserId);

    public Entity Target => (Entity)Context.InputParameters["Target"];
}

/// <summary>Captures every context a step was run with.</summary>
internal sealed class ContextProbe : DelegatePlugin
{
    public ContextProbe(Action<LocalContext>? then = null)
        : this(new List<IPluginExecutionContext>(), then)
    {
    }

    private ContextProbe(List<IPluginExecutionContext> seen, Action<LocalContext>? then)
        : base(local =>
        {
            seen.Add(local.Context);
            then?.Invoke(local);
        })
    {
        Seen = seen;
    }

    public List<IPluginExecutionContext> Seen { get; }

    public IPluginExecutionContext Last => Seen[^1];
}

/// <summary>Valid rows of the SPM tables (the in-memory organization enforces the schema's required columns).</summary>
internal static class Rows
{
    private static int _creditSequence;

    public static Entity Credit(string name, Guid participant, decimal amount, Guid? opportunity = null)
    {
        var credit = new Entity("spm_credit")
        {
            ["spm_name"] = name,
            ["spm_sequence"] = Interlocked.Increment(ref _creditSequence),
            ["spm_dealkey"] = (opportunity ?? Guid.Empty).ToString("D"),
            ["spm_dealname"] = name,
            ["spm_participantid"] = new EntityReference("systemuser", participant),
            ["spm_kind"] = new OptionSetValue(SpmChoices.CreditOwner),
            ["spm_share"] = 1m,
            ["spm_revenue"] = new Money(amount),
            ["spm_creditdate"] = new DateTime(2025, 8, 14, 0, 0, 0, DateTimeKind.Utc),
            ["spm_postedon"] = new DateTime(2025, 8, 14, 0, 0, 0, DateTimeKind.Utc),
        };
        if (opportunity is { } id)
        {
            credit["spm_opportunityid"] = new EntityReference("opportunity", id);
        }

        return credit;
    }

    public static Entity Split(Guid opportunity, Guid participant, decimal percent) => new("spm_creditsplit")
    {
        ["spm_name"] = $"{percent}% split",
        ["spm_opportunityid"] = new EntityReference("opportunity", opportunity),
        ["spm_participantid"] = new EntityReference("systemuser", participant),
        ["spm_percent"] = percent,
        ["spm_kind"] = new OptionSetValue(SpmChoices.SplitRevenue),
    };

    public static Entity Recognition(Guid recipient, string name) => new("spm_recognition")
    {
        ["spm_name"] = name,
        ["spm_participantid"] = new EntityReference("systemuser", recipient),
        ["spm_kind"] = new OptionSetValue(SpmChoices.RecognitionAttainmentMilestone),
    };

    public static Entity Period(string name) => new("spm_period")
    {
        ["spm_name"] = name,
        ["spm_kind"] = new OptionSetValue(SpmChoices.PeriodQuarter),
        ["spm_fiscalyear"] = 2026,
        ["spm_number"] = 1,
        ["spm_startdate"] = new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc),
        ["spm_enddate"] = new DateTime(2025, 9, 30, 0, 0, 0, DateTimeKind.Utc),
    };

    public static Entity Quota(Guid participant, Guid period, decimal amount) => new("spm_quota")
    {
        ["spm_name"] = "FY26 Q1 revenue quota",
        ["spm_participantid"] = new EntityReference("systemuser", participant),
        ["spm_periodid"] = new EntityReference("spm_period", period),
        ["spm_measure"] = new OptionSetValue(SpmChoices.MeasureRevenue),
        ["spm_amount"] = amount,
    };
}

internal static class TestPipeline
{
    /// <summary>The store the pipeline tests run on: the in-memory organization, with the sample users (and SYSTEM) in it.</summary>
    public static IDataverseStore NewStore()
    {
        var store = new InMemoryOrganization();
        var system = new PluginPipelineOptions().SystemUserId;
        foreach ((Guid id, string name) in new[] { (system, "SYSTEM"), (Users.Ava, "Ava Reyes"), (Users.Ben, "Ben Okafor"), (Users.Maya, "Maya Lindqvist"), (Users.SalesOps, "Sales Ops") })
        {
            store.ExecuteCore(new CreateRequest { Target = new Entity("systemuser", id) { ["fullname"] = name } }, system);
        }

        return store;
    }

    public static PluginPipeline Create(out IDataverseStore store, PluginPipelineOptions? options = null)
    {
        store = NewStore();
        return new PluginPipeline(store, options);
    }
}
