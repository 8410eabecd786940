namespace Spm.Solution.Parts;

/// <summary>
/// customapis/{uniquename}/customapi.xml with customapirequestparameters/ and customapiresponseproperties/: zip entries
/// at the same paths. No root component is declared: the customapi component type number is not one we could confirm
/// as fixed across environments, and SolutionPackager packs the folder as it is.
/// </summary>
public sealed class CustomApisPart : ISolutionPart
{
    public string Name => "Custom APIs";

    public void Contribute(SolutionBuild build)
    {
        foreach (var file in build.SourceFiles("customapis", "*.xml"))
        {
            if (build.Load(file)?.Root is not { } root)
            {
                continue;
            }

            var uniqueName = (string?)root.Attribute("uniquename");
            var folder = Path.GetFileName(Path.GetDirectoryName(file));
            if (!string.Equals(uniqueName, folder, StringComparison.Ordinal))
            {
                build.Problem(file, $"uniquename '{uniqueName}' must match its folder '{folder}'.");
            }

            build.Files[build.Relative(file)] = File.ReadAllBytes(file);
        }
    }
}
