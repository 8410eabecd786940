using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Query;
using Spm.Dataverse.Security;

namespace Spm.Dataverse.Store
{
    public sealed partial class InMemoryOrganization
    {
        private const string AccessTable = "principalobjectaccess";

        // ---------------------------------------------------------------- GrantAccess / RevokeAccess / RetrieveSharedPrincipalsAndAccess

        /// <summary>Shares a user- or team-owned record; granting again to the same principal adds the new rights to the old.</summary>
        private GrantAccessResponse GrantAccessMessage(OrganizationRequest request, Guid callerId)
        {
            EntityReference target = Required<EntityReference>(request, "Target");
            PrincipalAccess access = Required<PrincipalAccess>(request, "PrincipalAccess");
            StoredRow record = SharedRecord(target, AccessRights.ShareAccess, callerId);
            EntityReference principal = access.Principal
                ?? throw new DataverseFaultException(DataverseErrors.RequiredFieldMissing, "Required field 'PrincipalAccess.Principal' is missing for message 'GrantAccess'.");
            if (principal.LogicalName is not ("systemuser" or "team"))
            {
                throw DataverseErrors.Argument($"A record can be shared with a systemuser or a team, not a '{principal.LogicalName}'.");
            }

            Existing(Metadata.GetTable(principal.LogicalName), principal.Id);
            if (access.AccessMask == AccessRights.None)
            {
                throw DataverseErrors.Argument($"GrantAccess of {target.LogicalName} {record.Data.Id} to {principal.LogicalName} {principal.Id} grants no rights (AccessMask None).");
            }

            StoredRow? share = FindShare(record.Data.Id, principal.Id);
            if (share == null)
            {
                var row = new Entity(AccessTable);
                row["objectid"] = record.Data.Id;
                row["objecttypecode"] = record.Data.LogicalName;
                row["principalid"] = principal.Id;
                row["principaltypecode"] = principal.LogicalName;
                row["accessrightsmask"] = (int)access.AccessMask;
                CreateCore(row, callerId);
            }
            else
            {
                var update = new Entity(AccessTable, share.Data.Id);
                update["accessrightsmask"] = share.Data.GetAttributeValue<int>("accessrightsmask") | (int)access.AccessMask;
                UpdateCore(update, callerId, ConcurrencyBehavior.Default);
            }

            return new GrantAccessResponse { ResponseName = "GrantAccess" };
        }

        /// <summary>Removes a principal's share of a record; revoking a share that does not exist changes nothing.</summary>
        private RevokeAccessResponse RevokeAccessMessage(OrganizationRequest request, Guid callerId)
        {
            EntityReference target = Required<EntityReference>(request, "Target");
            EntityReference revokee = Required<EntityReference>(request, "Revokee");
            StoredRow record = SharedRecord(target, AccessRights.ShareAccess, callerId);
            if (FindShare(record.Data.Id, revokee.Id) is StoredRow share)
            {
                Write(AccessTable, share.Data.Id, null);
            }

            return new RevokeAccessResponse { ResponseName = "RevokeAccess" };
        }

        private RetrieveSharedPrincipalsAndAccessResponse RetrieveSharedMessage(OrganizationRequest request, Guid callerId)
        {
            EntityReference target = Required<EntityReference>(request, "Target");
            StoredRow record = SharedRecord(target, AccessRights.ReadAccess, callerId);
            PrincipalAccess[] shares = Shares(record.Data.Id)
                .Select(s => new PrincipalAccess
                {
                    Principal = new EntityReference(s.Data.GetAttributeValue<string>("principaltypecode"), s.Data.GetAttributeValue<Guid>("principalid")),
                    AccessMask = (AccessRights)s.Data.GetAttributeValue<int>("accessrightsmask"),
                })
                .ToArray();
            var response = new RetrieveSharedPrincipalsAndAccessResponse { ResponseName = "RetrieveSharedPrincipalsAndAccess" };
            response.Results["PrincipalAccesses"] = shares;
            return response;
        }

        private StoredRow SharedRecord(EntityReference target, AccessRights right, Guid callerId)
        {
            TableMetadata table = Metadata.GetTable(target.LogicalName);
            if (table.Ownership != OwnershipType.UserOwned)
            {
                throw DataverseErrors.Argument($"'{table.LogicalName}' is organization-owned; its records cannot be shared.");
            }

            return Accessible(table, ResolveId(table, target.Id, target.KeyAttributes), right, callerId);
        }

