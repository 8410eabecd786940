using System;
using System.Collections.Generic;
using System.IO;
using System.Xml.Linq;

namespace Spm.Dataverse.Security
{
    /// <summary>Reads Other/FieldSecurityProfiles.xml: each profile with its FieldPermissions (CanRead / CanCreate / CanUpdate: 4 allowed, 0 not).</summary>
    public static class FieldSecurityProfileReader
    {
        public static IReadOnlyList<FieldSecurityProfile> Read(Stream xml, string source)
        {
            XDocument document = XDocument.Load(xml ?? throw new ArgumentNullException(nameof(xml)));
            var profiles = new List<FieldSecurityProfile>();
            foreach (XElement profile in document.Root?.Elements("FieldSecurityProfile") ?? Array.Empty<XElement>())
            {
                string name = (string?)profile.Attribute("name") is { Length: > 0 } given ? given : throw new FormatException($"{source}: a FieldSecurityProfile has no name.");
                if (!Guid.TryParse((string?)profile.Attribute("fieldsecurityprofileid"), out Guid id))
                {
                    throw new FormatException($"{source}: field security profile '{name}' has no fieldsecurityprofileid.");
                }

                var permissions = new List<FieldPermission>();
                foreach (XElement permission in profile.Element("FieldPermissions")?.Elements("FieldPermission") ?? Array.Empty<XElement>())
                {
                    string table = Text(permission, "EntityName", name, source);
                    string column = Text(permission, "AttributeName", name, source);
                    permissions.Add(new FieldPermission(
                        table,
                        column,
                        Allowed(permission, "CanRead", name, source),
                        Allowed(permission, "CanCreate", name, source),
                        Allowed(permission, "CanUpdate", name, source)));
                }

                profiles.Add(new FieldSecurityProfile(id, name, permissions));
            }

            return profiles;
        }

        private static string Text(XElement permission, string element, string profile, string source) =>
            ((string?)permission.Element(element))?.Trim() is { Length: > 0 } text
                ? text.ToLowerInvariant()
                : throw new FormatException($"{source}: a FieldPermission of profile '{profile}' has no {element}.");

        private static bool Allowed(XElement permission, string element, string profile, string source) =>
            ((string?)permission.Element(element))?.Trim() switch
            {
                "4" => true,
                "0" => false,
                string other => throw new FormatException(
                    $"{source}: {element} of {(string?)permission.Element("EntityName")}.{(string?)permission.Element("AttributeName")} in profile '{profile}' is '{other}'; it is 4 (allowed) or 0 (not allowed)."),
                null => throw new FormatException(
                    $"{source}: {(string?)permission.Element("EntityName")}.{(string?)permission.Element("AttributeName")} in profile '{profile}' has no {element}."),
            };
    }
}
