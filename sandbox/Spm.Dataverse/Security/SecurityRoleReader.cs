using System;
using System.Collections.Generic;
using System.IO;
using System.Xml.Linq;

namespace Spm.Dataverse.Security
{
    /// <summary>Reads a role file of the unpacked solution (solution/Roles/*.xml): Role/@id, @name and RolePrivileges.</summary>
    public static class SecurityRoleReader
    {
        public static SecurityRole Read(Stream xml, string source)
        {
            XDocument document = XDocument.Load(xml ?? throw new ArgumentNullException(nameof(xml)));
            XElement role = document.Root is { Name.LocalName: "Role" } root
                ? root
                : throw new FormatException($"{source}: a role file's root element is <Role>.");
            string name = (string?)role.Attribute("name") is { Length: > 0 } given ? given : throw new FormatException($"{source}: <Role> has no name.");
            if (!Guid.TryParse((string?)role.Attribute("id"), out Guid id))
            {
                throw new FormatException($"{source}: role '{name}' has no id (Role/@id).");
            }

            var privileges = new List<KeyValuePair<string, PrivilegeDepth>>();
            foreach (XElement privilege in role.Element("RolePrivileges")?.Elements("RolePrivilege") ?? Array.Empty<XElement>())
            {
                string privilegeName = (string?)privilege.Attribute("name") is { Length: > 0 } n
                    ? n
                    : throw new FormatException($"{source}: a RolePrivilege of role '{name}' has no name.");
                string level = (string?)privilege.Attribute("level") ?? string.Empty;
                if (!Enum.TryParse(level, ignoreCase: false, out PrivilegeDepth depth) || depth == PrivilegeDepth.None)
                {
                    throw new FormatException($"{source}: {privilegeName} of role '{name}' has level '{level}'; the levels are Basic, Local, Deep and Global.");
                }

                privileges.Add(new KeyValuePair<string, PrivilegeDepth>(privilegeName, depth));
            }

            return new SecurityRole(id, name, privileges);
        }

        /// <summary>Every role file of a folder (solution/Roles), in file-name order.</summary>
        public static IReadOnlyList<SecurityRole> ReadFolder(string folder)
        {
            string[] files = Directory.GetFiles(folder, "*.xml");
            Array.Sort(files, StringComparer.Ordinal);
            var roles = new List<SecurityRole>();
            foreach (string file in files)
            {
                using FileStream stream = File.OpenRead(file);
                roles.Add(Read(stream, file));
            }

            return roles;
        }
    }
}
