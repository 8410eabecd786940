using System.Globalization;
using System.Xml.Linq;

namespace Spm.Solution.Tests;

/// <summary>The tables of a packed customizations.xml as the consistency tests compare them: columns, lookups' targets, forms, views.</summary>
internal sealed class PackedSchema
{
    private PackedSchema(XDocument customizations)
    {
        var root = customizations.Root!;
        GlobalChoices = (root.Element("optionsets")?.Elements("optionset") ?? [])
            .ToDictionary(o => (string)o.Attribute("Name")!, OptionValues, StringComparer.Ordinal);
        foreach (var relationship in root.Element("EntityRelationships")?.Elements("EntityRelationship") ?? [])
        {
            var key = $"{relationship.Element("ReferencingEntityName")?.Value.ToLowerInvariant()}.{relationship.Element("ReferencingAttributeName")?.Value}";
            if (!LookupTargets.TryGetValue(key, out var targets))
            {
                LookupTargets[key] = targets = new SortedSet<string>(StringComparer.Ordinal);
            }

            targets.Add(relationship.Element("ReferencedEntityName")!.Value.ToLowerInvariant());
            Relationships[(string)relationship.Attribute("Name")!] =
                (relationship.Element("ReferencedEntityName")!.Value.ToLowerInvariant(), relationship.Element("ReferencingEntityName")!.Value.ToLowerInvariant());
            LookupAndDelete[(string)relationship.Attribute("Name")!] =
                (relationship.Element("ReferencingAttributeName")?.Value, relationship.Element("CascadeDelete")?.Value);
        }

        foreach (var entity in root.Element("Entities")?.Elements("Entity") ?? [])
        {
            var table = new PackedTable(entity);
            Tables[table.LogicalName] = table;
        }
    }

    public static PackedSchema Unmanaged { get; } = new(Repo.Unmanaged.Customizations);

    public Dictionary<string, PackedTable> Tables { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int[]> GlobalChoices { get; }

    /// <summary>"table.column" of each lookup with a one-to-many relationship → the referenced tables.</summary>
    public Dictionary<string, SortedSet<string>> LookupTargets { get; } = new(StringComparer.Ordinal);

    /// <summary>Relationship name → (referenced table, referencing table).</summary>
    public Dictionary<string, (string Referenced, string Referencing)> Relationships { get; } = new(StringComparer.Ordinal);

    /// <summary>Relationship name → its lookup column and CascadeDelete (Cascade, RemoveLink, Restrict); null where the element is missing.</summary>
    public Dictionary<string, (string? Lookup, string? CascadeDelete)> LookupAndDelete { get; } = new(StringComparer.Ordinal);

    public PackedColumn? Column(string table, string column) =>
        Tables.TryGetValue(table, out var t) && t.Columns.TryGetValue(column, out var c) ? c : null;

    /// <summary>The option values of a choice column: its own option set, or the global one it names.</summary>
    public int[] Options(PackedColumn column) =>
        column.Element.Element("optionset") is { } local ? OptionValues(local)
        : column.OptionSetName != null && GlobalChoices.TryGetValue(column.OptionSetName, out var values) ? values : [];

    private static int[] OptionValues(XElement optionSet) =>
        optionSet.Descendants().Where(e => e.Name.LocalName is "option" or "state" or "status")
            .Select(e => int.Parse((string)e.Attribute("value")!, CultureInfo.InvariantCulture)).Order().ToArray();
}

internal sealed class PackedTable
{
    public PackedTable(XElement entity)
    {
        Element = entity;
        LogicalName = entity.Element("Name")!.Value.ToLowerInvariant();
        var info = entity.Element("EntityInfo")!.Element("entity")!;
        Columns = info.Element("attributes")!.Elements("attribute").Select(a => new PackedColumn(a)).ToDictionary(c => c.LogicalName, StringComparer.Ordinal);
        Keys = (info.Element("EntityKeys")?.Elements("EntityKey") ?? [])
            .ToDictionary(k => k.Element("LogicalName")?.Value ?? k.Element("Name")!.Value, k => k.Element("EntityKeyAttributes")!.Elements("AttributeName").Select(a => a.Value).ToArray(), StringComparer.Ordinal);
        OwnershipTypeMask = info.Element("OwnershipTypeMask")?.Value;
        EntitySetName = info.Element("EntitySetName")?.Value;
    }

    public string? EntitySetName { get; }

    public XElement Element { get; }

    public string LogicalName { get; }

    public Dictionary<string, PackedColumn> Columns { get; }

    public Dictionary<string, string[]> Keys { get; }

    public string? OwnershipTypeMask { get; }

    public IEnumerable<XElement> Forms(string type) =>
        (Element.Element("FormXml")?.Elements("forms") ?? []).Where(f => (string?)f.Attribute("type") == type).Elements("systemform");

    public IEnumerable<XElement> Views => Element.Element("SavedQueries")?.Elements("savedqueries").Elements("savedquery") ?? [];

    public IEnumerable<XElement> ViewsOfType(int queryType) => Views.Where(v => v.Element("querytype")?.Value == queryType.ToString(CultureInfo.InvariantCulture));
}

internal sealed class PackedColumn(XElement attribute)
{
    public XElement Element { get; } = attribute;

    public string LogicalName => Element.Element("LogicalName")!.Value;

    public string Type => Element.Element("Type")!.Value;

    public string RequiredLevel => Element.Element("RequiredLevel")?.Value ?? "none";

    public string? Format => Element.Element("Format")?.Value;

    public string? Behavior => Element.Element("Behavior")?.Value;

    public string? OptionSetName => Element.Element("OptionSetName")?.Value;

    public int? MaxLength => Element.Element("MaxLength") is { } e ? int.Parse(e.Value, CultureInfo.InvariantCulture) : null;

    public decimal? MinValue => Element.Element("MinValue") is { } e ? decimal.Parse(e.Value, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    public decimal? MaxValue => Element.Element("MaxValue") is { } e ? decimal.Parse(e.Value, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    public bool IsSecured => Element.Element("IsSecured")?.Value == "1";
}
