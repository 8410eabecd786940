using Spm.Dataverse.Metadata;

namespace Spm.Solution.Tests.WebApi;

/// <summary>
/// The platform's plug-in registration tables, as far as register-steps reads and writes them (columns and option values
/// of the Dataverse table reference): sdkmessage, sdkmessagefilter, plugintype and sdkmessageprocessingstep.
/// </summary>
internal static class RegistrationTables
{
    /// <summary>Web API entity set → table logical name.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByEntitySet = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sdkmessages"] = "sdkmessage",
        ["sdkmessagefilters"] = "sdkmessagefilter",
        ["plugintypes"] = "plugintype",
        ["sdkmessageprocessingsteps"] = "sdkmessageprocessingstep",
    };

    /// <summary>Single-valued navigation properties of sdkmessageprocessingstep → (lookup column, target entity set).</summary>
    public static readonly IReadOnlyDictionary<string, (string Column, string TargetSet)> StepNavigation = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["sdkmessageid"] = ("sdkmessageid", "sdkmessages"),
        ["sdkmessagefilterid"] = ("sdkmessagefilterid", "sdkmessagefilters"),
        ["eventhandler_plugintype"] = ("eventhandler", "plugintypes"),
        ["plugintypeid"] = ("plugintypeid", "plugintypes"),
    };

    public static DataverseMetadata Add(DataverseMetadata metadata)
    {
        metadata.AddTable("sdkmessage", "sdkmessageid", "name", OwnershipType.OrganizationOwned);

        var filter = metadata.AddTable("sdkmessagefilter", "sdkmessagefilterid", null, OwnershipType.OrganizationOwned);
        filter.AddColumn("sdkmessageid", ColumnType.Lookup).WithTargets("sdkmessage");
        filter.AddColumn("primaryobjecttypecode", ColumnType.String);

        var type = metadata.AddTable("plugintype", "plugintypeid", "name", OwnershipType.OrganizationOwned);
        type.AddColumn("typename", ColumnType.String);

        var step = metadata.AddTable("sdkmessageprocessingstep", "sdkmessageprocessingstepid", "name", OwnershipType.OrganizationOwned)
            .WithStates("SdkMessageProcessingStepState", new StateDefinition(0, "Enabled", [1]), new StateDefinition(1, "Disabled", [2]));
        step.AddColumn("description", ColumnType.String).MaxLength = 256;
        step.AddColumn("stage", ColumnType.Picklist).WithOptions(10, 20, 40);
        step.AddColumn("mode", ColumnType.Picklist).WithOptions(0, 1);
        step.AddColumn("rank", ColumnType.Integer);
        step.AddColumn("asyncautodelete", ColumnType.Boolean);
        step.AddColumn("filteringattributes", ColumnType.Memo);
        step.AddColumn("configuration", ColumnType.Memo);
        step.AddColumn("supporteddeployment", ColumnType.Picklist).WithOptions(0, 1, 2);
        step.AddColumn("invocationsource", ColumnType.Picklist).WithOptions(-1, 0, 1);
        step.AddColumn("sdkmessageid", ColumnType.Lookup).WithTargets("sdkmessage");
        step.AddColumn("sdkmessagefilterid", ColumnType.Lookup).WithTargets("sdkmessagefilter");
        step.AddColumn("eventhandler", ColumnType.Lookup).WithTargets("plugintype", "serviceendpoint");
        step.AddColumn("plugintypeid", ColumnType.Lookup).WithTargets("plugintype");
        return metadata;
    }
}
