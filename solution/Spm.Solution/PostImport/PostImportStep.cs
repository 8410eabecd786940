namespace Spm.Solution.PostImport;

/// <summary>
/// One step of solution/PostImportSteps/: an SdkMessageProcessingStep the solution cannot pack because it names its
/// message by name (its sdkmessage id is looked up in the organization), so an admin registers it after the import.
/// </summary>
public sealed record PostImportStep
{
    /// <summary>The fixed sdkmessageprocessingstepid: the same in every organization, so a second run finds the step.</summary>
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The plugintypeid, from the plug-in assembly's registration (the import keeps it).</summary>
    public required Guid PluginTypeId { get; init; }

    /// <summary>"Namespace.Type" (plugintype.typename).</summary>
    public required string PluginTypeFullName { get; init; }

    /// <summary>The sdkmessage name (Win, Lose).</summary>
    public required string MessageName { get; init; }

    /// <summary>The table (sdkmessagefilter.primaryobjecttypecode).</summary>
    public required string PrimaryEntity { get; init; }

    /// <summary>10 PreValidation, 20 PreOperation, 40 PostOperation.</summary>
    public required int Stage { get; init; }

    /// <summary>0 synchronous, 1 asynchronous.</summary>
    public required int Mode { get; init; }

    public int Rank { get; init; } = 1;

    public string? Description { get; init; }

    public string? Configuration { get; init; }

    public string? FilteringAttributes { get; init; }

    public bool AsyncAutoDelete { get; init; }

    public int InvocationSource { get; init; }

    public int SupportedDeployment { get; init; }

    /// <summary>"Win of opportunity (sync)": how progress and errors name the step.</summary>
    public string Label => $"{MessageName} of {PrimaryEntity} ({(Mode == 1 ? "async" : "sync")})";
}
