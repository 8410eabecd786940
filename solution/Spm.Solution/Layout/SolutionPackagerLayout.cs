using System.Xml.Linq;

namespace Spm.Solution.Layout;

/// <summary>
/// Where SolutionPackager (inside pac solution pack) reads each kind of component of an unpacked solution, as Microsoft's
/// "Solution component file reference (SolutionPackager)" and real unpacked exports show it. It packs a folder only into a
/// placeholder that Other/Customizations.xml (or an Entity.xml) announces, and drops the folder silently otherwise.
/// </summary>
public static class SolutionPackagerLayout
{
    /// <summary>The placeholders of Other/Customizations.xml, in CustomizationsSolution.xsd's order, with what fills them.</summary>
    public static IReadOnlyList<PackagerPlaceholder> Placeholders { get; } =
    [
        new("Entities", "Entities", "Entity.xml"),
        new("Roles", "Roles", "*.xml"),
        new("Workflows", "Workflows", "*.data.xml"),
        new("FieldSecurityProfiles", "Other/FieldSecurityProfiles.xml"),
        new("EntityMaps", "Other/EntityMaps.xml"),
        new("EntityRelationships", "Other/Relationships", "*.xml"),
        new("optionsets", "OptionSets", "*.xml"),
        new("Dashboards", "Dashboards", "*.xml"),
        new("WebResources", "WebResources", "*.data.xml"),
        new("SolutionPluginAssemblies", "PluginAssemblies", "*.dll.data.xml"),
        new("SdkMessageProcessingSteps", "SdkMessageProcessingSteps", "*.xml"),
        new("ServiceEndpoints", "PluginAssemblies/ServiceEndpoints.xml"),
        new("AppModuleSiteMaps", "AppModuleSiteMaps", "AppModuleSiteMap.xml"),
        new("AppModules", "AppModules", "AppModule.xml"),
    ];

    public static PackagerPlaceholder Placeholder(string element) => Placeholders.Single(p => string.Equals(p.Element, element, StringComparison.Ordinal));

    /// <summary>The placeholders of Entities/&lt;name&gt;/Entity.xml, in export order after &lt;EntityInfo&gt;; each is filled from the sub-folder of its name.</summary>
    public static IReadOnlyList<string> EntityPlaceholders { get; } = ["FormXml", "SavedQueries", "Visualizations"];

    /// <summary>Sections every export's customizations.xml carries, empty or not; the others appear only when they hold components.</summary>
    public static IReadOnlySet<string> AlwaysExported { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Entities", "Roles", "Workflows", "FieldSecurityProfiles", "Templates", "EntityMaps", "EntityRelationships",
        "OrganizationSettings", "optionsets", "CustomControls", "EntityDataProviders", "Languages",
    };

    /// <summary>Leaves out of a packed customizations.xml the placeholders nothing filled, as exports do (an empty &lt;AppModules /&gt; is even invalid).</summary>
    public static void RemoveEmptySections(XElement customizations) =>
        customizations.Elements().Where(e => !AlwaysExported.Contains(e.Name.LocalName) && !e.HasElements && string.IsNullOrWhiteSpace(e.Value)).Remove();
}
