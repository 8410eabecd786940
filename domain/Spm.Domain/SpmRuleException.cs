using System;

namespace Spm.Domain
{
    /// <summary>The one exception type for a broken business rule. Names the field and the offending value.</summary>
    public sealed class SpmRuleException : Exception
    {
        public SpmRuleException(string field, object? value, string message)
            : base(message)
        {
            Field = field;
            Value = value;
        }

        /// <summary>The field (or rule input) that is wrong, e.g. "Tier[2].From" or "Deal.ExchangeRate".</summary>
        public string Field { get; }

        /// <summary>The value that broke the rule, for display; null when the value is missing.</summary>
        public object? Value { get; }
    }
}
