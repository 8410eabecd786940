using System;
using System.Globalization;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Client;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A record (late bound): logical name, id, attribute values and their formatted values.</summary>
    public class Entity : IExtensibleDataObject
    {
        private Guid _id;

        public Entity()
        {
            Attributes = new AttributeCollection();
            FormattedValues = new FormattedValueCollection();
            KeyAttributes = new KeyAttributeCollection();
            RelatedEntities = new RelatedEntityCollection();
        }

        public Entity(string entityName)
            : this()
        {
            LogicalName = entityName;
        }

        public Entity(string entityName, Guid id)
            : this(entityName)
        {
            _id = id;
        }

        public Entity(string entityName, KeyAttributeCollection keyAttributes)
            : this(entityName)
        {
            KeyAttributes = keyAttributes;
        }

        public Entity(string entityName, string keyName, object keyValue)
            : this(entityName)
        {
            KeyAttributes[keyName] = keyValue;
        }

        public AttributeCollection Attributes { get; set; }

        public EntityState? EntityState { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public FormattedValueCollection FormattedValues { get; set; }

        /// <summary>
        /// The record id. On this (late-bound) class it is independent of <see cref="Attributes"/>: setting it does not
        /// add the primary-key attribute, and adding that attribute does not change it.
        /// </summary>
        public virtual Guid Id
        {
            get => _id;
            set => _id = value;
        }

        public KeyAttributeCollection KeyAttributes { get; set; }

        public string LogicalName { get; set; }

        public RelatedEntityCollection RelatedEntities { get; set; }

        public string RowVersion { get; set; }

        /// <summary>
        /// Gets or sets an attribute value. Getting an attribute the entity does not contain throws
        /// <see cref="System.Collections.Generic.KeyNotFoundException"/>; setting adds or replaces it.
        /// </summary>
        public object this[string attributeName]
        {
            get => Attributes[attributeName];
            set => Attributes[attributeName] = value;
        }

        public bool Contains(string attributeName) => Attributes.Contains(attributeName);

        /// <summary>
        /// Gets an attribute value as <typeparamref name="T"/>: default(T) when the attribute is missing or null,
        /// otherwise the value cast to <typeparamref name="T"/> (a value of another type throws <see cref="InvalidCastException"/>).
        /// </summary>
        public virtual T GetAttributeValue<T>(string attributeLogicalName)
        {
            if (Attributes.TryGetValue(attributeLogicalName, out object value) && value != null)
            {
                return (T)value;
            }

            return default;
        }

        /// <summary>
        /// Gets an attribute value when the entity contains it and it is a <typeparamref name="T"/>;
        /// a missing attribute, a null value or a value of another type returns false and default(T).
        /// </summary>
        public bool TryGetAttributeValue<T>(string attributeKey, out T result)
        {
            if (Attributes.TryGetValue(attributeKey, out object value) && value is T typed)
            {
                result = typed;
                return true;
            }

            result = default;
            return false;
        }

        /// <summary>
        /// Returns this record as <typeparamref name="T"/>, a shallow copy that shares the attribute, formatted-value,
        /// key-attribute and related-entity collections with this instance. As in the official SDK, a <typeparamref name="T"/>
        /// other than <see cref="Entity"/> must carry <see cref="EntityLogicalNameAttribute"/> naming this record's
        /// <see cref="LogicalName"/>; otherwise <see cref="NotSupportedException"/> is thrown.
        /// </summary>
        public T ToEntity<T>()
            where T : Entity
        {
            if (typeof(T) == typeof(Entity))
            {
                var late = new Entity();
                ShallowCopyTo(late);
                return (T)late;
            }

            if (string.IsNullOrWhiteSpace(LogicalName))
            {
                throw new NotSupportedException("LogicalName must be set before calling ToEntity()");
            }

            var declared = (EntityLogicalNameAttribute)Attribute.GetCustomAttribute(typeof(T), typeof(EntityLogicalNameAttribute), inherit: true);
            string target = declared?.LogicalName;
            if (string.IsNullOrWhiteSpace(target))
            {
                // The official message, word for word (its grammar included), so a test or a log reads the same on both SDKs.
                throw new NotSupportedException("Cannot convert to type that is does not have EntityLogicalNameAttribute");
            }

            if (!string.Equals(LogicalName, target, StringComparison.Ordinal))
            {
                throw new NotSupportedException(string.Format(CultureInfo.InvariantCulture, "Cannot convert entity {0} to {1}", LogicalName, target));
            }

            T early = Activator.CreateInstance<T>();
            ShallowCopyTo(early);
            return early;
        }

        /// <summary>Returns a reference to this record: logical name, id and row version. Key attributes are not carried over.</summary>
        public EntityReference ToEntityReference()
        {
            return new EntityReference(LogicalName, Id) { RowVersion = RowVersion };
        }

        protected virtual string GetFormattedAttributeValue(string attributeLogicalName)
        {
            return FormattedValues.TryGetValue(attributeLogicalName, out string formatted) ? formatted : null;
        }

        protected virtual void SetAttributeValue(string attributeLogicalName, object value)
        {
            Attributes[attributeLogicalName] = value;
        }

        private void ShallowCopyTo(Entity target)
        {
            target.LogicalName = LogicalName;
            target.Id = Id;
            target.Attributes = Attributes;
            target.FormattedValues = FormattedValues;
            target.KeyAttributes = KeyAttributes;
            target.RelatedEntities = RelatedEntities;
            target.EntityState = EntityState;
            target.RowVersion = RowVersion;
            target.ExtensionData = ExtensionData;
        }
    }
}
