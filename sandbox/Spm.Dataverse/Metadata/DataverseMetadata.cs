using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Metadata
{
    /// <summary>The tables an organization knows. Start from <see cref="Default"/> or empty, and extend in code.</summary>
    public sealed partial class DataverseMetadata
    {
        private readonly Dictionary<string, TableMetadata> _tables = new Dictionary<string, TableMetadata>(StringComparer.Ordinal);
        private readonly Dictionary<string, RelationshipMetadata> _relationships = new Dictionary<string, RelationshipMetadata>(StringComparer.Ordinal);

        public IReadOnlyCollection<TableMetadata> Tables => _tables.Values;

        /// <summary>
        /// The one-to-many relationships whose delete behaviour the store enforces. A lookup with no relationship here is left
        /// alone when its target is deleted (the system tables' own relationships are not modelled).
        /// </summary>
        public IReadOnlyCollection<RelationshipMetadata> Relationships => _relationships.Values;

        /// <summary>Adds (or replaces) a one-to-many relationship; both tables and the child's lookup column must exist, and the lookup must target the parent.</summary>
        public RelationshipMetadata AddRelationship(string schemaName, string referencedTable, string referencingTable, string referencingAttribute, CascadeDeleteBehavior cascadeDelete)
        {
            GetTable(referencedTable);
            ColumnMetadata lookup = GetColumn(referencingTable, referencingAttribute);
            if (lookup.Type != ColumnType.Lookup || !lookup.Targets.Contains(referencedTable, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"Relationship '{schemaName}': {referencingTable}.{referencingAttribute} is not a lookup to {referencedTable}.", nameof(referencingAttribute));
            }

            var relationship = new RelationshipMetadata(schemaName, referencedTable, referencingTable, referencingAttribute, cascadeDelete);
            _relationships[schemaName] = relationship;
            return relationship;
        }

        /// <summary>The relationships in which <paramref name="referencedTable"/> is the parent, in schema-name order.</summary>
        public IReadOnlyList<RelationshipMetadata> RelationshipsReferencing(string referencedTable) =>
            _relationships.Values.Where(r => string.Equals(r.ReferencedTable, referencedTable, StringComparison.Ordinal))
                .OrderBy(r => r.SchemaName, StringComparer.Ordinal).ToList();

        /// <summary>Adds (or replaces) a table.</summary>
        public TableMetadata AddTable(TableMetadata table)
        {
            if (table == null)
            {
                throw new ArgumentNullException(nameof(table));
            }

            _tables[table.LogicalName] = table;
            return table;
        }

        /// <summary>Adds a table with the standard columns; add its own columns on the returned table.</summary>
        public TableMetadata AddTable(string logicalName, string primaryIdAttribute, string? primaryNameAttribute, OwnershipType ownership)
        {
            return AddTable(new TableMetadata(logicalName, primaryIdAttribute, primaryNameAttribute, ownership));
        }

        /// <summary>Adds a column to an existing table.</summary>
        public ColumnMetadata AddColumn(string tableLogicalName, string columnLogicalName, ColumnType type)
        {
            return GetTable(tableLogicalName).AddColumn(columnLogicalName, type);
        }

        public bool TryGetTable(string? logicalName, out TableMetadata table)
        {
            if (logicalName == null)
            {
                table = null!;
                return false;
            }

            return _tables.TryGetValue(logicalName, out table!);
        }

        /// <summary>The table, or the Dataverse fault for an unknown entity name.</summary>
        public TableMetadata GetTable(string? logicalName)
        {
            if (logicalName != null && _tables.TryGetValue(logicalName, out TableMetadata? table))
            {
                return table;
            }

            throw DataverseErrors.UnknownTable(logicalName);
        }

        /// <summary>The column, or the Dataverse fault for an attribute the table does not have.</summary>
        public ColumnMetadata GetColumn(string tableLogicalName, string? columnLogicalName)
        {
            TableMetadata table = GetTable(tableLogicalName);
            if (columnLogicalName != null && table.TryGetColumn(columnLogicalName, out ColumnMetadata column))
            {
                return column;
            }

            throw DataverseErrors.UnknownAttribute(tableLogicalName, columnLogicalName);
        }
    }
}
