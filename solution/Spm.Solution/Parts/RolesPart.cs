using System.Xml.Linq;

namespace Spm.Solution.Parts;

/// <summary>Roles/{name}.xml: one security role per file, root &lt;Role id name&gt; (as SolutionPackager unpacks them).</summary>
public sealed class RolesPart : ISolutionPart
{
    public string Name => "Security roles";

    public void Contribute(SolutionBuild build)
    {
        foreach (var file in build.SourceFiles("Roles", "*.xml"))
        {
            if (build.Load(file)?.Root is not { } role)
            {
                continue;
            }

            if (role.Name.LocalName != "Role" || !Guid.TryParse((string?)role.Attribute("id"), out var id))
            {
                build.Problem(file, "the root must be <Role id=\"{guid}\" name=\"...\">.");
                continue;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var privilege in role.Element("RolePrivileges")?.Elements("RolePrivilege") ?? [])
            {
                if (!names.Add((string?)privilege.Attribute("name") ?? string.Empty))
                {
                    build.Problem(file, $"privilege {(string?)privilege.Attribute("name")} is granted twice.");
                }
            }

            var copy = new XElement(role);
            copy.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
            build.Section("Roles").Add(copy);
            build.AddRootComponent(20, id);
        }
    }
}
