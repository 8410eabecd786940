namespace Spm.Solution.Parts;

/// <summary>
/// Field security profiles live in Other/Customizations.xml (&lt;FieldSecurityProfiles&gt;), as SolutionPackager keeps them;
/// this part declares them as root components and checks each names its columns.
/// </summary>
public sealed class FieldSecurityProfilesPart : ISolutionPart
{
    public string Name => "Field security profiles";

    public void Contribute(SolutionBuild build)
    {
        var file = Path.Combine(build.SourceFolder, "Other", "Customizations.xml");
        foreach (var profile in build.Customizations.Root!.Element("FieldSecurityProfiles")?.Elements("FieldSecurityProfile") ?? [])
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

            build.AddRootComponent(70, id);
        }
    }
}
