using System.Xml.Linq;

namespace Spm.Solution;

/// <summary>
/// The packed solution while the parts contribute to it: customizations.xml, the manifest's root components and the
/// other zip entries. Parts report problems here rather than throwing, so one run lists every problem.
/// </summary>
public sealed class SolutionBuild
{
    /// <summary>The children of ImportExportXml in the order CustomizationsSolution.xsd's sequence requires.</summary>
    public static readonly IReadOnlyList<string> SectionOrder =
    [
        "Entities", "Roles", "Workflows", "FieldSecurityProfiles", "Templates", "RibbonDiffXml", "IsvConfig", "RelationshipRoles",
        "ConnectionRoles", "SiteMap", "EntityMaps", "EntityRelationships", "OrganizationSettings", "optionsets", "Reports",
        "RoutingRules", "ChannelPropertyGroups", "ConvertRules", "MobileOfflineProfiles", "Slas", "ChannelAccessProfiles",
        "ChannelAccessProfileRules", "Dashboards", "InteractionCentricDashboards", "Dialogs", "WebResources", "CustomControls",
        "SolutionPluginAssemblies", "SdkMessageProcessingSteps", "ServiceEndpoints", "AppModuleSiteMaps", "AppModules",
        "EntityDataProviders", "EntityDataSources", "Languages",
    ];

    private readonly List<string> _problems = [];

    public SolutionBuild(string sourceFolder, SolutionOptions options)
    {
        SourceFolder = Path.GetFullPath(sourceFolder);
        Options = options;
        Customizations = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("ImportExportXml"));
    }

    /// <summary>The unpacked solution folder (the one holding Other/Solution.xml).</summary>
    public string SourceFolder { get; }

    public SolutionOptions Options { get; }

    public bool Managed => Options.Managed;

    /// <summary>The packed customizations.xml being built.</summary>
    public XDocument Customizations { get; }

    /// <summary>solution.xml's RootComponents: one RootComponent per component the solution owns (type, id or schemaName).</summary>
    public XElement RootComponents { get; } = new("RootComponents");

    /// <summary>Zip entries other than the three root files, by path inside the zip ("PluginAssemblies/.../x.dll").</summary>
    public SortedDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>What is wrong, each naming the file and the value to fix. A build with problems writes no zip.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Notes that do not stop the build (e.g. why the managed zip is not labelled deployable).</summary>
    public List<string> Warnings { get; } = [];

    public void Problem(string file, string message) => _problems.Add($"{Relative(file)}: {message}");

    /// <summary>A path under the source folder, as shown in messages.</summary>
    public string Relative(string path) => Path.GetRelativePath(SourceFolder, Path.GetFullPath(path, SourceFolder)).Replace('\\', '/');

    /// <summary>The ImportExportXml child named <paramref name="name"/>, created in its schema position if missing.</summary>
    public XElement Section(string name)
    {
        var root = Customizations.Root!;
        var existing = root.Element(name);
        if (existing != null)
        {
            return existing;
        }

        var section = new XElement(name);
        var rank = SectionRank(name);
        var after = root.Elements().LastOrDefault(e => SectionRank(e.Name.LocalName) <= rank);
        if (after == null)
        {
            root.AddFirst(section);
        }
        else
        {
            after.AddAfterSelf(section);
        }

        return section;
    }

    /// <summary>Declares a root component: <paramref name="type"/> is the solution component type (1 entity, 20 role, 61 web resource, 91 plugin assembly, 92 step, 80 app, 62 sitemap, 380 environment variable...).</summary>
    public void AddRootComponent(int type, Guid? id = null, string? schemaName = null, int behavior = 0)
    {
        // Attributes in the order exports write them: type, id, schemaName, behavior.
        var component = new XElement("RootComponent", new XAttribute("type", type));
        if (id.HasValue)
        {
            component.Add(new XAttribute("id", id.Value.ToString("B")));
        }

        if (schemaName != null)
        {
            component.Add(new XAttribute("schemaName", schemaName));
        }

        component.Add(new XAttribute("behavior", behavior));
        RootComponents.Add(component);
    }

    /// <summary>The ServiceEndpoint ids packed so far (from PluginAssemblies/ServiceEndpoints.xml): a step whose EventHandler is one of them needs no plug-in type.</summary>
    public IReadOnlySet<Guid> ServiceEndpointIds =>
        (Customizations.Root!.Element("ServiceEndpoints")?.Elements("ServiceEndpoint") ?? [])
            .Select(e => Guid.TryParse((string?)e.Attribute("ServiceEndpointId"), out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .ToHashSet();

    /// <summary>Files under <paramref name="relativeFolder"/> of the source, in ordinal order (so output never depends on the file system).</summary>
    public IEnumerable<string> SourceFiles(string relativeFolder, string pattern = "*")
    {
        var folder = Path.Combine(SourceFolder, relativeFolder);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];
    }

    /// <summary>The &lt;<paramref name="item"/>&gt; elements of a file of the source whose root is &lt;<paramref name="root"/>&gt; (e.g. Other/FieldSecurityProfiles.xml); none when there is no such file.</summary>
    public IReadOnlyList<XElement> SourceList(string relativeFile, string root, string item)
    {
        var path = Path.Combine(SourceFolder, relativeFile);
        if (!File.Exists(path) || Load(path)?.Root is not { } list)
        {
            return [];
        }

        if (list.Name.LocalName != root)
        {
            Problem(path, $"the root must be <{root}>, holding one <{item}> per component.");
            return [];
        }

        return [.. list.Elements(item)];
    }

    /// <summary>Loads an XML file of the source, or records why it cannot be read and returns null.</summary>
    public XDocument? Load(string path)
    {
        try
        {
            return XDocument.Load(path, LoadOptions.None);
        }
        catch (System.Xml.XmlException error)
        {
            Problem(path, $"not well-formed XML ({error.Message})");
            return null;
        }
    }

    /// <summary>The position of a section in <see cref="SectionOrder"/>; int.MaxValue for one the schema does not list.</summary>
    public static int SectionRank(string name)
    {
        var index = -1;
        for (var i = 0; i < SectionOrder.Count; i++)
        {
            if (string.Equals(SectionOrder[i], name, StringComparison.Ordinal))
            {
                index = i;
            }
        }

        return index < 0 ? int.MaxValue : index;
    }
}
