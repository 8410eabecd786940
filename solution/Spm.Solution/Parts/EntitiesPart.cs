using System.Xml.Linq;
using Spm.Solution.Layout;

namespace Spm.Solution.Parts;

/// <summary>
/// The tables, as SolutionPackager unpacks them: Entities/&lt;Name&gt;/Entity.xml (the table, its columns and keys, and the
/// &lt;FormXml /&gt; and &lt;SavedQueries /&gt; placeholders SolutionPackager packs the sub-folders into), its forms
/// in Entities/&lt;Name&gt;/FormXml/&lt;type&gt;/{formid}.xml and its views in Entities/&lt;Name&gt;/SavedQueries/{savedqueryid}.xml;
/// global choices in OptionSets/&lt;name&gt;.xml; relationships in Other/Relationships/&lt;referenced table&gt;.xml, all of them
/// named in Other/Relationships.xml. A table named with the publisher prefix (spm_) is new and ships whole (behavior 0);
/// a system table (systemuser, opportunity) carries only the columns the solution adds to it (behavior 2).
/// </summary>
public sealed class EntitiesPart : ISolutionPart
{
    /// <summary>Tables and choices whose name starts with this are the solution's own.</summary>
    public const string PublisherPrefix = "spm_";

    /// <summary>Solution component types: entity and option set (choice).</summary>
    public const int EntityComponent = 1;

    public const int OptionSetComponent = 9;

    public string Name => "Tables, choices and relationships";

    public void Contribute(SolutionBuild build)
    {
        var lookups = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        var entities = build.Section("Entities");
        var globalChoices = AddOptionSets(build);
        foreach (var file in build.SourceFiles("Entities", "Entity.xml"))
        {
            if (build.Load(file)?.Root is { } entity && AddEntity(build, file, entity, globalChoices) is { } packed)
            {
                entities.Add(packed.Entity);
                lookups[packed.LogicalName] = packed.Lookups;
            }
        }

        AddRelationships(build, lookups);
    }

