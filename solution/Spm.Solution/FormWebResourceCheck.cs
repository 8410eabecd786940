using System.Xml.Linq;

namespace Spm.Solution;

/// <summary>
/// Every web resource a form loads (a form library, or a web resource control's Url) must be in the solution or be a
/// platform one: a form naming a missing library fails to open in the CRM.
/// </summary>
internal static class FormWebResourceCheck
{
    public static void Check(SolutionBuild build)
    {
        var root = build.Customizations.Root!;
        var packed = root.Element("WebResources")?.Elements("WebResource").Select(w => w.Element("Name")?.Value).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase)
            ?? new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var form in root.Element("Entities")?.Descendants("systemform") ?? [])
        {
            var entity = form.Ancestors("Entity").FirstOrDefault()?.Element("Name")?.Value ?? "?";
            var formName = form.Element("LocalizedNames")?.Elements("LocalizedName").FirstOrDefault()?.Attribute("description")?.Value ?? form.Element("formid")?.Value ?? "?";
            var names = form.Descendants("Library").Select(l => (string?)l.Attribute("name"))
                .Concat(form.Descendants("control").Where(c => string.Equals((string?)c.Attribute("classid"), "{9FDF5F91-88B1-47f4-AD53-C11EFC01A01D}", StringComparison.OrdinalIgnoreCase))
                    .Select(c => c.Element("parameters")?.Element("Url")?.Value))
                .OfType<string>();
            foreach (var name in names.Where(n => n.StartsWith("spm_", StringComparison.OrdinalIgnoreCase) && !packed.Contains(n)))
            {
                build.Problem(Path.Combine(build.SourceFolder, "Entities", entity), $"form '{formName}' loads web resource '{name}', which is not in WebResources/.");
            }
        }
    }
}
