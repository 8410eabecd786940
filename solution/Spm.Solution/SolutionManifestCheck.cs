using System.Xml.Linq;

namespace Spm.Solution;

/// <summary>
/// Checks solution.xml's SolutionManifest, which CustomizationsSolution.xsd does not describe: the fields Dataverse
/// requires, the publisher prefix, a four-part version, and that RootComponents lists exactly what the parts pack.
/// </summary>
internal static class SolutionManifestCheck
{
    public static void Check(SolutionBuild build, string path, XElement manifest)
    {
        foreach (var required in new[] { "UniqueName", "LocalizedNames", "Version", "Managed", "Publisher", "RootComponents" })
        {
            if (manifest.Element(required) == null)
            {
                build.Problem(path, $"SolutionManifest has no <{required}>.");
            }
        }

        var version = manifest.Element("Version")?.Value ?? string.Empty;
        var parts = version.Split('.');
        if (parts.Length is < 2 or > 4 || parts.Any(p => !int.TryParse(p, out var n) || n < 0))
        {
            build.Problem(path, $"<Version> '{version}' is not a version Dataverse accepts (major.minor.build.revision, numbers only).");
        }

        var prefix = manifest.Element("Publisher")?.Element("CustomizationPrefix")?.Value;
        if (!string.Equals(prefix, "spm", StringComparison.Ordinal))
        {
            build.Problem(path, $"<Publisher>/<CustomizationPrefix> is '{prefix}', expected 'spm' (every table, column and choice is named spm_...).");
        }

        if (build.RootComponents.HasElements)
        {
            var declared = Keys(manifest.Element("RootComponents"));
            var packed = Keys(build.RootComponents);
            foreach (var missing in packed.Except(declared).Order(StringComparer.Ordinal))
            {
                build.Problem(path, $"RootComponents does not list {missing}, which the solution packs; add it.");
            }

            foreach (var extra in declared.Except(packed).Order(StringComparer.Ordinal))
            {
                build.Problem(path, $"RootComponents lists {extra}, which is not in the solution folder; remove it or add the component.");
            }
        }
    }

    private static HashSet<string> Keys(XElement? components) =>
        (components?.Elements("RootComponent") ?? []).Select(Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string Key(XElement component)
    {
        var id = (string?)component.Attribute("id");
        var name = (string?)component.Attribute("schemaName");
        var what = id != null ? Guid.TryParse(id, out var guid) ? guid.ToString("B") : id : name ?? "?";
        return $"type {(string?)component.Attribute("type")} {what}";
    }
}
