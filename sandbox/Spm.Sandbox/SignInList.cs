using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.SeedOrg;

namespace Spm.Sandbox
{
    /// <summary>One person the token endpoint signs in: name, SPM role (held directly or through a team) and domainname.</summary>
    internal sealed record SignInEntry(Guid Id, string FullName, string Role, string DomainName);

    /// <summary>
    /// Who can sign in, read from the organization as it is (seeded or loaded from a data file): enabled users with a
    /// domainname, with the SPM role they hold, reps first, then managers, then admins.
    /// </summary>
    internal static class SignInList
    {
        private static readonly string[] RoleOrder = { DemoPeople.RepRole, DemoPeople.ManagerRole, DemoPeople.AdminRole };

        public static IReadOnlyList<SignInEntry> Read(SandboxOrganization org)
        {
            var platform = org.Platform;
            var roleNames = All(platform, "role", "name").ToDictionary(r => r.Id, r => r.GetAttributeValue<string>("name") ?? string.Empty);
            var teamRoles = All(platform, "teamroles", "teamid", "roleid").ToLookup(r => r.GetAttributeValue<Guid>("teamid"), r => r.GetAttributeValue<Guid>("roleid"));
            var userTeams = All(platform, "teammembership", "teamid", "systemuserid").ToLookup(r => r.GetAttributeValue<Guid>("systemuserid"), r => r.GetAttributeValue<Guid>("teamid"));
            var userRoles = All(platform, "systemuserroles", "systemuserid", "roleid").ToLookup(r => r.GetAttributeValue<Guid>("systemuserid"), r => r.GetAttributeValue<Guid>("roleid"));

            var users = new QueryExpression("systemuser") { ColumnSet = new ColumnSet("fullname", "domainname", "isdisabled") };
            users.Criteria.AddCondition("domainname", ConditionOperator.NotNull);
            return platform.RetrieveMultiple(users).Entities
                .Where(u => !u.GetAttributeValue<bool>("isdisabled"))
                .Select(u =>
                {
                    var held = userRoles[u.Id].Concat(userTeams[u.Id].SelectMany(t => teamRoles[t]))
                        .Select(r => roleNames.TryGetValue(r, out string? name) ? name : string.Empty)
                        .ToHashSet(StringComparer.Ordinal);
                    string role = RoleOrder.LastOrDefault(held.Contains) ?? (held.Contains(DemoPeople.SystemAdministratorRole) ? DemoPeople.SystemAdministratorRole : "no SPM role");
                    return new SignInEntry(u.Id, u.GetAttributeValue<string>("fullname") ?? string.Empty, role, u.GetAttributeValue<string>("domainname"));
                })
                .OrderBy(e => Array.IndexOf(RoleOrder, e.Role) is int i && i >= 0 ? i : RoleOrder.Length)
                .ThenBy(e => e.FullName, StringComparer.Ordinal)
                .ToList();
        }

        private static IEnumerable<Entity> All(IOrganizationService service, string table, params string[] columns) =>
            service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(columns) }).Entities;
    }
}
