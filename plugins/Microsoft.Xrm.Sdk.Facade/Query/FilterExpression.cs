using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>Conditions and child filters combined with <see cref="FilterOperator"/> (And by default).</summary>
    public sealed class FilterExpression : IExtensibleDataObject
    {
        public FilterExpression()
            : this(LogicalOperator.And)
        {
        }

        public FilterExpression(LogicalOperator filterOperator)
        {
            FilterOperator = filterOperator;
            Conditions = new DataCollection<ConditionExpression>();
            Filters = new DataCollection<FilterExpression>();
        }

        public DataCollection<ConditionExpression> Conditions { get; }

        public ExtensionDataObject ExtensionData { get; set; }

        public string FilterHint { get; set; }

        public LogicalOperator FilterOperator { get; set; }

        public DataCollection<FilterExpression> Filters { get; }

        public bool IsQuickFindFilter { get; set; }

        /// <summary>Adds <paramref name="condition"/>; as in the official SDK a null is added too, not refused.</summary>
        public void AddCondition(ConditionExpression condition)
        {
            Conditions.Add(condition);
        }

        public void AddCondition(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value)
        {
            Conditions.Add(new ConditionExpression(attributeName, conditionOperator, compareColumns, value));
        }

        public void AddCondition(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
        {
            Conditions.Add(new ConditionExpression(attributeName, conditionOperator, compareColumns, values));
        }

        public void AddCondition(string attributeName, ConditionOperator conditionOperator, params object[] values)
        {
            Conditions.Add(new ConditionExpression(attributeName, conditionOperator, values));
        }

        public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value)
        {
            Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, compareColumns, value));
        }

        public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
        {
            Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, compareColumns, values));
        }

        public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, params object[] values)
        {
            Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, values));
        }

        /// <summary>Adds and returns a new child filter.</summary>
        public FilterExpression AddFilter(LogicalOperator logicalOperator)
        {
            var child = new FilterExpression(logicalOperator);
            Filters.Add(child);
            return child;
        }

        /// <summary>Adds <paramref name="childFilter"/>; as in the official SDK a null is ignored.</summary>
        public void AddFilter(FilterExpression childFilter)
        {
            if (childFilter != null)
            {
                Filters.Add(childFilter);
            }
        }
    }
}
