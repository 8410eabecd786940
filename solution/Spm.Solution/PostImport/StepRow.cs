using System.Text.Json.Nodes;

namespace Spm.Solution.PostImport;

/// <summary>
/// A post-import step as the sdkmessageprocessingstep row it should be, with the message and filter ids looked up in the
/// organization: the body that creates it, and the columns in which a row found there differs from it.
/// </summary>
/// <remarks>
/// Columns, navigation properties and option values are the Web API reference's for sdkmessageprocessingstep: stage
/// 10/20/40, mode 0 sync / 1 async, statecode 0 enabled with statuscode 1; the plug-in type is bound both through the
/// eventhandler lookup (navigation property eventhandler_plugintype) and the older plugintypeid one, as the Plug-in
/// Registration Tool sets both.
/// </remarks>
public sealed record StepRow(PostImportStep Step, Guid MessageId, Guid FilterId)
{
    public const string EntitySet = "sdkmessageprocessingsteps";

    /// <summary>Every column <see cref="Differences"/> reads.</summary>
    public const string Select =
        "name,description,stage,mode,rank,asyncautodelete,filteringattributes,configuration,supporteddeployment,invocationsource,statecode,"
        + "_sdkmessageid_value,_sdkmessagefilterid_value,_eventhandler_value,_plugintypeid_value";

    private IEnumerable<(string Column, JsonNode? Value)> Scalars =>
    [
        ("name", Step.Name),
        ("description", Step.Description),
        ("stage", Step.Stage),
        ("mode", Step.Mode),
        ("rank", Step.Rank),
        ("asyncautodelete", Step.AsyncAutoDelete),
        ("filteringattributes", Step.FilteringAttributes),
        ("configuration", Step.Configuration),
        ("supporteddeployment", Step.SupportedDeployment),
        ("invocationsource", Step.InvocationSource),
    ];

    /// <summary>Lookups: the column (as differences name it), the value property a read returns, the navigation property and its target.</summary>
    private IEnumerable<(string Column, string ValueProperty, string Navigation, string TargetSet, Guid Id)> Lookups =>
    [
        ("sdkmessageid", "_sdkmessageid_value", "sdkmessageid", "sdkmessages", MessageId),
        ("sdkmessagefilterid", "_sdkmessagefilterid_value", "sdkmessagefilterid", "sdkmessagefilters", FilterId),
        ("eventhandler", "_eventhandler_value", "eventhandler_plugintype", "plugintypes", Step.PluginTypeId),
        ("plugintypeid", "_plugintypeid_value", "plugintypeid", "plugintypes", Step.PluginTypeId),
    ];

    /// <summary>The POST body: every column, the fixed primary key, and the lookups bound by @odata.bind.</summary>
    public JsonObject ForCreate()
    {
        var row = new JsonObject { ["sdkmessageprocessingstepid"] = Step.Id.ToString("D") };
        foreach (var (column, value) in Scalars)
        {
            row[column] = value?.DeepClone();
        }

        foreach (var lookup in Lookups)
        {
            row[lookup.Navigation + "@odata.bind"] = $"/{lookup.TargetSet}({lookup.Id:D})";
        }

        return row;
    }

    /// <summary>The columns of <paramref name="existing"/> (a GET with <see cref="Select"/>) that are not as the solution defines them.</summary>
    public IReadOnlyList<string> Differences(JsonObject existing)
    {
        var differences = Scalars.Where(s => !SameValue(s.Value, existing[s.Column])).Select(s => s.Column).ToList();
        differences.AddRange(Lookups.Where(l => !Guid.TryParse(existing[l.ValueProperty]?.GetValue<string>(), out var id) || id != l.Id).Select(l => l.Column));
        if (existing["statecode"]?.GetValue<int>() != 0)
        {
            differences.Add("statecode");
        }

        return differences;
    }

    /// <summary>The PATCH body putting back just <paramref name="columns"/>.</summary>
    public JsonObject ForUpdate(IReadOnlyList<string> columns)
    {
        var changes = new JsonObject();
        foreach (var (column, value) in Scalars.Where(s => columns.Contains(s.Column)))
        {
            changes[column] = value?.DeepClone();
        }

        foreach (var lookup in Lookups.Where(l => columns.Contains(l.Column)))
        {
            changes[lookup.Navigation + "@odata.bind"] = $"/{lookup.TargetSet}({lookup.Id:D})";
        }

        if (columns.Contains("statecode"))
        {
            changes["statecode"] = 0;
            changes["statuscode"] = 1;
        }

        return changes;
    }

    /// <summary>Equal JSON values, an empty string being no value (Dataverse returns null for an empty text column).</summary>
    private static bool SameValue(JsonNode? wanted, JsonNode? found)
    {
        static JsonNode? Normal(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) && text.Length == 0 ? null : node;
        return JsonNode.DeepEquals(Normal(wanted), Normal(found));
    }
}
