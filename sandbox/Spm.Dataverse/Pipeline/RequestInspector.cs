using System;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>What the pipeline reads off a request: the primary entity it acts on, and a private copy to run.</summary>
    internal static class RequestInspector
    {
        /// <summary>
        /// The primary entity of a message: the Target (Create, Update, Delete, Assign, Retrieve, custom messages), the
        /// EntityMoniker (SetState), the opportunity of the OpportunityClose (Win, Lose) or the queried table (RetrieveMultiple).
        /// </summary>
        public static (string? EntityName, Guid Id) PrimaryEntity(string messageName, OrganizationRequest request)
        {
            ParameterCollection parameters = request.Parameters;
            if (messageName == MessageNames.Win || messageName == MessageNames.Lose)
            {
                parameters.TryGetValue("OpportunityClose", out object? close);
                Guid id = close is Entity closeEntity && closeEntity.Attributes.TryGetValue("opportunityid", out object? opportunity)
                    && opportunity is EntityReference reference
                    ? reference.Id
                    : Guid.Empty;
                return ("opportunity", id);
            }

            if (parameters.TryGetValue("Target", out object? target) || parameters.TryGetValue("EntityMoniker", out target))
            {
                switch (target)
                {
                    case Entity entity:
                        return (entity.LogicalName, entity.Id);
                    case EntityReference reference:
                        return (reference.LogicalName, reference.Id);
                }
            }

            if (parameters.TryGetValue("Query", out object? query))
            {
                switch (query)
                {
                    case QueryExpression expression:
                        return (expression.EntityName, Guid.Empty);
                    case FetchExpression fetch:
                        return (FetchEntityName(fetch.Query), Guid.Empty);
                }
            }

            return (null, Guid.Empty);
        }

        /// <summary>
        /// A copy of the request of the same type, with its own parameter collection and copies of entity values, so the
        /// pipeline (and plug-ins changing InputParameters) never touch the caller's objects, as over the wire.
        /// </summary>
        public static OrganizationRequest Copy(OrganizationRequest request)
        {
            OrganizationRequest copy;
            try
            {
                copy = (OrganizationRequest?)Activator.CreateInstance(request.GetType()) ?? new OrganizationRequest();
            }
            catch (MissingMethodException)
            {
                copy = new OrganizationRequest();
            }

            copy.RequestName = request.RequestName;
            copy.RequestId = request.RequestId;
            copy.Parameters = CopyParameters(request.Parameters);
            return copy;
        }

        public static ParameterCollection CopyParameters(ParameterCollection parameters)
        {
            var copy = new ParameterCollection();
            foreach (System.Collections.Generic.KeyValuePair<string, object> parameter in parameters)
            {
                copy[parameter.Key] = CopyValue(parameter.Value);
            }

            return copy;
        }

        public static Entity CopyEntity(Entity entity)
        {
            var copy = new Entity(entity.LogicalName, entity.Id)
            {
                EntityState = entity.EntityState,
                RowVersion = entity.RowVersion,
            };
            foreach (System.Collections.Generic.KeyValuePair<string, object> attribute in entity.Attributes)
            {
                copy.Attributes[attribute.Key] = CopyValue(attribute.Value);
            }

            foreach (System.Collections.Generic.KeyValuePair<string, object> key in entity.KeyAttributes)
            {
                copy.KeyAttributes[key.Key] = key.Value;
            }

            foreach (System.Collections.Generic.KeyValuePair<string, string> formatted in entity.FormattedValues)
            {
                copy.FormattedValues[formatted.Key] = formatted.Value;
            }

            return copy;
        }

        private static object CopyValue(object value)
        {
            switch (value)
            {
                case Entity entity:
                    return CopyEntity(entity);
                case EntityReference reference:
                    // A Target keeps what addresses the row: its row version (IfRowVersionMatches) and alternate key values.
                    var referenceCopy = new EntityReference(reference.LogicalName, reference.Id) { Name = reference.Name, RowVersion = reference.RowVersion };
                    foreach (System.Collections.Generic.KeyValuePair<string, object> key in reference.KeyAttributes)
                    {
                        referenceCopy.KeyAttributes[key.Key] = key.Value;
                    }

                    return referenceCopy;
                case Money money:
                    return new Money(money.Value);
                case OptionSetValue option:
                    return new OptionSetValue(option.Value);
                default:
                    return value;
            }
        }

        private static string? FetchEntityName(string fetchXml)
        {
            try
            {
                return XDocument.Parse(fetchXml).Root?.Element("entity")?.Attribute("name")?.Value;
            }
            catch (XmlException)
            {
                return null;
            }
        }
    }
}
