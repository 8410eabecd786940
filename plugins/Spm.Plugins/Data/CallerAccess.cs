using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Data
{
    /// <summary>Who the caller is, as Dataverse data says: their security roles and the manager chain above a user.</summary>
    internal static class CallerAccess
    {
        /// <summary>The roles that may grant any credit: SPM's own admin role and the platform's.</summary>
        public static readonly string[] AdminRoles = { "SPM Admin", "System Administrator" };

        /// <summary>Deep enough for any real org chart, and a stop for a hierarchy that loops.</summary>
        private const int MaxLevels = 20;

        /// <summary>Whether the user holds an admin role directly (systemuserroles). One query, named columns.</summary>
        public static bool IsAdmin(IOrganizationService service, Guid userId)
        {
            var query = Queries.Of(S.Role.Table, S.Role.Id, S.Role.Name).Where(S.Role.Name, ConditionOperator.In, AdminRoles.Cast<object>().ToArray());
            var assigned = query.AddLink(S.SystemUserRoles.Table, S.Role.Id, S.SystemUserRoles.Role, JoinOperator.Inner);
            assigned.LinkCriteria.AddCondition(S.SystemUserRoles.User, ConditionOperator.Equal, userId);
            query.TopCount = 1;
            return service.RetrieveMultiple(query).Entities.Count > 0;
        }

        /// <summary>The managers above a user, nearest first (the user excluded); one Retrieve per level.</summary>
        public static IReadOnlyList<Guid> ManagersOf(IOrganizationService service, Guid userId)
        {
            var chain = new List<Guid>();
            var current = userId;
            for (var level = 0; level < MaxLevels; level++)
            {
                var manager = service.Retrieve(S.SystemUser.Table, current, new ColumnSet(S.SystemUser.Manager)).GetAttributeValue<EntityReference>(S.SystemUser.Manager);
                if (manager == null || manager.Id == userId || chain.Contains(manager.Id))
                {
                    break;
                }

                chain.Add(manager.Id);
                current = manager.Id;
            }

            return chain;
        }
    }
}