        private IEnumerable<StoredRow> Shares(Guid objectId) =>
            _rows.TryGetValue(AccessTable, out Dictionary<Guid, StoredRow>? rows)
                ? rows.Values.Where(r => r.Data.GetAttributeValue<Guid>("objectid") == objectId).OrderBy(r => r.Sequence).ToList()
                : Enumerable.Empty<StoredRow>();

        private StoredRow? FindShare(Guid objectId, Guid principalId) =>
            Shares(objectId).FirstOrDefault(r => r.Data.GetAttributeValue<Guid>("principalid") == principalId);

        /// <summary>A deleted record takes its shares with it, as Dataverse removes its principalobjectaccess rows.</summary>
        private void RemoveShares(Guid objectId)
        {
            foreach (StoredRow share in Shares(objectId))
            {
                Write(AccessTable, share.Data.Id, null);
            }
        }

        // ---------------------------------------------------------------- security roles and field security (Security/)

        /// <summary>The SYSTEM user of the platform (PluginPipelineOptions' default): what a plug-in's CreateOrganizationService(null) runs as.</summary>
        public static readonly Guid DefaultSystemUserId = new Guid("5b0e5c3a-7f41-4a39-9d59-0c8f0e5a5b03");

        // The tables a principal's roles, teams and profiles are read from: a write to one of them re-reads the callers.
        private static readonly HashSet<string> SecurityTables = new HashSet<string>(StringComparer.Ordinal)
        {
            "systemuser", "team", "teammembership", "systemuserroles", "teamroles", "role", "systemuserprofiles", "teamprofiles", "fieldsecurityprofile",
        };

        private readonly HashSet<Guid> _systemUsers = new HashSet<Guid> { DefaultSystemUserId };
        private readonly Dictionary<Guid, SecurityPrincipal> _principals = new Dictionary<Guid, SecurityPrincipal>();
        private SecurityPrincipalReader? _principalReader;
        private long _securityVersion;
        private (long Data, int Roles, int Profiles) _principalsVersion = (-1, 0, 0);

        /// <summary>
        /// Enforce security roles and field security for every caller but SYSTEM and System Administrators: each request
        /// runs with its caller's privileges (0x80040220 without the privilege, 0x80048306 when its depth does not reach the
        /// row), queries return only the rows the caller may read, and secured columns come back and may be set only as the
        /// caller's field security profiles allow. Off by default, so a store used without users (engine tests) is open.
        /// </summary>
        public bool EnforceSecurity { get; set; }

        /// <summary>What each role row grants: System Administrator, Salesperson and the solution's roles, extendable in code.</summary>
        public SecurityRoleCatalog SecurityRoles { get; } = SecurityRoleCatalog.Default();

        /// <summary>The field security profiles (the solution's SPM Earnings), and so the secured columns.</summary>
        public FieldSecurityProfileCatalog FieldSecurityProfiles { get; } = FieldSecurityProfileCatalog.Default();

        /// <summary>Trusts a user id as SYSTEM (no security applies to it); a pipeline registers its PluginPipelineOptions.SystemUserId.</summary>
        public void RegisterSystemUser(Guid userId)
        {
            lock (_sync)
            {
                _systemUsers.Add(userId);
            }
        }

        /// <summary>Refuses a caller who holds no role granting the privilege, e.g. a Custom API's executeprivilegename.</summary>
        public void DemandPrivilege(string privilegeName, Guid callerId)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(privilegeName);
            lock (_sync)
            {
                if (Restrictions(callerId) is SecurityPrincipal principal && principal.DepthOf(privilegeName) == PrivilegeDepth.None)
                {
                    throw SecurityErrors.MissingPrivilege(principal, privilegeName, TablePrivilege.TryParse(privilegeName, out TablePrivilege table) ? table.Table : null, callerId);
                }
            }
        }

        /// <summary>
        /// Whether a column is secured: marked IsSecured in the table definition, named by a field security profile (which
        /// Dataverse allows only for a secured column), or the _base twin of such a column (the same amount in base currency).
        /// </summary>
        public bool IsSecuredColumn(string table, string column)
        {
            if (FieldSecurityProfiles.Names(table, column) || (Metadata.TryGetTable(table, out TableMetadata definition) && definition.FindColumn(column)?.IsSecured == true))
            {
                return true;
            }

            return column.EndsWith("_base", StringComparison.Ordinal) && IsSecuredColumn(table, column.Substring(0, column.Length - "_base".Length));
        }

        /// <summary>A write to a table security is read from: cached principals are re-read on their next request.</summary>
        private void NoteWrite(string logicalName)
        {
            if (SecurityTables.Contains(logicalName))
            {
                _securityVersion++;
            }
        }

