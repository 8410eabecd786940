using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A currency attribute value. Two instances are equal when their values are equal.</summary>
    public sealed class Money : IExtensibleDataObject
    {
        public Money()
        {
        }

        public Money(decimal value)
        {
            Value = value;
        }

        public ExtensionDataObject ExtensionData { get; set; }

        public decimal Value { get; set; }

        public override bool Equals(object obj) => obj is Money other && other.Value == Value;

        public override int GetHashCode() => Value.GetHashCode();
    }

    /// <summary>A choice (option set) attribute value. Two instances are equal when their values are equal.</summary>
    public sealed class OptionSetValue : IExtensibleDataObject
    {
        public OptionSetValue()
        {
        }

        public OptionSetValue(int value)
        {
            Value = value;
        }

        public ExtensionDataObject ExtensionData { get; set; }

        public int Value { get; set; }

        public override bool Equals(object obj) => obj is OptionSetValue other && other.Value == Value;

        public override int GetHashCode() => Value.GetHashCode();
    }

    /// <summary>The value of an attribute of a linked entity, returned under an alias by a query.</summary>
    public sealed class AliasedValue : IExtensibleDataObject
    {
        public AliasedValue()
        {
        }

        public AliasedValue(string entityLogicalName, string attributeLogicalName, object value)
        {
            EntityLogicalName = entityLogicalName;
            AttributeLogicalName = attributeLogicalName;
            Value = value;
        }

        public string AttributeLogicalName { get; }

        public string EntityLogicalName { get; }

        public ExtensionDataObject ExtensionData { get; set; }

        public object Value { get; }
    }
}
