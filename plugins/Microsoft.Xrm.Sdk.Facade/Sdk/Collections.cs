using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>The attribute values of an entity, keyed by attribute logical name.</summary>
    public sealed class AttributeCollection : DataCollection<string, object>
    {
        public AttributeCollection()
        {
        }
    }

    /// <summary>The formatted (display) values of an entity's attributes, keyed by attribute logical name.</summary>
    public sealed class FormattedValueCollection : DataCollection<string, string>
    {
        public FormattedValueCollection()
        {
        }
    }

    /// <summary>The alternate-key values that identify a record.</summary>
    public sealed class KeyAttributeCollection : DataCollection<string, object>
    {
        public KeyAttributeCollection()
        {
        }
    }

    /// <summary>Request parameters, response results, execution-context parameters and shared variables.</summary>
    public class ParameterCollection : DataCollection<string, object>
    {
        public ParameterCollection()
        {
        }

        protected ParameterCollection(IDictionary<string, object> collection)
            : base(collection)
        {
        }

        /// <summary>Adds or replaces <paramref name="key"/> when <paramref name="obj"/> is not null; does nothing otherwise.</summary>
        public void AddOrUpdateIfNotNull(string key, object obj)
        {
            if (obj != null)
            {
                this[key] = obj;
            }
        }

        /// <summary>
        /// Gets the value stored under <paramref name="key"/> when it exists and is a <typeparamref name="T"/>.
        /// A missing key, a null value or a value of another type returns false and default(T).
        /// </summary>
        public bool TryGetValue<T>(string key, out T value)
        {
            // base. is required: inside this class an unqualified call would bind to this generic overload.
            if (base.TryGetValue(key, out object stored) && stored is T typed)
            {
                value = typed;
                return true;
            }

            value = default;
            return false;
        }
    }

    /// <summary>Pre- or post-images of the primary entity, keyed by image alias.</summary>
    public class EntityImageCollection : DataCollection<string, Entity>
    {
        public EntityImageCollection()
        {
        }

        protected internal EntityImageCollection(IDictionary<string, Entity> collection)
            : base(collection)
        {
        }
    }

    /// <summary>Details attached to a service fault.</summary>
    public sealed class ErrorDetailCollection : DataCollection<string, object>
    {
        public ErrorDetailCollection()
        {
        }
    }

    /// <summary>Related records of an entity, keyed by relationship.</summary>
    public sealed class RelatedEntityCollection : DataCollection<Relationship, EntityCollection>
    {
        public RelatedEntityCollection()
        {
        }

        public override bool IsReadOnly => false;
    }

    /// <summary>A list of entity references (for example the records to associate).</summary>
    public sealed class EntityReferenceCollection : DataCollection<EntityReference>
    {
        public EntityReferenceCollection()
        {
        }

        public EntityReferenceCollection(IList<EntityReference> list)
            : base(list)
        {
        }
    }

    /// <summary>The requests of an <see cref="Messages.ExecuteMultipleRequest"/>.</summary>
    public sealed class OrganizationRequestCollection : DataCollection<OrganizationRequest>
    {
        public OrganizationRequestCollection()
        {
        }
    }

    /// <summary>The responses of an <see cref="Messages.ExecuteTransactionResponse"/>, in request order.</summary>
    public sealed class OrganizationResponseCollection : DataCollection<OrganizationResponse>
    {
        public OrganizationResponseCollection()
        {
        }
    }

    /// <summary>The per-request results of an <see cref="Messages.ExecuteMultipleResponse"/>.</summary>
    public sealed class ExecuteMultipleResponseItemCollection : DataCollection<ExecuteMultipleResponseItem>
    {
        public ExecuteMultipleResponseItemCollection()
        {
        }
    }
}
