using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Query;

namespace Spm.Dataverse.Security
{
    /// <summary>
    /// Reads principals' security from the stored rows: systemuser.businessunitid, teammembership, systemuserroles and
    /// teamroles (role rows resolved by the role catalog), systemuserprofiles and teamprofiles (fieldsecurityprofile rows
    /// resolved by the profile catalog). The intersect tables are read once, when the reader is made, and indexed by
    /// principal: make a new reader after they change.
    /// </summary>
    internal sealed class SecurityPrincipalReader
    {
        private readonly IRowSource _rows;
        private readonly SecurityRoleCatalog _roles;
        private readonly FieldSecurityProfileCatalog _profiles;
        private readonly Dictionary<Guid, List<Guid>> _teamsOfUser;
        private readonly Dictionary<Guid, List<Guid>> _rolesOfUser;
        private readonly Dictionary<Guid, List<Guid>> _rolesOfTeam;
        private readonly Dictionary<Guid, List<Guid>> _profilesOfUser;
        private readonly Dictionary<Guid, List<Guid>> _profilesOfTeam;

        public SecurityPrincipalReader(IRowSource rows, SecurityRoleCatalog roles, FieldSecurityProfileCatalog profiles)
        {
            _rows = rows;
            _roles = roles;
            _profiles = profiles;
            _teamsOfUser = Index("teammembership", "systemuserid", "teamid");
            _rolesOfUser = Index("systemuserroles", "systemuserid", "roleid");
            _rolesOfTeam = Index("teamroles", "teamid", "roleid");
            _profilesOfUser = Index("systemuserprofiles", "systemuserid", "fieldsecurityprofileid");
            _profilesOfTeam = Index("teamprofiles", "teamid", "fieldsecurityprofileid");
        }

        /// <summary>A user as they stand now; an unknown user has no business unit, team or role (every check fails).</summary>
        public SecurityPrincipal User(Guid userId)
        {
            Guid? unit = _rows.Find("systemuser", userId)?.GetAttributeValue<EntityReference>("businessunitid")?.Id;
            IReadOnlyList<Guid> teams = Of(_teamsOfUser, userId);
            var roles = new List<RoleGrant>(RolesOf(Of(_rolesOfUser, userId), unit));
            var profiles = new List<FieldSecurityProfile>(ProfilesOf(Of(_profilesOfUser, userId)));
            foreach (Guid team in teams)
            {
                roles.AddRange(RolesOf(Of(_rolesOfTeam, team), TeamUnit(team)));
                profiles.AddRange(ProfilesOf(Of(_profilesOfTeam, team)));
            }

            return new SecurityPrincipal(userId, "systemuser", unit, teams, roles, profiles.Distinct().ToList());
        }

        /// <summary>A team as an owner: its own roles and profiles, measured from its business unit.</summary>
        public SecurityPrincipal Team(Guid teamId)
        {
            Guid? unit = TeamUnit(teamId);
            return new SecurityPrincipal(teamId, "team", unit, new[] { teamId }, RolesOf(Of(_rolesOfTeam, teamId), unit).ToList(), ProfilesOf(Of(_profilesOfTeam, teamId)).ToList());
        }

        private Guid? TeamUnit(Guid teamId) => _rows.Find("team", teamId)?.GetAttributeValue<EntityReference>("businessunitid")?.Id;

        private IEnumerable<RoleGrant> RolesOf(IReadOnlyList<Guid> roleIds, Guid? unit)
        {
            foreach (Guid roleId in roleIds)
            {
                Entity row = _rows.Find("role", roleId) ?? new Entity("role", roleId);
                if (_roles.Resolve(row) is SecurityRole role)
                {
                    yield return new RoleGrant(role, unit);
                }
            }
        }

        private IEnumerable<FieldSecurityProfile> ProfilesOf(IReadOnlyList<Guid> profileIds)
        {
            foreach (Guid profileId in profileIds)
            {
                if (_profiles.Resolve(profileId, _rows.Find("fieldsecurityprofile", profileId)) is FieldSecurityProfile profile)
                {
                    yield return profile;
                }
            }
        }

        private static IReadOnlyList<Guid> Of(Dictionary<Guid, List<Guid>> index, Guid principalId) =>
            index.TryGetValue(principalId, out List<Guid>? ids) ? ids : (IReadOnlyList<Guid>)Array.Empty<Guid>();

        /// <summary>An intersect table as principal → linked ids, each once, in the rows' creation order.</summary>
        private Dictionary<Guid, List<Guid>> Index(string table, string principalColumn, string linkedColumn)
        {
            var index = new Dictionary<Guid, List<Guid>>();
            if (!_rows.Metadata.TryGetTable(table, out _))
            {
                return index;
            }

            foreach (Entity row in _rows.Rows(table))
            {
                Guid principal = Id(row, principalColumn);
                Guid linked = Id(row, linkedColumn);
                if (principal == Guid.Empty || linked == Guid.Empty)
                {
                    continue;
                }

                if (!index.TryGetValue(principal, out List<Guid>? ids))
                {
                    index[principal] = ids = new List<Guid>();
                }

                if (!ids.Contains(linked))
                {
                    ids.Add(linked);
                }
            }

            return index;
        }

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
