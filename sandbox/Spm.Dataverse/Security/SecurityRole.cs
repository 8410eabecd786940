using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.Dataverse.Security
{
    /// <summary>
    /// What a security role grants: each privilege with its depth (a role file's RolePrivileges). The platform's System
    /// Administrator grants every privilege at Global and sees every secured column.
    /// </summary>
    public sealed class SecurityRole
    {
        private readonly Dictionary<string, PrivilegeDepth> _privileges = new Dictionary<string, PrivilegeDepth>(StringComparer.Ordinal);

        public SecurityRole(Guid id, string name, IEnumerable<KeyValuePair<string, PrivilegeDepth>> privileges, Guid? templateId = null, bool isSystemAdministrator = false)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A security role needs a name.", nameof(name));
            }

            Id = id;
            Name = name;
            TemplateId = templateId;
            IsSystemAdministrator = isSystemAdministrator;
            foreach (KeyValuePair<string, PrivilegeDepth> privilege in privileges ?? throw new ArgumentNullException(nameof(privileges)))
            {
                string key = TablePrivilege.Normalize(privilege.Key);
                _privileges[key] = _privileges.TryGetValue(key, out PrivilegeDepth held) && held > privilege.Value ? held : privilege.Value;
            }
        }

        /// <summary>The role's id in the solution (Role/@id), which the imported root role keeps.</summary>
        public Guid Id { get; }

        public string Name { get; }

        /// <summary>The platform role template (roletemplateid) a localized copy of a system role is known by.</summary>
        public Guid? TemplateId { get; }

        /// <summary>The all-powerful role: every privilege at Global, every secured column.</summary>
        public bool IsSystemAdministrator { get; }

        /// <summary>How many privileges the role lists (the roleCount/privilegeCount of a PrivilegeDenied message).</summary>
        public int PrivilegeCount => _privileges.Count;

        /// <summary>The depth the role grants a privilege at; None when it does not list it.</summary>
        public PrivilegeDepth DepthOf(string privilegeName)
        {
            if (IsSystemAdministrator)
            {
                return PrivilegeDepth.Global;
            }

            return _privileges.TryGetValue(TablePrivilege.Normalize(privilegeName), out PrivilegeDepth depth) ? depth : PrivilegeDepth.None;
        }

        public IEnumerable<string> PrivilegeKeys => _privileges.Keys.OrderBy(k => k, StringComparer.Ordinal);

        public override string ToString() => Name;
    }
}
