using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Query;

namespace Spm.Dataverse.Security
{
    /// <summary>
    /// The rows one caller's query sees: a table without the read privilege fails the query (PrivilegeDenied), rows the
    /// caller may not read are left out (of the main table and of every link-entity, so joins, counts and sums see only
    /// readable rows) and secured columns the caller's profiles do not let them read are taken out of each row before
    /// the query filters, orders or aggregates on them, so nothing about their values can be inferred.
    /// </summary>
    internal sealed class SecuredRowSource : IRowSource
    {
        private readonly IRowSource _rows;
        private readonly SecurityPrincipal _principal;
        private readonly RecordAccess _access;
        private readonly Func<TableMetadata, IReadOnlyList<string>> _securedColumns;
        private readonly Guid _callerId;
        private Dictionary<Guid, AccessRights>? _shared;

        public SecuredRowSource(IRowSource rows, SecurityPrincipal principal, Func<TableMetadata, IReadOnlyList<string>> securedColumns, Guid callerId)
        {
            _rows = rows;
            _principal = principal;
            _access = new RecordAccess(rows);
            _securedColumns = securedColumns;
            _callerId = callerId;
        }

        public DataverseMetadata Metadata => _rows.Metadata;

        public DateTime Now => _rows.Now;

        public IEnumerable<Entity> Rows(string logicalName)
        {
            TableMetadata table = Metadata.GetTable(logicalName);
            TablePrivilege read = TablePrivilege.For(AccessRights.ReadAccess, table.LogicalName);
            if (_principal.DepthOf(read.Name) == PrivilegeDepth.None)
            {
                throw SecurityErrors.MissingPrivilege(_principal, read.Name, table.LogicalName, _callerId);
            }

            string[] hidden = _securedColumns(table).Where(c => !_principal.FieldAccess(table.LogicalName, c).CanRead).ToArray();
            var visible = new List<Entity>();
            foreach (Entity row in _rows.Rows(logicalName))
            {
                if (_access.Allows(_principal, read, table, row, SharedRights(row.Id)))
                {
                    visible.Add(hidden.Length == 0 ? row : Without(row, hidden));
                }
            }

            return visible;
        }

        /// <summary>Unfiltered: the query engine only reads a referenced row's name here, which Dataverse shows on a lookup whoever reads it.</summary>
        public Entity? Find(string logicalName, Guid id) => _rows.Find(logicalName, id);

        private AccessRights SharedRights(Guid objectId)
        {
            _shared ??= ReadShares();
            return _shared.TryGetValue(objectId, out AccessRights rights) ? rights : AccessRights.None;
        }

        // One pass over the shares per query: what every record is shared with the caller and their teams for.
        private Dictionary<Guid, AccessRights> ReadShares()
        {
            var shared = new Dictionary<Guid, AccessRights>();
            foreach (Entity share in _rows.Rows("principalobjectaccess"))
            {
                if (_principal.Is(share.GetAttributeValue<Guid>("principalid")))
                {
                    Guid objectId = share.GetAttributeValue<Guid>("objectid");
                    shared[objectId] = (shared.TryGetValue(objectId, out AccessRights rights) ? rights : AccessRights.None) | (AccessRights)share.GetAttributeValue<int>("accessrightsmask");
                }
            }

            return shared;
        }

        private static Entity Without(Entity row, string[] columns)
        {
            if (!columns.Any(row.Attributes.ContainsKey))
            {
                return row;
            }

            var copy = new Entity(row.LogicalName, row.Id) { RowVersion = row.RowVersion };
            foreach (KeyValuePair<string, object> attribute in row.Attributes)
            {
                if (Array.IndexOf(columns, attribute.Key) < 0)
                {
                    copy.Attributes[attribute.Key] = attribute.Value;
                }
            }

            return copy;
        }
    }
}