        /// <summary>What restricts a caller; null when nothing does (security not enforced, SYSTEM, a System Administrator).</summary>
        private SecurityPrincipal? Restrictions(Guid callerId)
        {
            if (!EnforceSecurity || _systemUsers.Contains(callerId))
            {
                return null;
            }

            SecurityPrincipal principal = UserPrincipal(callerId);
            return principal.IsSystemAdministrator ? null : principal;
        }

        private SecurityPrincipal UserPrincipal(Guid userId)
        {
            if (!_principals.TryGetValue(userId, out SecurityPrincipal? principal) || _principalsVersion != SecurityVersion)
            {
                principal = PrincipalReader().User(userId);
                _principals[userId] = principal;
            }

            return principal;
        }

        /// <summary>The reader of the security data as it stands: made again (and the cached principals forgotten) after a write to it.</summary>
        private SecurityPrincipalReader PrincipalReader()
        {
            if (_principalReader == null || _principalsVersion != SecurityVersion)
            {
                _principals.Clear();
                _principalReader = new SecurityPrincipalReader(this, SecurityRoles, FieldSecurityProfiles);
                _principalsVersion = SecurityVersion;
            }

            return _principalReader;
        }

        private (long Data, int Roles, int Profiles) SecurityVersion => (_securityVersion, SecurityRoles.Version, FieldSecurityProfiles.Version);

        /// <summary>What a caller's query reads: every row for an unrestricted caller, only what they may read otherwise.</summary>
        private IRowSource RowSourceFor(Guid callerId) =>
            Restrictions(callerId) is SecurityPrincipal principal ? new SecuredRowSource(this, principal, SecuredColumns, callerId) : this;

        private IReadOnlyList<string> SecuredColumns(TableMetadata table) =>
            table.Columns.Select(c => c.LogicalName).Where(c => IsSecuredColumn(table.LogicalName, c)).OrderBy(c => c, StringComparer.Ordinal).ToList();

        /// <summary>
        /// The row a caller may act on with <paramref name="right"/>, checked in the platform's order: the privilege
        /// (PrivilegeDenied, even for a row that does not exist), the row (ObjectDoesNotExist), then the access its depth
        /// or a share gives (0x80048306).
        /// </summary>
        private StoredRow Accessible(TableMetadata table, Guid id, AccessRights right, Guid callerId)
        {
            SecurityPrincipal? principal = Restrictions(callerId);
            if (principal != null)
            {
                DemandPrivilege(principal, right, table, callerId);
            }

            StoredRow row = Existing(table, id);
            if (principal != null)
            {
                DemandAccess(principal, right, table, row.Data);
            }

            return row;
        }

        /// <summary>Before a Create: the create privilege, the secured columns it sets, and assign when it names another owner.</summary>
        private void AuthorizeCreate(Entity target, Guid callerId)
        {
            TableMetadata table = Metadata.GetTable(target.LogicalName);
            if (Restrictions(callerId) is not SecurityPrincipal principal)
            {
                return;
            }

            DemandPrivilege(principal, AccessRights.CreateAccess, table, callerId);
            DemandSecuredColumns(principal, table, target, isCreate: true);
            if (table.Ownership == OwnershipType.UserOwned && target.GetAttributeValue<EntityReference>("ownerid") is EntityReference owner && owner.Id != callerId)
            {
                DemandPrivilege(principal, AccessRights.AssignAccess, table, callerId);
            }
        }

        /// <summary>After a Create, in its transaction: the create depth reaches the new row's owner, and that owner may read the table.</summary>
        private void AuthorizeCreated(string logicalName, Guid id, Guid callerId)
        {
            TableMetadata table = Metadata.GetTable(logicalName);
            if (!EnforceSecurity || table.Ownership != OwnershipType.UserOwned || Find(logicalName, id) is not StoredRow row)
            {
                return;
            }

            if (row.Data.GetAttributeValue<EntityReference>("ownerid") is EntityReference owner)
            {
                DemandOwnerCanRead(table, owner, callerId);
            }

            if (Restrictions(callerId) is SecurityPrincipal principal)
            {
                DemandAccess(principal, AccessRights.CreateAccess, table, row.Data);
            }
        }

