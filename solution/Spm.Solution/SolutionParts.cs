using Spm.Solution.Parts;

namespace Spm.Solution;

/// <summary>Every part, in the order they contribute. Add a new component kind here.</summary>
public static class SolutionParts
{
    public static IReadOnlyList<ISolutionPart> All { get; } =
    [
        new EntitiesPart(),
        new PluginsPart(),
        new WebResourcesPart(),
        new RolesPart(),
        new FieldSecurityProfilesPart(),
        new ServiceEndpointsPart(),
        new AppModulesPart(),
        new EnvironmentVariablesPart(),
        new CustomApisPart(),
    ];
}
