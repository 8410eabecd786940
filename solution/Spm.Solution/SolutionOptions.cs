namespace Spm.Solution;

/// <summary>What to pack and how.</summary>
public sealed record SolutionOptions
{
    /// <summary>Build the managed zip (Managed=1 in the manifest) rather than the unmanaged one.</summary>
    public bool Managed { get; init; }

    /// <summary>The built plug-in assembly (net462 Spm.Plugins.dll) to embed; null packs the registrations without it (a problem).</summary>
    public string? PluginAssemblyPath { get; init; }

    /// <summary>Folder of built web resources to embed (files named as their web resource names); null when none are built yet.</summary>
    public string? WebResourcesFolder { get; init; }
}