    private static HashSet<string> AddOptionSets(SolutionBuild build)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in build.SourceFiles("OptionSets", "*.xml"))
        {
            if (build.Load(file)?.Root is not { } optionSet)
            {
                continue;
            }

            var name = (string?)optionSet.Attribute("Name");
            if (optionSet.Name.LocalName != "optionset" || string.IsNullOrEmpty(name))
            {
                build.Problem(file, "the root must be <optionset Name=\"...\">.");
                continue;
            }

            if (!string.Equals(Path.GetFileNameWithoutExtension(file), name, StringComparison.Ordinal))
            {
                build.Problem(file, $"the file of choice '{name}' must be named {name}.xml.");
            }

            if (!names.Add(name))
            {
                build.Problem(file, $"choice '{name}' is defined twice.");
                continue;
            }

            build.Section("optionsets").Add(Copy(optionSet));
            build.AddRootComponent(OptionSetComponent, schemaName: name);
        }

        return names;
    }

    private static PackedEntity? AddEntity(SolutionBuild build, string file, XElement source, HashSet<string> globalChoices)
    {
        var schemaName = source.Element("Name")?.Value;
        var info = source.Element("EntityInfo")?.Element("entity");
        if (source.Name.LocalName != "Entity" || string.IsNullOrEmpty(schemaName) || info == null)
        {
            build.Problem(file, "the root must be <Entity> with <Name> and <EntityInfo><entity>.");
            return null;
        }

        var folder = Path.GetDirectoryName(file)!;
        if (!string.Equals(Path.GetFileName(folder), schemaName, StringComparison.Ordinal))
        {
            build.Problem(file, $"table '{schemaName}' must be in folder Entities/{schemaName}/.");
        }

        if (!string.Equals((string?)info.Attribute("Name"), schemaName, StringComparison.Ordinal))
        {
            build.Problem(file, $"<EntityInfo><entity Name=\"{(string?)info.Attribute("Name")}\"> does not match <Name>{schemaName}</Name>.");
        }

        var logicalName = schemaName.ToLowerInvariant();
        var lookups = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in info.Element("attributes")?.Elements("attribute") ?? [])
        {
            var name = attribute.Element("LogicalName")?.Value ?? (string?)attribute.Attribute("PhysicalName") ?? string.Empty;
            if (!seen.Add(name))
            {
                build.Problem(file, $"column {logicalName}.{name} is defined twice.");
            }

            var type = attribute.Element("Type")?.Value;
            if (type is "lookup" or "customer" or "owner")
            {
                lookups.Add(name);
            }

            var optionSetName = attribute.Element("OptionSetName")?.Value;
            if (type == "picklist" && attribute.Element("optionset") == null && (optionSetName == null || !globalChoices.Contains(optionSetName)))
            {
                build.Problem(file, $"choice column {logicalName}.{name} names option set '{optionSetName}', which is neither inside it nor in OptionSets/.");
            }
        }

        var entity = Copy(source);

        // Placeholders nothing fills are left out: an empty <SavedQueries /> is invalid in customizations.xml.
        entity.Elements().Where(e => SolutionPackagerLayout.EntityPlaceholders.Contains(e.Name.LocalName) && !e.HasElements).Remove();
        var forms = Forms(build, folder, logicalName);
        if (forms.Count > 0)
        {
            entity.Element("FormXml")?.Remove();
            entity.Element("EntityInfo")!.AddAfterSelf(new XElement("FormXml", forms));
        }

        if (Views(build, folder, logicalName) is { } views)
        {
            entity.Element("SavedQueries")?.Remove();
            (entity.Element("FormXml") ?? entity.Element("EntityInfo"))!.AddAfterSelf(new XElement("SavedQueries", views));
        }

        var isNew = logicalName.StartsWith(PublisherPrefix, StringComparison.Ordinal);
        build.AddRootComponent(EntityComponent, schemaName: logicalName, behavior: isNew ? 0 : 2);
        return new PackedEntity(logicalName, entity, lookups);
    }

    /// <summary>FormXml/&lt;type&gt;/{formid}.xml, each a &lt;forms type=".."&gt; holding one systemform: one &lt;forms&gt; per type.</summary>
    private static List<XElement> Forms(SolutionBuild build, string folder, string table)
    {
        var byType = new SortedDictionary<string, XElement>(StringComparer.Ordinal);
        var ids = new HashSet<Guid>();
        foreach (var file in Files(Path.Combine(folder, "FormXml")))
        {
            if (build.Load(file)?.Root is not { } forms)
            {
                continue;
            }

            var type = Path.GetFileName(Path.GetDirectoryName(file)!);
            if (forms.Name.LocalName != "forms" || !string.Equals((string?)forms.Attribute("type"), type, StringComparison.Ordinal))
            {
                build.Problem(file, $"the root must be <forms type=\"{type}\"> (the folder names the form type).");
                continue;
            }

            foreach (var form in forms.Elements("systemform"))
            {
                if (!IsNewComponent(build, file, table, "form", form.Element("formid")?.Value, ids))
                {
                    continue;
                }

                if (!byType.TryGetValue(type, out var packed))
                {
                    byType[type] = packed = new XElement("forms", new XAttribute("type", type));
                }

                packed.Add(Copy(form));
            }
        }

        return [.. byType.Values];
    }

    /// <summary>SavedQueries/{savedqueryid}.xml, each a &lt;savedqueries&gt; holding one savedquery: one &lt;savedqueries&gt; in all.</summary>
    private static XElement? Views(SolutionBuild build, string folder, string table)
    {
        XElement? packed = null;
        var ids = new HashSet<Guid>();
        foreach (var file in Files(Path.Combine(folder, "SavedQueries")))
        {
            if (build.Load(file)?.Root is not { } queries)
            {
                continue;
            }

            if (queries.Name.LocalName != "savedqueries")
            {
                build.Problem(file, "the root must be <savedqueries>.");
                continue;
            }

            foreach (var query in queries.Elements("savedquery"))
            {
                var id = query.Element("savedqueryid")?.Value;
                if (!IsNewComponent(build, file, table, "view", id, ids))
                {
                    continue;
                }

                var fetched = query.Element("fetchxml")?.Element("fetch")?.Element("entity")?.Attribute("name")?.Value;
                if (fetched != null && !string.Equals(fetched, table, StringComparison.OrdinalIgnoreCase))
                {
                    build.Problem(file, $"view {id} is in the folder of {table} but its fetch queries '{fetched}'.");
                }

                packed ??= new XElement("savedqueries");
                packed.Add(Copy(query));
            }
        }

        return packed;
    }

    private static void AddRelationships(SolutionBuild build, Dictionary<string, HashSet<string>> lookups)
    {
        var listPath = Path.Combine(build.SourceFolder, "Other", "Relationships.xml");
        var listed = new HashSet<string>(StringComparer.Ordinal);
        if (File.Exists(listPath) && build.Load(listPath)?.Root is { } list)
        {
            foreach (var name in list.Elements("EntityRelationship").Select(e => (string?)e.Attribute("Name") ?? string.Empty))
            {
                listed.Add(name);
            }
        }

        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in build.SourceFiles(Path.Combine("Other", "Relationships"), "*.xml"))
        {
            if (build.Load(file)?.Root is not { } relationships)
            {
                continue;
            }

            foreach (var relationship in relationships.Elements("EntityRelationship"))
            {
                var name = (string?)relationship.Attribute("Name") ?? string.Empty;
                if (!defined.Add(name))
                {
                    build.Problem(file, $"relationship '{name}' is defined twice.");
                    continue;
                }

                if (!listed.Contains(name))
                {
                    build.Problem(file, $"relationship '{name}' is not listed in Other/Relationships.xml.");
                }

                var referenced = relationship.Element("ReferencedEntityName")?.Value ?? string.Empty;
                if (relationship.Element("EntityRelationshipType")?.Value == "OneToMany"
                    && !string.Equals(Path.GetFileNameWithoutExtension(file), referenced, StringComparison.Ordinal))
                {
                    build.Problem(file, $"relationship '{name}' belongs in Other/Relationships/{referenced}.xml (the file of the referenced table).");
                }

                var referencing = relationship.Element("ReferencingEntityName")?.Value ?? string.Empty;
                var attribute = relationship.Element("ReferencingAttributeName")?.Value ?? string.Empty;
                if (!lookups.TryGetValue(referencing, out var columns))
                {
                    build.Problem(file, $"relationship '{name}': referencing table '{referencing}' is not in Entities/.");
                }
                else if (!columns.Contains(attribute))
                {
                    build.Problem(file, $"relationship '{name}': {referencing}.{attribute} is not a lookup column of the table.");
                }

                build.Section("EntityRelationships").Add(Copy(relationship));
            }
        }

        foreach (var missing in listed.Except(defined).Order(StringComparer.Ordinal))
        {
            build.Problem(listPath, $"lists relationship '{missing}', which no file in Other/Relationships/ defines.");
        }
    }

    /// <summary>A form or view id: a GUID, not seen before in the table, and the name of its file ({id}.xml, as SolutionPackager writes it).</summary>
    private static bool IsNewComponent(SolutionBuild build, string file, string table, string what, string? id, HashSet<Guid> seen)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            build.Problem(file, $"the id '{id}' of a {table} {what} is not a GUID.");
            return false;
        }

        if (!seen.Add(guid))
        {
            build.Problem(file, $"{what} {guid:B} of {table} is defined twice.");
            return false;
        }

        if (!string.Equals(Path.GetFileNameWithoutExtension(file), guid.ToString("B"), StringComparison.OrdinalIgnoreCase))
        {
            build.Problem(file, $"{what} {guid:B} of {table} must be in a file named {guid:B}.xml.");
        }

        return true;
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [];

    /// <summary>A copy without the namespace declarations of its source file (the packed root declares xsi once).</summary>
    private static XElement Copy(XElement element)
    {
        var copy = new XElement(element);
        foreach (var e in copy.DescendantsAndSelf())
        {
            e.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
        }

        return copy;
    }

    private sealed record PackedEntity(string LogicalName, XElement Entity, HashSet<string> Lookups);
}
