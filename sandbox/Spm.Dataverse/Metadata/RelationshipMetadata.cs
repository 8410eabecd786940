using System;

namespace Spm.Dataverse.Metadata
{
    /// <summary>CascadeConfiguration.Delete of a one-to-many relationship: what deleting the referenced (parent) row does to the rows that reference it.</summary>
    public enum CascadeDeleteBehavior
    {
        /// <summary>The referencing rows are deleted too (each through the Delete pipeline, as Dataverse runs their Delete plug-ins).</summary>
        Cascade,

        /// <summary>The lookup on the referencing rows is cleared; the rows stay.</summary>
        RemoveLink,

        /// <summary>The delete is refused while any row references the parent.</summary>
        Restrict,
    }

    /// <summary>A one-to-many relationship: <see cref="ReferencingTable"/>.<see cref="ReferencingAttribute"/> looks up <see cref="ReferencedTable"/>.</summary>
    public sealed class RelationshipMetadata
    {
        public RelationshipMetadata(string schemaName, string referencedTable, string referencingTable, string referencingAttribute, CascadeDeleteBehavior cascadeDelete)
        {
            if (string.IsNullOrWhiteSpace(schemaName))
            {
                throw new ArgumentException("A relationship needs a schema name.", nameof(schemaName));
            }

            SchemaName = schemaName;
            ReferencedTable = referencedTable;
            ReferencingTable = referencingTable;
            ReferencingAttribute = referencingAttribute;
            CascadeDelete = cascadeDelete;
        }

        public string SchemaName { get; }

        /// <summary>The parent (one) side, e.g. spm_statement.</summary>
        public string ReferencedTable { get; }

        /// <summary>The child (many) side, e.g. spm_statementline.</summary>
        public string ReferencingTable { get; }

        /// <summary>The lookup column on the child, e.g. spm_statementid.</summary>
        public string ReferencingAttribute { get; }

        public CascadeDeleteBehavior CascadeDelete { get; }
    }
}
