using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Xrm.Sdk;

namespace Spm.Dataverse.Security
{
    /// <summary>
    /// The definitions of the roles an organization knows: what each grants. A <c>role</c> row is matched to its definition
    /// by id, by the root role it was copied from (parentrootroleid, for a business unit's copy), by its role template
    /// (a localized System Administrator) and last by name.
    /// </summary>
    public sealed class SecurityRoleCatalog
    {
        private readonly DefinitionList<SecurityRole> _roles = new DefinitionList<SecurityRole>(r => r.Id, r => r.Name);

        /// <summary>System Administrator, Salesperson and the roles the solution ships (solution/Roles, embedded in this assembly).</summary>
        public static SecurityRoleCatalog Default()
        {
            var catalog = new SecurityRoleCatalog();
            catalog.Add(PlatformRoles.SystemAdministrator);
            catalog.Add(PlatformRoles.Salesperson);
            Assembly assembly = typeof(SecurityRoleCatalog).Assembly;
            foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("solution/Roles/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
            {
                using Stream stream = assembly.GetManifestResourceStream(resource)!;
                catalog.Add(SecurityRoleReader.Read(stream, resource));
            }

            return catalog;
        }

        public IReadOnlyList<SecurityRole> Roles => _roles.Items;

        internal int Version => _roles.Version;

        /// <summary>Adds a role, or replaces the one with the same id.</summary>
        public SecurityRole Add(SecurityRole role) => _roles.Add(role);

        public SecurityRole? Find(string name) => _roles.Find(name);

        /// <summary>The definition of a stored role row; null for a role this organization has no definition of (it grants nothing).</summary>
        public SecurityRole? Resolve(Entity roleRow)
        {
            ArgumentNullException.ThrowIfNull(roleRow);
            Guid? root = roleRow.GetAttributeValue<EntityReference>("parentrootroleid")?.Id;
            Guid? template = roleRow.GetAttributeValue<EntityReference>("roletemplateid")?.Id;
            string? name = roleRow.GetAttributeValue<string>("name");
            return _roles.FindById(roleRow.Id)
                ?? (root is Guid rootId ? _roles.FindById(rootId) : null)
                ?? (template is Guid templateId ? _roles.Items.FirstOrDefault(r => r.TemplateId == templateId) : null)
                ?? (name is null ? null : Find(name));
        }
    }
}
