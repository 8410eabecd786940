using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>Names a relationship (and, for a self-referential one, the role of the primary entity).</summary>
    public sealed class Relationship : IExtensibleDataObject
    {
        public Relationship()
        {
        }

        public Relationship(string schemaName)
        {
            SchemaName = schemaName;
        }

        public ExtensionDataObject ExtensionData { get; set; }

        public EntityRole? PrimaryEntityRole { get; set; }

        public string SchemaName { get; set; }

        /// <summary>Two relationships are equal when their schema names and primary entity roles are equal.</summary>
        public override bool Equals(object obj)
        {
            return obj is Relationship other
                && string.Equals(other.SchemaName, SchemaName, StringComparison.Ordinal)
                && other.PrimaryEntityRole == PrimaryEntityRole;
        }

        public override int GetHashCode()
        {
            return (SchemaName == null ? 0 : StringComparer.Ordinal.GetHashCode(SchemaName)) ^ PrimaryEntityRole.GetHashCode();
        }
    }
}
