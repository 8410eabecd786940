using System;
using System.Globalization;
using Microsoft.Crm.Sdk.Messages;

namespace Spm.Dataverse.Security
{
    /// <summary>
    /// The platform's security faults. Over the Web API Dataverse answers all four with 403 Forbidden; a row that does
    /// not exist stays ObjectDoesNotExist (0x80040217, 404), so only a caller with the privilege learns that a row exists.
    /// </summary>
    public static class SecurityErrors
    {
        /// <summary>0x80040220 PrivilegeDenied: no role of the principal (or its teams) holds the privilege at any depth.</summary>
        public const int PrivilegeDenied = -2147220960;

        /// <summary>0x80048306: the privilege is held, but its depth does not reach the row and no share gives the right.</summary>
        public const int AccessDenied = -2147187962;

        /// <summary>0x8004F502 AttributePrivilegeCreateIsMissing: a secured column set on create without the profile's CanCreate.</summary>
        public const int SecuredColumnCreateDenied = -2147158782;

        /// <summary>0x8004F507 AttributePermissionUpdateIsMissingDuringUpdate: a secured column set on update without the profile's CanUpdate.</summary>
        public const int SecuredColumnUpdateDenied = -2147158777;

        internal static DataverseFaultException MissingPrivilege(SecurityPrincipal principal, string privilege, string? table, Guid callerId) =>
            new DataverseFaultException(PrivilegeDenied, MissingPrivilegeMessage(principal, privilege, table, callerId));

        /// <summary>An owner (new, or assigned to) who could not read the row it would own.</summary>
        internal static DataverseFaultException OwnerCannotRead(SecurityPrincipal owner, string privilege, string table, Guid callerId) =>
            new DataverseFaultException(PrivilegeDenied, "Read Privilege Check For Owner failed with exception: " + MissingPrivilegeMessage(owner, privilege, table, callerId));

        internal static DataverseFaultException MissingAccess(Guid principalId, AccessRights right, Guid recordId, string table, PrivilegeDepth reachingDepth) =>
            new DataverseFaultException(
                AccessDenied,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "Principal with id {0:D} does not have {1} right(s) for record with id {2:D} of entity {3}. Consider assigning a role with the level {4} to the user or team.",
                    principalId,
                    right,
                    recordId,
                    table,
                    reachingDepth));

        internal static DataverseFaultException SecuredColumnCreate(Guid userId, string table, string column) =>
            new DataverseFaultException(
                SecuredColumnCreateDenied,
                $"The user does not have create permissions to a secured field. The requested operation could not be completed. User {userId:D}, field {table}.{column}: no field security profile of the user allows create.");

        internal static DataverseFaultException SecuredColumnUpdate(Guid userId, string table, string column) =>
            new DataverseFaultException(
                SecuredColumnUpdateDenied,
                $"The user doesn't have AttributePrivilegeUpdate and not granted shared access for a secured attribute during update operation. User {userId:D}, field {table}.{column}: no field security profile of the user allows update.");

        private static string MissingPrivilegeMessage(SecurityPrincipal principal, string privilege, string? table, Guid callerId) =>
            string.Format(
                CultureInfo.InvariantCulture,
                "Principal {0} (Id={1:D}, type={2}, roleCount={3}, privilegeCount={4}, accessMode='0 Read-Write', businessUnitId={5}), is missing {6} privilege{7}. context.Caller={8:D}. Consider adding missed privilege to one of the principal (user/team) roles.",
                principal.Type == "team" ? "team" : "user",
                principal.Id,
                principal.Type == "team" ? 9 : 8,
                principal.Roles.Count,
                principal.PrivilegeCount,
                principal.BusinessUnitId?.ToString("D") ?? "none",
                privilege,
                table == null ? string.Empty : $" for entity '{table}'",
                callerId);
    }
}
