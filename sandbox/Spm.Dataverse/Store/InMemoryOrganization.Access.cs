using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Metadata;

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
            StoredRow record = SharedRecord(target);
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
        private RevokeAccessResponse RevokeAccessMessage(OrganizationRequest request)
        {
            EntityReference target = Required<EntityReference>(request, "Target");
            EntityReference revokee = Required<EntityReference>(request, "Revokee");
            StoredRow record = SharedRecord(target);
            if (FindShare(record.Data.Id, revokee.Id) is StoredRow share)
            {
                Write(AccessTable, share.Data.Id, null);
            }

            return new RevokeAccessResponse { ResponseName = "RevokeAccess" };
        }

        private RetrieveSharedPrincipalsAndAccessResponse RetrieveSharedMessage(OrganizationRequest request)
        {
            EntityReference target = Required<EntityReference>(request, "Target");
            StoredRow record = SharedRecord(target);
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

        private StoredRow SharedRecord(EntityReference target)
        {
            TableMetadata table = Metadata.GetTable(target.LogicalName);
            if (table.Ownership != OwnershipType.UserOwned)
            {
                throw DataverseErrors.Argument($"'{table.LogicalName}' is organization-owned; its records cannot be shared.");
            }

            return Existing(table, ResolveId(table, target.Id, target.KeyAttributes));
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
    }
}
