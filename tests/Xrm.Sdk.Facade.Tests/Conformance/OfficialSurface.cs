using System.Text.RegularExpressions;

namespace Xrm.Sdk.Facade.Tests.Conformance;

/// <summary>One official type as listed in an *-api.txt file.</summary>
/// <param name="Header">The declaration line without attributes, e.g. "public sealed class Microsoft.Xrm.Sdk.Money : ...".</param>
/// <param name="Access">"public" or "protected".</param>
/// <param name="Modifiers">"sealed", "abstract", "static" or "".</param>
/// <param name="Kind">"class", "interface", "enum" or "struct".</param>
/// <param name="Bases">Base class (if any) then interfaces, as written.</param>
/// <param name="Members">Member lines without their leading indent and trailing attributes.</param>
internal sealed record ApiType(
    string Header,
    string Access,
    string Modifiers,
    string Kind,
    IReadOnlyList<string> Bases,
    IReadOnlySet<string> Members);

/// <summary>The official public surface of one assembly: documentation IDs (*.public.txt) and signatures (*-api.txt).</summary>
internal sealed partial class OfficialSurface
{
    private static readonly Lazy<OfficialSurface> XrmSurface = new(() => Load(ReferenceFiles.XrmMembers, ReferenceFiles.XrmApi));
    private static readonly Lazy<OfficialSurface> ProxySurface = new(() => Load(ReferenceFiles.ProxyMembers, ReferenceFiles.ProxyApi));

    private OfficialSurface(string name, IReadOnlySet<string> documentationIds, IReadOnlyDictionary<string, ApiType> types)
    {
        Name = name;
        DocumentationIds = documentationIds;
        Types = types;
    }

    public static OfficialSurface Xrm => XrmSurface.Value;

    public static OfficialSurface Proxy => ProxySurface.Value;

    public string Name { get; }

    public IReadOnlySet<string> DocumentationIds { get; }

    /// <summary>Types keyed by documentation name without prefix, e.g. "Microsoft.Xrm.Sdk.DataCollection`2".</summary>
    public IReadOnlyDictionary<string, ApiType> Types { get; }

    /// <summary>Microsoft.Crm.Sdk.* lives in Microsoft.Crm.Sdk.Proxy; everything else in Microsoft.Xrm.Sdk.</summary>
    public static OfficialSurface For(string officialTypeName) =>
        officialTypeName.StartsWith("Microsoft.Crm.Sdk.", StringComparison.Ordinal) ? Proxy : Xrm;

    private static OfficialSurface Load(string membersFile, string apiFile)
    {
        var ids = File.ReadLines(ReferenceFiles.PathOf(membersFile))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        return new OfficialSurface(apiFile, ids, ParseApi(File.ReadLines(ReferenceFiles.PathOf(apiFile))));
    }

    private static Dictionary<string, ApiType> ParseApi(IEnumerable<string> lines)
    {
        var types = new Dictionary<string, ApiType>(StringComparer.Ordinal);
        string? header = null;
        HashSet<string>? members = null;

        void Flush()
        {
            if (header is not null && members is not null)
            {
                ApiType type = ParseHeader(header, members, out string documentationName);
                types.TryAdd(documentationName, type);
            }

            header = null;
            members = null;
        }

        foreach (string raw in lines)
        {
            if (raw.Length == 0 || raw.StartsWith('#'))
            {
                Flush();
                continue;
            }

            if (raw.StartsWith("  ", StringComparison.Ordinal))
            {
                members?.Add(StripAttributes(raw[2..]));
                continue;
            }

            Flush();
            header = StripAttributes(raw);
            members = new HashSet<string>(StringComparer.Ordinal);
        }

        Flush();
        return types;
    }

    /// <summary>Removes the trailing "  [Attribute]..." part of a line.</summary>
    private static string StripAttributes(string line)
    {
        int index = line.IndexOf("  [", StringComparison.Ordinal);
        return (index < 0 ? line : line[..index]).TrimEnd();
    }

    private static ApiType ParseHeader(string header, IReadOnlySet<string> members, out string documentationName)
    {
        Match match = HeaderPattern().Match(header);
        if (!match.Success)
        {
            throw new FormatException($"Unrecognised type header: {header}");
        }

        string rest = match.Groups["rest"].Value;
        List<string> parts = SplitTopLevel(rest, " : ");
        string displayName = parts[0];
        IReadOnlyList<string> bases = parts.Count > 1 ? SplitTopLevel(parts[1], ", ") : [];
        documentationName = ToDocumentationName(displayName);
        return new ApiType(
            header,
            match.Groups["access"].Value,
            match.Groups["mods"].Value.Trim(),
            match.Groups["kind"].Value,
            bases,
            members);
    }

    /// <summary>"A.B.C&lt;TKey, TValue&gt;" becomes "A.B.C`2".</summary>
    private static string ToDocumentationName(string displayName)
    {
        int open = displayName.IndexOf('<', StringComparison.Ordinal);
        if (open < 0)
        {
            return displayName;
        }

        int arity = SplitTopLevel(displayName[(open + 1)..^1], ", ").Count;
        return $"{displayName[..open]}`{arity}";
    }

    /// <summary>Splits on <paramref name="separator"/> where it is not inside angle brackets.</summary>
    internal static List<string> SplitTopLevel(string text, string separator)
    {
        var parts = new List<string>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '<')
            {
                depth++;
            }
            else if (c == '>')
            {
                depth--;
            }
            else if (depth == 0 && string.CompareOrdinal(text, i, separator, 0, separator.Length) == 0)
            {
                parts.Add(text[start..i]);
                start = i + separator.Length;
                i = start - 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    [GeneratedRegex(@"^(?<access>public|protected)(?<mods>(?: (?:sealed|abstract|static))*) (?<kind>class|interface|enum|struct) (?<rest>.+)$")]
    private static partial Regex HeaderPattern();
}
