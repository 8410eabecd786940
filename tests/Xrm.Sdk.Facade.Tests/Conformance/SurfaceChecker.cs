using System.Reflection;

namespace Xrm.Sdk.Facade.Tests.Conformance;

/// <summary>
/// Checks reflected types against the official surface: every type and every public/protected member must exist
/// officially with the same documentation ID (*.public.txt) and the same api line (*-api.txt: return type,
/// parameter names and modifiers, static/virtual/override, property accessors, enum values). A type's declaration
/// must match too: kind, access, sealed/abstract/static, base class, and only interfaces the official type has.
/// </summary>
internal sealed class SurfaceChecker(SignatureRenderer renderer)
{
    /// <summary>How many members the last call to <see cref="Check"/> looked at.</summary>
    public int MembersChecked { get; private set; }

    /// <summary>One line per offending type or member; empty when everything conforms.</summary>
    public IReadOnlyList<string> Check(IEnumerable<Type> types)
    {
        var problems = new List<string>();
        MembersChecked = 0;
        foreach (Type type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            CheckType(type, problems);
        }

        return problems;
    }

    private void CheckType(Type type, List<string> problems)
    {
        string officialName = renderer.TypeName(type);
        OfficialSurface surface = OfficialSurface.For(officialName);
        string typeId = renderer.DocumentationId(type);
        if (!surface.DocumentationIds.Contains(typeId) || !surface.Types.TryGetValue(officialName, out ApiType? official))
        {
            problems.Add($"{typeId}: no such public type in {surface.Name}");
            return;
        }

        CheckDeclaration(type, official, typeId, problems);

        foreach (MemberInfo member in SignatureRenderer.VisibleMembers(type))
        {
            MembersChecked++;
            string id = renderer.DocumentationId(member);
            string line = renderer.ApiLine(member);
            if (!surface.DocumentationIds.Contains(id))
            {
                problems.Add($"{id}: documentation ID not in the official surface (facade: `{line}`){Candidates(official, member)}");
            }
            else if (!official.Members.Contains(line))
            {
                problems.Add($"{id}: signature differs from {surface.Name}: facade `{line}`{Candidates(official, member)}");
            }
        }
    }

    private void CheckDeclaration(Type type, ApiType official, string typeId, List<string> problems)
    {
        string access = SignatureRenderer.TypeAccess(type);
        string modifiers = SignatureRenderer.TypeModifiers(type).Trim();
        string kind = SignatureRenderer.TypeKind(type);
        string header = renderer.ApiHeader(type);
        if (access != official.Access || modifiers != official.Modifiers || kind != official.Kind)
        {
            string facadeDeclaration = string.Join(" ", new[] { access, modifiers, kind }.Where(w => w.Length > 0));
            string officialDeclaration = string.Join(" ", new[] { official.Access, official.Modifiers, official.Kind }.Where(w => w.Length > 0));
            problems.Add($"{typeId}: declared `{facadeDeclaration}`, official `{officialDeclaration}` (facade `{header}`, official `{official.Header}`)");
        }

        var facadeBases = renderer.ApiBases(type).ToList();
        bool facadeHasBaseClass = type.IsClass && type.BaseType is { } b && b != typeof(object);
        bool officialHasBaseClass = official.Kind == "class" && official.Bases.Count > 0 && !LooksLikeInterface(official.Bases[0]);
        if (facadeHasBaseClass != officialHasBaseClass || (facadeHasBaseClass && facadeBases[0] != official.Bases[0]))
        {
            problems.Add($"{typeId}: base class differs: facade `{header}`, official `{official.Header}`");
        }

        foreach (string @interface in facadeBases.Skip(facadeHasBaseClass ? 1 : 0).Where(i => !official.Bases.Contains(i)))
        {
            problems.Add($"{typeId}: implements {@interface}, which the official type does not declare (official `{official.Header}`)");
        }
    }

    /// <summary>Whether a base named in *-api.txt is an interface: an official interface, or an I-prefixed BCL name.</summary>
    private static bool LooksLikeInterface(string name)
    {
        string definition = name.Split('<')[0];
        int arity = name.Contains('<', StringComparison.Ordinal) ? OfficialSurface.SplitTopLevel(name[(name.IndexOf('<', StringComparison.Ordinal) + 1)..^1], ", ").Count : 0;
        string documentationName = arity == 0 ? definition : $"{definition}`{arity}";
        if (OfficialSurface.For(documentationName).Types.TryGetValue(documentationName, out ApiType? known))
        {
            return known.Kind == "interface";
        }

        string simple = definition[(definition.LastIndexOf('.') + 1)..];
        return simple.Length > 1 && simple[0] == 'I' && char.IsUpper(simple[1]);
    }

    /// <summary>The official lines for a member of the same name, to make a failure easy to fix.</summary>
    private static string Candidates(ApiType official, MemberInfo member)
    {
        string name = member switch
        {
            ConstructorInfo => "ctor ",
            PropertyInfo p when p.GetIndexParameters().Length > 0 => " this[",
            _ => " " + member.Name,
        };
        var lines = official.Members
            .Where(l => name == "ctor " ? l.StartsWith(name, StringComparison.Ordinal) : l.Contains(name + "(", StringComparison.Ordinal) || l.Contains(name + "<", StringComparison.Ordinal) || l.Contains(name + " {", StringComparison.Ordinal) || l.Contains(name + " =", StringComparison.Ordinal) || l.StartsWith(name.Trim() + " =", StringComparison.Ordinal) || (name == " this[" && l.Contains(name, StringComparison.Ordinal)))
            .OrderBy(l => l, StringComparer.Ordinal)
            .ToList();
        return lines.Count == 0 ? "; official has no member of that name" : "; official: " + string.Join(" | ", lines.Select(l => $"`{l}`"));
    }
}
