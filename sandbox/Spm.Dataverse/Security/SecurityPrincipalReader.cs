using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Query;

namespace Spm.Dataverse.Security
{
    /// <summary>
    /// Reads a principal's security from the stored rows: systemuser.businessunitid, teammembership, systemuserroles and
    /// teamroles (role rows resolved by the role catalog), systemuserprofiles and teamprofiles (fieldsecurityprofile rows
    /// resolved by the profile catalog).
    /// </summary>
    internal sealed class SecurityPrincipalReader
    {
        private readonly IRowSource _rows;
        private readonly SecurityRoleCatalog _roles;
        private readonly FieldSecurityProfileCatalog _profiles;

        public SecurityPrincipalReader(IRowSource rows, SecurityRoleCatalog roles, FieldSecurityProfileCatalog profiles)
        {
            _rows = rows;
            _roles = roles;
            _profiles = profiles;
        }

        /// <summary>A user as they stand now; an unknown user has no business unit, team or role (every check fails).</summary>
        public SecurityPrincipal User(Guid userId)
        {
            Guid? unit = _rows.Find("systemuser", userId)?.GetAttributeValue<EntityReference>("businessunitid")?.Id;
            List<Guid> teams = IdsWhere("teammembership", "systemuserid", userId, "teamid");
            var roles = new List<RoleGrant>();
            roles.AddRange(RolesOf("systemuserroles", "systemuserid", userId, unit));
            foreach (Guid team in teams)
            {
                roles.AddRange(RolesOf("teamroles", "teamid", team, TeamUnit(team)));
            }

            var profiles = new List<FieldSecurityProfile>();
            profiles.AddRange(ProfilesOf("systemuserprofiles", "systemuserid", userId));
            foreach (Guid team in teams)
            {
                profiles.AddRange(ProfilesOf("teamprofiles", "teamid", team));
            }

            return new SecurityPrincipal(userId, "systemuser", unit, teams, roles, profiles.Distinct().ToList());
        }

        /// <summary>A team as an owner: its own roles and profiles, measured from its business unit.</summary>
        public SecurityPrincipal Team(Guid teamId)
        {
            Guid? unit = TeamUnit(teamId);
            return new SecurityPrincipal(teamId, "team", unit, new[] { teamId }, RolesOf("teamroles", "teamid", teamId, unit).ToList(), ProfilesOf("teamprofiles", "teamid", teamId).ToList());
        }

        private Guid? TeamUnit(Guid teamId) => _rows.Find("team", teamId)?.GetAttributeValue<EntityReference>("businessunitid")?.Id;

        private IEnumerable<RoleGrant> RolesOf(string intersect, string principalColumn, Guid principalId, Guid? unit)
        {
            foreach (Guid roleId in IdsWhere(intersect, principalColumn, principalId, "roleid"))
            {
                Entity row = _rows.Find("role", roleId) ?? new Entity("role", roleId);
                if (_roles.Resolve(row) is SecurityRole role)
                {
                    yield return new RoleGrant(role, unit);
                }
            }
        }

        private IEnumerable<FieldSecurityProfile> ProfilesOf(string intersect, string principalColumn, Guid principalId)
        {
            if (!_rows.Metadata.TryGetTable(intersect, out _))
            {
                yield break;
            }

            foreach (Guid profileId in IdsWhere(intersect, principalColumn, principalId, "fieldsecurityprofileid"))
            {
                if (_profiles.Resolve(profileId, _rows.Find("fieldsecurityprofile", profileId)) is FieldSecurityProfile profile)
                {
                    yield return profile;
                }
            }
        }

        private List<Guid> IdsWhere(string table, string column, Guid value, string idColumn) =>
            _rows.Rows(table)
                .Where(r => Id(r, column) == value)
                .Select(r => Id(r, idColumn))
                .Where(id => id != Guid.Empty)
                .Distinct()
                .ToList();

        // Intersect tables keep plain ids; a lookup is read by its id too.
        private static Guid Id(Entity row, string column) => row.Attributes.TryGetValue(column, out object value)
            ? value switch
            {
                Guid id => id,
                EntityReference reference => reference.Id,
                _ => Guid.Empty,
            }
            : Guid.Empty;
    }
}