        /// <summary>
        /// Before an Update: write access to the row, the update permission of each secured column it sets, and for a new
        /// owner the assign privilege and access and the owner's read privilege.
        /// </summary>
        private void AuthorizeUpdate(Entity target, Guid callerId)
        {
            TableMetadata table = Metadata.GetTable(target.LogicalName);
            if (!EnforceSecurity)
            {
                return;
            }

            Guid id = ResolveId(table, UpdateTargetId(table, target), target.KeyAttributes);
            SecurityPrincipal? principal = Restrictions(callerId);
            StoredRow row = Accessible(table, id, AccessRights.WriteAccess, callerId);
            if (principal != null)
            {
                DemandSecuredColumns(principal, table, target, isCreate: false);
            }

            if (table.Ownership == OwnershipType.UserOwned && target.GetAttributeValue<EntityReference>("ownerid") is EntityReference owner
                && row.Data.GetAttributeValue<EntityReference>("ownerid")?.Id != owner.Id)
            {
                AuthorizeAssign(table, id, owner, callerId);
            }
        }

        /// <summary>Before an Assign: the assign privilege and access to the row, and the new owner's read privilege on the table.</summary>
        private void AuthorizeAssign(TableMetadata table, Guid id, EntityReference assignee, Guid callerId)
        {
            if (!EnforceSecurity)
            {
                return;
            }

            Accessible(table, id, AccessRights.AssignAccess, callerId);
            DemandOwnerCanRead(table, assignee, callerId);
        }

        /// <summary>Takes out of a retrieved row the secured columns the caller's profiles do not let them read, as Dataverse omits them.</summary>
        private void HideSecuredColumns(TableMetadata table, Entity entity, Guid callerId)
        {
            if (Restrictions(callerId) is not SecurityPrincipal principal)
            {
                return;
            }

            foreach (string column in SecuredColumns(table))
            {
                if (!principal.FieldAccess(table.LogicalName, column).CanRead)
                {
                    entity.Attributes.Remove(column);
                    entity.FormattedValues.Remove(column);
                }
            }
        }

        private static void DemandPrivilege(SecurityPrincipal principal, AccessRights right, TableMetadata table, Guid callerId)
        {
            TablePrivilege privilege = TablePrivilege.For(right, table.LogicalName);
            if (principal.DepthOf(privilege.Name) == PrivilegeDepth.None)
            {
                throw SecurityErrors.MissingPrivilege(principal, privilege.Name, table.LogicalName, callerId);
            }
        }

        private void DemandAccess(SecurityPrincipal principal, AccessRights right, TableMetadata table, Entity row)
        {
            var access = new RecordAccess(this);
            AccessRights shared = Shares(row.Id)
                .Where(s => principal.Is(s.Data.GetAttributeValue<Guid>("principalid")))
                .Aggregate(AccessRights.None, (rights, s) => rights | (AccessRights)s.Data.GetAttributeValue<int>("accessrightsmask"));
            if (!access.Allows(principal, TablePrivilege.For(right, table.LogicalName), table, row, right == AccessRights.CreateAccess ? AccessRights.None : shared))
            {
                throw SecurityErrors.MissingAccess(principal.Id, right, row.Id, table.LogicalName, access.DepthNeeded(principal, row));
            }
        }

        /// <summary>Whoever writes it, a row's owner must be able to read rows of its table (SYSTEM and System Administrators can).</summary>
        private void DemandOwnerCanRead(TableMetadata table, EntityReference owner, Guid callerId)
        {
            if (_systemUsers.Contains(owner.Id))
            {
                return;
            }

            SecurityPrincipal principal = owner.LogicalName == "team" ? PrincipalReader().Team(owner.Id) : UserPrincipal(owner.Id);
            TablePrivilege read = TablePrivilege.For(AccessRights.ReadAccess, table.LogicalName);
            if (!principal.IsSystemAdministrator && principal.DepthOf(read.Name) == PrivilegeDepth.None)
            {
                throw SecurityErrors.OwnerCannotRead(principal, read.Name, table.LogicalName, callerId);
            }
        }

        private void DemandSecuredColumns(SecurityPrincipal principal, TableMetadata table, Entity target, bool isCreate)
        {
            foreach (string column in SecuredColumns(table))
            {
                // On create a null is "not set"; on update it clears the value, which is an update.
                if (!target.Attributes.TryGetValue(column, out object value) || (isCreate && value == null))
                {
                    continue;
                }

                FieldPermission permission = principal.FieldAccess(table.LogicalName, column);
                if (isCreate && !permission.CanCreate)
                {
                    throw SecurityErrors.SecuredColumnCreate(principal.Id, table.LogicalName, column);
                }

                if (!isCreate && !permission.CanUpdate)
                {
                    throw SecurityErrors.SecuredColumnUpdate(principal.Id, table.LogicalName, column);
                }
            }
        }
    }
}
