using Spm.Solution.Parts;

namespace Spm.Solution;

/// <summary>Every part, in the order they contribute (service endpoints before the steps that post to them). Add a new component kind here.</summary>
public static class SolutionParts
{
    public static IReadOnlyList<ISolutionPart> All { get; } =
    [
        new EntitiesPart(),
        new ServiceEndpointsPart(),
        new PluginsPart(),
        new WebResourcesPart(),
        new RolesPart(),
        new FieldSecurityProfilesPart(),
        new AppModulesPart(),
        new EnvironmentVariablesPart(),
        new CustomApisPart(),
    ];
}
