using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.Dataverse.Metadata
{
    /// <summary>The Dataverse attribute types the in-memory organization knows.</summary>
    public enum ColumnType
    {
        String,
        Memo,
        Integer,
        Decimal,
        Double,
        Money,
        Boolean,
        DateTime,
        Lookup,
        Owner,
        Picklist,
        State,
        Status,
        Uniqueidentifier,
    }

    /// <summary>AttributeRequiredLevel. Only <see cref="SystemRequired"/> is enforced by the platform (as in Dataverse).</summary>
    public enum RequiredLevel
    {
        None,
        Recommended,
        ApplicationRequired,
        SystemRequired,
    }

    /// <summary>Where a Money column takes its precision from (MoneyAttributeMetadata.PrecisionSource).</summary>
    public enum MoneyPrecisionSource
    {
        /// <summary>0: the column's own <see cref="ColumnMetadata.Precision"/>.</summary>
        Precision,

        /// <summary>1: the organization's pricing decimal precision.</summary>
        PricingDecimalPrecision,

        /// <summary>2: the precision of the row's transaction currency (what a new currency column gets).</summary>
        CurrencyPrecision,
    }

    /// <summary>One column (attribute) of a table.</summary>
    public sealed class ColumnMetadata
    {
        private readonly List<string> _targets = new List<string>();
        private readonly SortedSet<int> _options = new SortedSet<int>();
        private readonly SortedDictionary<int, string> _optionLabels = new SortedDictionary<int, string>();

        public ColumnMetadata(string logicalName, ColumnType type)
        {
            if (string.IsNullOrWhiteSpace(logicalName))
            {
                throw new ArgumentException("A column needs a logical name.", nameof(logicalName));
            }

            LogicalName = logicalName;
            Type = type;
        }

        public string LogicalName { get; }

        public ColumnType Type { get; }

        public RequiredLevel RequiredLevel { get; set; }

        /// <summary>For <see cref="ColumnType.DateTime"/>: DateOnly behaviour (the time part is always midnight).</summary>
        public bool DateOnly { get; set; }

        /// <summary>Maintained by the platform (for example the *_base money columns); a value sent by a caller is replaced.</summary>
        public bool IsComputed { get; set; }

        /// <summary>For Lookup/Owner columns: the tables the reference may point to.</summary>
        public IReadOnlyList<string> Targets => _targets;

        /// <summary>For Picklist/State/Status columns: the valid option values (empty = any value).</summary>
        public IReadOnlyCollection<int> Options => _options;

        /// <summary>The user-language labels of the options that have one (what a FormattedValue shows), by value.</summary>
        public IReadOnlyDictionary<int, string> OptionLabels => _optionLabels;

        /// <summary>Column security (IsSecured): only users a field security profile grants see or set its value.</summary>
        public bool IsSecured { get; set; }

        /// <summary>Inclusive lower bound for Integer/Decimal/Double/Money columns.</summary>
        public decimal? MinValue { get; set; }

        /// <summary>Inclusive upper bound for Integer/Decimal/Double/Money columns.</summary>
        public decimal? MaxValue { get; set; }

        /// <summary>For String/Memo columns.</summary>
        public int? MaxLength { get; set; }

        /// <summary>For Decimal/Double/Money columns: the digits kept after the decimal point (Dataverse rounds a value with more); null keeps every digit.</summary>
        public int? Precision { get; set; }

        /// <summary>For Money columns; when not <see cref="MoneyPrecisionSource.Precision"/>, <see cref="Precision"/> is null here.</summary>
        public MoneyPrecisionSource? PrecisionSource { get; set; }

        public ColumnMetadata WithTargets(params string[] targets)
        {
            foreach (string target in targets)
            {
                if (!_targets.Contains(target, StringComparer.Ordinal))
                {
                    _targets.Add(target);
                }
            }

            return this;
        }

        public ColumnMetadata WithOptions(params int[] options)
        {
            foreach (int option in options)
            {
                _options.Add(option);
            }

            return this;
        }

        /// <summary>Adds an option with its label.</summary>
        public ColumnMetadata WithOption(int value, string label)
        {
            _options.Add(value);
            _optionLabels[value] = label;
            return this;
        }

        public ColumnMetadata Required(RequiredLevel level = RequiredLevel.SystemRequired)
        {
            RequiredLevel = level;
            return this;
        }

        public ColumnMetadata Range(decimal min, decimal max)
        {
            MinValue = min;
            MaxValue = max;
            return this;
        }

        /// <summary>The CLR type a value of this column has in an Entity (Money, EntityReference, OptionSetValue, ...).</summary>
        public Type ValueType => Type switch
        {
            ColumnType.String or ColumnType.Memo => typeof(string),
            ColumnType.Integer => typeof(int),
            ColumnType.Decimal => typeof(decimal),
            ColumnType.Double => typeof(double),
            ColumnType.Money => typeof(Microsoft.Xrm.Sdk.Money),
            ColumnType.Boolean => typeof(bool),
            ColumnType.DateTime => typeof(System.DateTime),
            ColumnType.Lookup or ColumnType.Owner => typeof(Microsoft.Xrm.Sdk.EntityReference),
            ColumnType.Picklist or ColumnType.State or ColumnType.Status => typeof(Microsoft.Xrm.Sdk.OptionSetValue),
            ColumnType.Uniqueidentifier => typeof(Guid),
            _ => typeof(object),
        };

        public bool IsNumeric => Type is ColumnType.Integer or ColumnType.Decimal or ColumnType.Double or ColumnType.Money;
    }
}
