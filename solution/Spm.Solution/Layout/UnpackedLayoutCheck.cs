using System.Xml;
using System.Xml.Linq;

namespace Spm.Solution.Layout;

/// <summary>
/// Reads an unpacked solution the way SolutionPackager packs it and reports every component it would lose: a folder whose
/// placeholder Other/Customizations.xml or an Entity.xml does not announce, a placeholder out of the schema's order,
/// components kept inline where SolutionPackager reads them from a file, and a plug-in assembly root component in
/// Other/Solution.xml without the assembly's full name.
/// </summary>
public static class UnpackedLayoutCheck
{
    public const string CustomizationsFile = "Other/Customizations.xml";

    public const string ManifestFile = "Other/Solution.xml";

    /// <summary>Solution component type of a plug-in assembly.</summary>
    public const string PluginAssemblyComponent = "91";

    public static IReadOnlyList<LayoutProblem> Find(string solutionFolder)
    {
        var folder = Path.GetFullPath(solutionFolder);
        var problems = new List<LayoutProblem>();
        CheckCustomizations(folder, problems);
        CheckEntities(folder, problems);
        CheckPluginAssemblyRoots(folder, problems);
        return problems;
    }

    /// <summary>Records each problem on the build, so the packer writes no zip SolutionPackager would pack differently.</summary>
    public static void Check(SolutionBuild build)
    {
        foreach (var problem in Find(build.SourceFolder))
        {
            build.Problem(Path.Combine(build.SourceFolder, problem.File), problem.Message);
        }
    }

    private static void CheckCustomizations(string folder, List<LayoutProblem> problems)
    {
        var path = Path.Combine(folder, CustomizationsFile);
        var root = File.Exists(path) ? Load(path) : new XElement("ImportExportXml");
        if (root == null)
        {
            return;
        }

        foreach (var placeholder in SolutionPackagerLayout.Placeholders)
        {
            var element = root.Element(placeholder.Element);
            var files = placeholder.Files(folder);
            if (element == null && files.Count > 0)
            {
                problems.Add(new(CustomizationsFile, $"<{placeholder.Element} />",
                    $"SolutionPackager packs {placeholder.SourceName} ({files.Count} file(s)) only into <{placeholder.Element}>, which this file does not announce: add <{placeholder.Element} /> {Position(root, placeholder.Element)}."));
            }
            else if (element?.HasElements == true)
            {
                problems.Add(new(CustomizationsFile, $"<{placeholder.Element} />",
                    $"<{placeholder.Element}> holds components inline; SolutionPackager keeps them in {placeholder.SourceName} and packs them from there: move them to {placeholder.SourceName} and leave <{placeholder.Element} />."));
            }
        }

        var known = root.Elements().Select(e => e.Name.LocalName).Where(n => SolutionBuild.SectionRank(n) != int.MaxValue).ToList();
        var expected = string.Join(", ", known.OrderBy(SolutionBuild.SectionRank).Select(n => $"<{n}>"));
        foreach (var (first, second) in known.Zip(known.Skip(1)).Where(p => SolutionBuild.SectionRank(p.First) > SolutionBuild.SectionRank(p.Second)))
        {
            problems.Add(new(CustomizationsFile, $"<{second} />",
                $"<{second}> comes right after <{first}>, but CustomizationsSolution.xsd's sequence puts <{second}> first: order them as the schema does ({expected})."));
        }
    }

    /// <summary>Where a section goes: after the last one the schema puts before it, or first.</summary>
    private static string Position(XElement root, string name)
    {
        var rank = SolutionBuild.SectionRank(name);
        var before = root.Elements().LastOrDefault(e => e.Name.LocalName != name && SolutionBuild.SectionRank(e.Name.LocalName) < rank);
        return before != null ? $"after <{before.Name.LocalName}>" : "as the first element of <ImportExportXml>";
    }

    private static void CheckEntities(string folder, List<LayoutProblem> problems)
    {
        foreach (var file in SolutionPackagerLayout.Placeholder("Entities").Files(folder))
        {
            if (Load(file) is not { } entity)
            {
                continue;
            }

            var relative = Relative(folder, file);
            var previous = "</EntityInfo>";
            foreach (var name in SolutionPackagerLayout.EntityPlaceholders)
            {
                var sub = Path.Combine(Path.GetDirectoryName(file)!, name);
                var count = Directory.Exists(sub) ? Directory.EnumerateFiles(sub, "*.xml", SearchOption.AllDirectories).Count() : 0;
                if (entity.Element(name) != null)
                {
                    previous = $"<{name} />";
                }
                else if (count > 0)
                {
                    problems.Add(new(relative, $"<{name} />",
                        $"SolutionPackager packs {Relative(folder, sub)}/ ({count} file(s)) only into <{name}>, which this Entity.xml does not announce: add <{name} /> after {previous}{(entity.Element("RibbonDiffXml") != null ? ", before <RibbonDiffXml>" : string.Empty)}."));
                }
            }
        }
    }

    private static void CheckPluginAssemblyRoots(string folder, List<LayoutProblem> problems)
    {
        var manifestPath = Path.Combine(folder, ManifestFile);
        var roots = (File.Exists(manifestPath) ? Load(manifestPath) : null)?.Element("SolutionManifest")?.Element("RootComponents")?.Elements("RootComponent")
            .Where(r => (string?)r.Attribute("type") == PluginAssemblyComponent).ToList() ?? [];
        foreach (var file in SolutionPackagerLayout.Placeholder("SolutionPluginAssemblies").Files(folder))
        {
            var assembly = Load(file);
            var fullName = (string?)assembly?.Attribute("FullName");
            if (!Guid.TryParse((string?)assembly?.Attribute("PluginAssemblyId"), out var id) || string.IsNullOrEmpty(fullName))
            {
                continue;
            }

            // A missing root component is the manifest check's to report; this one needs the name beside the id.
            var root = roots.FirstOrDefault(r => Guid.TryParse((string?)r.Attribute("id"), out var rootId) && rootId == id);
            var schemaName = (string?)root?.Attribute("schemaName");
            if (root != null && !string.Equals(schemaName, fullName, StringComparison.Ordinal))
            {
                problems.Add(new(ManifestFile, "schemaName",
                    $"RootComponent type 91 {id:B} {(schemaName == null ? "has no schemaName" : $"has schemaName '{schemaName}'")}, but SolutionPackager names a plug-in assembly by its full name: set schemaName=\"{fullName}\" (the FullName in {Relative(folder, file)})."));
            }
        }
    }

    /// <summary>The root element, or null when the file is not well-formed (the packer reports that itself).</summary>
    private static XElement? Load(string path)
    {
        try
        {
            return XDocument.Load(path).Root;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string Relative(string folder, string path) => Path.GetRelativePath(folder, path).Replace('\\', '/');
}
