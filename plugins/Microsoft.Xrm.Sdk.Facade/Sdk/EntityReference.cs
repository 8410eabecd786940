using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>Identifies a record by logical name and id (or by alternate key).</summary>
    public sealed class EntityReference : IExtensibleDataObject
    {
        public EntityReference()
        {
            KeyAttributes = new KeyAttributeCollection();
        }

        public EntityReference(string logicalName)
            : this()
        {
            LogicalName = logicalName;
        }

        public EntityReference(string logicalName, Guid id)
            : this(logicalName)
        {
            Id = id;
        }

        public EntityReference(string logicalName, KeyAttributeCollection keyAttributeCollection)
            : this(logicalName)
        {
            KeyAttributes = keyAttributeCollection;
        }

        public EntityReference(string logicalName, string keyName, object keyValue)
            : this(logicalName)
        {
            KeyAttributes[keyName] = keyValue;
        }

        public ExtensionDataObject ExtensionData { get; set; }

        public Guid Id { get; set; }

        public KeyAttributeCollection KeyAttributes { get; set; }

        public string LogicalName { get; set; }

        /// <summary>The primary-name value of the record, when known. It takes no part in equality.</summary>
        public string Name { get; set; }

        public string RowVersion { get; set; }

        /// <summary>Two references are equal when they have the same <see cref="Id"/> and <see cref="LogicalName"/>.</summary>
        public override bool Equals(object obj)
        {
            return obj is EntityReference other
                && other.Id == Id
                && string.Equals(other.LogicalName, LogicalName, StringComparison.Ordinal);
        }

        public override int GetHashCode()
        {
            return Id.GetHashCode() ^ (LogicalName == null ? 0 : StringComparer.Ordinal.GetHashCode(LogicalName));
        }
    }
}
