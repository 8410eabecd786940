using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Data
{
    /// <summary>Who the caller is, as Dataverse data says: their security roles and the manager chain above a user.</summary>
    internal static class CallerAccess
    {
        /// <summary>The roles that may grant any credit, by name: SPM's own admin role and the platform's.</summary>
        public static readonly string[] AdminRoles = { "SPM Admin", "System Administrator" };

        /// <summary>The System Administrator role template, the same in every environment (its name may be localized).</summary>
        public static readonly Guid SystemAdministratorTemplate = new Guid("627090FF-40A3-4053-8790-584EDC5BE201");

        /// <summary>Deep enough for any real org chart, and a stop for a hierarchy that loops.</summary>
        private const int MaxLevels = 20;

        /// <summary>Most sales hierarchies are this deep or less, so one query usually reads the whole chain.</summary>
        public const int LevelsPerQuery = 6;

        /// <summary>The alias of the manager <paramref name="level"/> levels up in <see cref="UsersWithManagers"/>' rows ("m1.", "m2.", …).</summary>
        public static string ManagerAlias(int level) => "m" + level.ToString(CultureInfo.InvariantCulture) + ".";

        /// <summary>
        /// The users with the given columns, joined (left outer) to their manager, that manager's manager and so on for
        /// <see cref="LevelsPerQuery"/> levels, each level's columns aliased by <see cref="ManagerAlias"/>.
        /// </summary>
        public static QueryExpression UsersWithManagers(IEnumerable<Guid> users, params string[] columns)
        {
            var query = Queries.Of(S.SystemUser.Table, columns).WhereIn(S.SystemUser.Id, users);
            LinkEntity? parent = null;
            for (var level = 1; level <= LevelsPerQuery; level++)
            {
                var link = new LinkEntity(S.SystemUser.Table, S.SystemUser.Table, S.SystemUser.Manager, S.SystemUser.Id, JoinOperator.LeftOuter)
                {
                    EntityAlias = ManagerAlias(level).TrimEnd('.'),
                    Columns = new ColumnSet(new[] { S.SystemUser.Id }.Concat(columns).Distinct().ToArray()),
                };
                (parent == null ? query.LinkEntities : parent.LinkEntities).Add(link);
                parent = link;
            }

            return query;
        }

        /// <summary>
        /// Whether the user holds an admin role, directly (systemuserroles) or through a team they are in (teamroles).
        /// One query with named columns, a second only when the first finds nothing.
        /// </summary>
        public static bool IsAdmin(IOrganizationService service, Guid userId)
        {
            var direct = AdminRoleQuery();
            direct.AddLink(S.SystemUserRoles.Table, S.Role.Id, S.SystemUserRoles.Role, JoinOperator.Inner)
                .LinkCriteria.AddCondition(S.SystemUserRoles.User, ConditionOperator.Equal, userId);
            if (service.RetrieveMultiple(direct).Entities.Count > 0)
            {
                return true;
            }

            var viaTeam = AdminRoleQuery();
            viaTeam.AddLink(S.TeamRoles.Table, S.Role.Id, S.TeamRoles.Role, JoinOperator.Inner)
                .AddLink(S.TeamMembership.Table, S.TeamRoles.Team, S.TeamMembership.Team, JoinOperator.Inner)
                .LinkCriteria.AddCondition(S.TeamMembership.User, ConditionOperator.Equal, userId);
            return service.RetrieveMultiple(viaTeam).Entities.Count > 0;
        }

        private static QueryExpression AdminRoleQuery()
        {
            var query = Queries.Of(S.Role.Table, S.Role.Id, S.Role.Name);
            query.Criteria.FilterOperator = LogicalOperator.Or;
            query.Criteria.AddCondition(S.Role.Name, ConditionOperator.In, AdminRoles.Cast<object>().ToArray());
            query.Criteria.AddCondition(S.Role.Template, ConditionOperator.Equal, SystemAdministratorTemplate);
            query.TopCount = 1;
            return query;
        }

        /// <summary>
        /// The managers above a user, nearest first (the user excluded). One query reads <see cref="LevelsPerQuery"/>
        /// levels (the user joined to their manager, to theirs, ...); a deeper chain takes one more query per that many levels.
        /// </summary>
        public static IReadOnlyList<Guid> ManagersOf(IOrganizationService service, Guid userId)
        {
            var chain = new List<Guid>();
            var from = userId;
            while (chain.Count < MaxLevels)
            {
                var query = UsersWithManagers(new[] { from }, S.SystemUser.Id);
                var row = service.RetrieveMultiple(query).Entities.FirstOrDefault();
                var found = 0;
                for (var level = 1; row != null && level <= LevelsPerQuery; level++)
                {
                    var manager = row.GetAttributeValue<AliasedValue>(ManagerAlias(level) + S.SystemUser.Id)?.Value as Guid?;
                    if (manager == null || manager.Value == userId || chain.Contains(manager.Value))
                    {
                        return chain;
                    }

                    chain.Add(manager.Value);
                    found++;
                }

                if (found < LevelsPerQuery)
                {
                    return chain;
                }

                from = chain[chain.Count - 1];
            }

            return chain;
        }
    }
}
