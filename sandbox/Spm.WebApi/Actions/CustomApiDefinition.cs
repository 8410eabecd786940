using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.WebApi.Actions
{
    /// <summary>The customapi*.type choice: what a request parameter or response property holds.</summary>
    public enum CustomApiFieldType
    {
        Boolean = 0,
        DateTime = 1,
        Decimal = 2,
        Entity = 3,
        EntityCollection = 4,
        EntityReference = 5,
        Float = 6,
        Integer = 7,
        Money = 8,
        Picklist = 9,
        String = 10,
        StringArray = 11,
        Guid = 12,
    }

    /// <summary>A request parameter or response property of a custom API (customapirequestparameter / customapiresponseproperty).</summary>
    public sealed record CustomApiField(string UniqueName, CustomApiFieldType Type, bool IsOptional, string? LogicalEntityName);

    /// <summary>
    /// A custom API as the solution defines it (customapis/&lt;uniquename&gt;/customapi.xml and its parameter and property
    /// folders): the Web API serves it as a function (GET, parameters in the URL) or an action (POST, parameters in the body),
    /// unbound (bindingtype 0) or bound to a table, and answers with its response properties.
    /// </summary>
    public sealed class CustomApiDefinition
    {
        public CustomApiDefinition(
            string uniqueName,
            bool isFunction,
            string? boundEntityLogicalName,
            IReadOnlyList<CustomApiField> requestParameters,
            IReadOnlyList<CustomApiField> responseProperties)
        {
            UniqueName = uniqueName;
            IsFunction = isFunction;
            BoundEntityLogicalName = boundEntityLogicalName;
            RequestParameters = requestParameters;
            ResponseProperties = responseProperties;
        }

        /// <summary>The message name, e.g. spm_EstimateCommission.</summary>
        public string UniqueName { get; }

        public bool IsFunction { get; }

        /// <summary>The table a bound API acts on, or null for a global one.</summary>
        public string? BoundEntityLogicalName { get; }

        public IReadOnlyList<CustomApiField> RequestParameters { get; }

        public IReadOnlyList<CustomApiField> ResponseProperties { get; }

        /// <summary>The OData complex type its response is written as: &lt;uniquename&gt;Response.</summary>
        public string ResponseTypeName => UniqueName + "Response";

        public CustomApiField? Parameter(string name) =>
            RequestParameters.FirstOrDefault(p => string.Equals(p.UniqueName, name, StringComparison.Ordinal));
    }
}
