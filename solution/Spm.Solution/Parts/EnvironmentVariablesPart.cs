namespace Spm.Solution.Parts;

/// <summary>
/// environmentvariabledefinitions/{schemaname}/environmentvariabledefinition.xml: zip entries of their own in current
/// exports (not in customizations.xml), copied at the same path; root component type 380 by schema name.
/// </summary>
public sealed class EnvironmentVariablesPart : ISolutionPart
{
    /// <summary>The environmentvariabledefinition type choice: String, Number, Boolean, JSON, Data source, Secret.</summary>
    public static readonly IReadOnlyList<string> Types = ["100000000", "100000001", "100000002", "100000003", "100000004", "100000005"];

    public string Name => "Environment variables";

    public void Contribute(SolutionBuild build)
    {
        foreach (var file in build.SourceFiles("environmentvariabledefinitions", "environmentvariabledefinition.xml"))
        {
            if (build.Load(file)?.Root is not { } definition)
            {
                continue;
            }

            var schemaName = (string?)definition.Attribute("schemaname");
            var folder = Path.GetFileName(Path.GetDirectoryName(file));
            if (string.IsNullOrWhiteSpace(schemaName) || !string.Equals(schemaName, folder, StringComparison.Ordinal))
            {
                build.Problem(file, $"schemaname '{schemaName}' must be set and match its folder '{folder}'.");
                continue;
            }

            if (!Types.Contains(definition.Element("type")?.Value ?? string.Empty))
            {
                build.Problem(file, $"<type> '{definition.Element("type")?.Value}' is not an environment variable type.");
            }

            build.Files[build.Relative(file)] = File.ReadAllBytes(file);
            build.AddRootComponent(380, schemaName: schemaName);
        }
    }
}
