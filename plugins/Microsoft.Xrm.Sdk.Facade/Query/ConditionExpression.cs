using System.Collections;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>One condition of a filter: attribute, operator and values.</summary>
    public sealed class ConditionExpression : IExtensibleDataObject
    {
        public ConditionExpression()
        {
            Values = new DataCollection<object>();
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator)
            : this()
        {
            AttributeName = attributeName;
            Operator = conditionOperator;
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value)
            : this(attributeName, conditionOperator, value)
        {
            CompareColumns = compareColumns;
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
            : this(attributeName, conditionOperator, values)
        {
            CompareColumns = compareColumns;
        }

        /// <summary>A condition whose values are the elements of <paramref name="values"/> (for example a list of ids for In).</summary>
        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, ICollection values)
            : this(attributeName, conditionOperator)
        {
            if (values != null)
            {
                foreach (object value in values)
                {
                    Values.Add(value);
                }
            }
        }

        /// <summary>A condition with the single value <paramref name="value"/>.</summary>
        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, object value)
            : this(attributeName, conditionOperator)
        {
            Values.Add(value);
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, params object[] values)
            : this(attributeName, conditionOperator)
        {
            if (values != null)
            {
                Values.AddRange(values);
            }
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator)
            : this(attributeName, conditionOperator)
        {
            EntityName = entityName;
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value)
            : this(attributeName, conditionOperator, compareColumns, value)
        {
            EntityName = entityName;
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
            : this(attributeName, conditionOperator, compareColumns, values)
        {
            EntityName = entityName;
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, object value)
            : this(attributeName, conditionOperator, value)
        {
            EntityName = entityName;
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, params object[] values)
            : this(attributeName, conditionOperator, values)
        {
            EntityName = entityName;
        }

        public string AttributeName { get; set; }

        /// <summary>When true the value is the name of another column to compare with.</summary>
        public bool CompareColumns { get; set; }

        /// <summary>The alias or logical name of the linked entity the attribute belongs to (null: the query's entity).</summary>
        public string EntityName { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public ConditionOperator Operator { get; set; }

        public DataCollection<object> Values { get; }
    }
}
