using System.Xml.Linq;

namespace Spm.Solution.Parts;

/// <summary>
/// Other/FieldSecurityProfiles.xml (&lt;FieldSecurityProfiles&gt;, where SolutionPackager keeps them, announced by
/// &lt;FieldSecurityProfiles /&gt; in Other/Customizations.xml): packs each profile, declares it as a root component and
/// checks each names its columns.
/// </summary>
public sealed class FieldSecurityProfilesPart : ISolutionPart
{
    public const string SourceFile = "Other/FieldSecurityProfiles.xml";

    public string Name => "Field security profiles";

    public void Contribute(SolutionBuild build)
    {
        var file = Path.Combine(build.SourceFolder, SourceFile);
        foreach (var profile in build.SourceList(SourceFile, "FieldSecurityProfiles", "FieldSecurityProfile"))
        {
            if (!Guid.TryParse((string?)profile.Attribute("fieldsecurityprofileid"), out var id))
            {
                build.Problem(file, $"FieldSecurityProfile '{(string?)profile.Attribute("name")}' has no fieldsecurityprofileid GUID.");
                continue;
            }

            foreach (var permission in profile.Element("FieldPermissions")?.Elements("FieldPermission") ?? [])
            {
                if (string.IsNullOrWhiteSpace(permission.Element("EntityName")?.Value) || string.IsNullOrWhiteSpace(permission.Element("AttributeName")?.Value))
                {
                    build.Problem(file, $"a FieldPermission of '{(string?)profile.Attribute("name")}' names no table or column.");
                }
            }

            build.Section("FieldSecurityProfiles").Add(new XElement(profile));
            build.AddRootComponent(70, id);
        }
    }
}
