using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.Dataverse.Security
{
    /// <summary>A role as a principal holds it: directly (the user's business unit) or through a team (the team's).</summary>
    internal readonly record struct RoleGrant(SecurityRole Role, Guid? BusinessUnitId);

    /// <summary>
    /// What a user (or team) may do, as the stored security data says when a request starts: their business unit, the
    /// teams they are in, the roles they hold directly and through those teams, and their field security profiles.
    /// Privileges from a team's role count as the member's own (the role's "Direct User (Basic) access level and Team
    /// privileges" inheritance), with the depth measured from the team's business unit.
    /// </summary>
    internal sealed class SecurityPrincipal
    {
        public SecurityPrincipal(
            Guid id,
            string type,
            Guid? businessUnitId,
            IReadOnlyCollection<Guid> teams,
            IReadOnlyList<RoleGrant> roles,
            IReadOnlyList<FieldSecurityProfile> profiles)
        {
            Id = id;
            Type = type;
            BusinessUnitId = businessUnitId;
            Teams = new HashSet<Guid>(teams);
            Roles = roles;
            Profiles = profiles;
            IsSystemAdministrator = roles.Any(r => r.Role.IsSystemAdministrator);
        }

        public Guid Id { get; }

        /// <summary>systemuser or team.</summary>
        public string Type { get; }

        public Guid? BusinessUnitId { get; }

        /// <summary>The teams a user is a member of (a team principal is its own team).</summary>
        public IReadOnlySet<Guid> Teams { get; }

        public IReadOnlyList<RoleGrant> Roles { get; }

        public IReadOnlyList<FieldSecurityProfile> Profiles { get; }

        public bool IsSystemAdministrator { get; }

        /// <summary>The principals whose ownership and shares count as this one's: itself and its teams.</summary>
        public bool Is(Guid principalId) => principalId == Id || Teams.Contains(principalId);

        public int PrivilegeCount => Roles.SelectMany(r => r.Role.PrivilegeKeys).Distinct(StringComparer.Ordinal).Count();

        /// <summary>The widest depth any role grants the privilege at (None: the privilege check fails).</summary>
        public PrivilegeDepth DepthOf(string privilegeName)
        {
            PrivilegeDepth widest = PrivilegeDepth.None;
            foreach (RoleGrant grant in Roles)
            {
                PrivilegeDepth depth = grant.Role.DepthOf(privilegeName);
                if (depth > widest)
                {
                    widest = depth;
                }
            }

            return widest;
        }

        /// <summary>Each depth the privilege is held at, with the business unit it is measured from.</summary>
        public IEnumerable<(PrivilegeDepth Depth, Guid? BusinessUnitId)> Grants(string privilegeName)
        {
            foreach (RoleGrant grant in Roles)
            {
                PrivilegeDepth depth = grant.Role.DepthOf(privilegeName);
                if (depth != PrivilegeDepth.None)
                {
                    yield return (depth, grant.BusinessUnitId);
                }
            }
        }

        /// <summary>What the principal's profiles together allow on a secured column (System Administrators: everything).</summary>
        public FieldPermission FieldAccess(string table, string column)
        {
            if (IsSystemAdministrator)
            {
                return new FieldPermission(table, column, true, true, true);
            }

            bool read = false, create = false, update = false;
            foreach (FieldSecurityProfile profile in Profiles)
            {
                FieldPermission permission = profile.PermissionOn(table, column);
                read |= permission.CanRead;
                create |= permission.CanCreate;
                update |= permission.CanUpdate;
            }

            return new FieldPermission(table, column, read, create, update);
        }
    }
}
