using System;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Query;

namespace Spm.Dataverse.Security
{
    /// <summary>
    /// The access check that follows a passed privilege check: whether the depth a principal holds a privilege at reaches
    /// a row (owned by them or their team: any depth; owned in the business unit the privilege is measured from: Local;
    /// in that unit or one below it: Deep; anywhere: Global), or the row is shared with them or their team with the right.
    /// Organization-owned rows need the privilege only.
    /// </summary>
    internal sealed class RecordAccess
    {
        // A business unit tree deeper than this is a loop in parentbusinessunitid.
        private const int MaxUnitDepth = 64;

        private readonly IRowSource _rows;

        public RecordAccess(IRowSource rows)
        {
            _rows = rows;
        }

        /// <param name="sharedRights">The rights shares give the principal (and its teams) on this row.</param>
        public bool Allows(SecurityPrincipal principal, TablePrivilege privilege, TableMetadata table, Entity row, AccessRights sharedRights)
        {
            if (table.Ownership == OwnershipType.OrganizationOwned)
            {
                return principal.DepthOf(privilege.Name) != PrivilegeDepth.None;
            }

            bool held = false;
            foreach ((PrivilegeDepth depth, Guid? unit) in principal.Grants(privilege.Name))
            {
                held = true;
                if (Reaches(principal, depth, unit, row))
                {
                    return true;
                }
            }

            return held && (sharedRights & privilege.Right) == privilege.Right;
        }

        /// <summary>The narrowest depth that would reach the row for the principal: what the access-denied message suggests.</summary>
        public PrivilegeDepth DepthNeeded(SecurityPrincipal principal, Entity row)
        {
            foreach (PrivilegeDepth depth in new[] { PrivilegeDepth.Basic, PrivilegeDepth.Local, PrivilegeDepth.Deep })
            {
                if (Reaches(principal, depth, principal.BusinessUnitId, row))
                {
                    return depth;
                }
            }

            return PrivilegeDepth.Global;
        }

        private bool Reaches(SecurityPrincipal principal, PrivilegeDepth depth, Guid? unit, Entity row)
        {
            if (depth == PrivilegeDepth.Global)
            {
                return true;
            }

            if (row.GetAttributeValue<EntityReference>("ownerid") is EntityReference owner && principal.Is(owner.Id))
            {
                return true;
            }

            Guid? owningUnit = row.GetAttributeValue<EntityReference>("owningbusinessunit")?.Id;
            if (owningUnit is null || unit is null || depth == PrivilegeDepth.Basic)
            {
                return false;
            }

            return depth == PrivilegeDepth.Local ? owningUnit == unit : IsWithin(owningUnit.Value, unit.Value);
        }

        /// <summary>Whether <paramref name="unit"/> is <paramref name="ancestor"/> or below it.</summary>
        private bool IsWithin(Guid unit, Guid ancestor)
        {
            Guid? current = unit;
            for (int level = 0; current is Guid id && level < MaxUnitDepth; level++)
            {
                if (id == ancestor)
                {
                    return true;
                }

                current = _rows.Find("businessunit", id)?.GetAttributeValue<EntityReference>("parentbusinessunitid")?.Id;
            }

            return false;
        }
    }
}
