using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.Dataverse.Metadata
{
    /// <summary>OwnershipTypes: user/team-owned rows carry ownerid; organization-owned rows do not.</summary>
    public enum OwnershipType
    {
        UserOwned,
        OrganizationOwned,
    }

    /// <summary>A statecode value with its label and the statuscode values valid in it (the first is the default).</summary>
    public sealed class StateDefinition
    {
        public StateDefinition(int value, string name, IReadOnlyList<int> statuses)
        {
            if (statuses == null || statuses.Count == 0)
            {
                throw new ArgumentException("A state needs at least one status.", nameof(statuses));
            }

            Value = value;
            Name = name;
            Statuses = statuses;
        }

        public int Value { get; }

        public string Name { get; }

        public IReadOnlyList<int> Statuses { get; }

        public int DefaultStatus => Statuses[0];
    }

    /// <summary>One table (entity): names, ownership, columns, state model and alternate keys.</summary>
    public sealed class TableMetadata
    {
        private readonly Dictionary<string, ColumnMetadata> _columns = new Dictionary<string, ColumnMetadata>(StringComparer.Ordinal);
        private readonly List<StateDefinition> _states = new List<StateDefinition>();
        private readonly Dictionary<string, IReadOnlyList<string>> _keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        /// <summary>
        /// Creates a table with the columns every Dataverse table has: the primary id, the primary name (when given),
        /// createdon/modifiedon, createdby/modifiedby and, for user-owned tables, ownerid and owningbusinessunit.
        /// </summary>
        public TableMetadata(string logicalName, string primaryIdAttribute, string? primaryNameAttribute, OwnershipType ownership)
        {
            if (string.IsNullOrWhiteSpace(logicalName))
            {
                throw new ArgumentException("A table needs a logical name.", nameof(logicalName));
            }

            LogicalName = logicalName;
            PrimaryIdAttribute = primaryIdAttribute;
            PrimaryNameAttribute = primaryNameAttribute;
            Ownership = ownership;

            AddColumn(primaryIdAttribute, ColumnType.Uniqueidentifier);
            if (primaryNameAttribute != null)
            {
                AddColumn(primaryNameAttribute, ColumnType.String);
            }

            AddColumn("createdon", ColumnType.DateTime);
            AddColumn("modifiedon", ColumnType.DateTime);
            AddColumn("createdby", ColumnType.Lookup).WithTargets("systemuser");
            AddColumn("modifiedby", ColumnType.Lookup).WithTargets("systemuser");
            if (ownership == OwnershipType.UserOwned)
            {
                AddColumn("ownerid", ColumnType.Owner).WithTargets("systemuser", "team");
                AddColumn("owningbusinessunit", ColumnType.Lookup).WithTargets("businessunit");
            }
        }

        public string LogicalName { get; }

        /// <summary>
        /// The Web API's name of the table's collection (EntitySetName): the maker's default plural unless set, e.g.
        /// opportunities, spm_statements; intersect tables keep the platform's own names (systemuserrolescollection).
        /// </summary>
        public string EntitySetName
        {
            get => _entitySetName ?? DefaultEntitySetName(LogicalName);
            set => _entitySetName = string.IsNullOrWhiteSpace(value) ? null : value;
        }

        private string? _entitySetName;

        private static string DefaultEntitySetName(string logicalName) =>
            logicalName.EndsWith("y", StringComparison.Ordinal) && logicalName.Length > 1 && "aeiou".IndexOf(logicalName[logicalName.Length - 2]) < 0
                ? logicalName.Substring(0, logicalName.Length - 1) + "ies"
                : logicalName + "s";

        public string PrimaryIdAttribute { get; }

        public string? PrimaryNameAttribute { get; }

        public OwnershipType Ownership { get; }

        /// <summary>The name of the state enumeration in fault messages, e.g. "OpportunityState".</summary>
        public string? StateEnumName { get; private set; }

        public IReadOnlyCollection<ColumnMetadata> Columns => _columns.Values;

        public IReadOnlyList<StateDefinition> States => _states;

        public bool HasStateCode => _states.Count > 0;

        public IReadOnlyDictionary<string, IReadOnlyList<string>> AlternateKeys => _keys;

        /// <summary>True when the table has transactioncurrencyid, so its Money columns get *_base companions.</summary>
        public bool IsCurrencyTable => _columns.TryGetValue("transactioncurrencyid", out ColumnMetadata? column) && column.Type == ColumnType.Lookup;

        public ColumnMetadata AddColumn(string logicalName, ColumnType type)
        {
            var column = new ColumnMetadata(logicalName, type);
            return AddColumn(column);
        }

        /// <summary>Adds (or replaces) a column. A Money column also adds its computed "_base" column.</summary>
        public ColumnMetadata AddColumn(ColumnMetadata column)
        {
            if (column == null)
            {
                throw new ArgumentNullException(nameof(column));
            }

            _columns[column.LogicalName] = column;
            if (column.Type == ColumnType.Money && !column.IsComputed && !column.LogicalName.EndsWith("_base", StringComparison.Ordinal))
            {
                _columns[column.LogicalName + "_base"] = new ColumnMetadata(column.LogicalName + "_base", ColumnType.Money) { IsComputed = true };
            }

            return column;
        }

        /// <summary>Adds transactioncurrencyid and exchangerate, which make the table's Money columns currency-aware.</summary>
        public TableMetadata WithCurrency()
        {
            AddColumn("transactioncurrencyid", ColumnType.Lookup).WithTargets("transactioncurrency");
            AddColumn("exchangerate", ColumnType.Decimal).Range(0.0000000001m, 100000000000m);
            return this;
        }

        /// <summary>Adds statecode/statuscode with the valid state → status pairs.</summary>
        public TableMetadata WithStates(string stateEnumName, params StateDefinition[] states)
        {
            if (states == null || states.Length == 0)
            {
                throw new ArgumentException("At least one state is needed.", nameof(states));
            }

            StateEnumName = stateEnumName;
            _states.Clear();
            _states.AddRange(states);
            AddColumn("statecode", ColumnType.State).WithOptions(states.Select(s => s.Value).ToArray());
            AddColumn("statuscode", ColumnType.Status).WithOptions(states.SelectMany(s => s.Statuses).ToArray());
            return this;
        }

        /// <summary>The usual Active(0: status 1) / Inactive(1: status 2) state model of custom tables.</summary>
        public TableMetadata WithActiveInactiveStates(string stateEnumName)
        {
            return WithStates(stateEnumName, new StateDefinition(0, "Active", new[] { 1 }), new StateDefinition(1, "Inactive", new[] { 2 }));
        }

        /// <summary>
        /// Declares an alternate key: no two rows may have the same values in all its columns. As in Dataverse (a unique
        /// index filtered on non-null values), a row with any key column null takes no part in the key.
        /// </summary>
        public TableMetadata WithAlternateKey(string keyName, params string[] columns)
        {
            foreach (string column in columns)
            {
                if (!_columns.ContainsKey(column))
                {
                    throw new ArgumentException($"Key '{keyName}' names column '{column}', which table '{LogicalName}' does not have.", nameof(columns));
                }
            }

            _keys[keyName] = columns;
            return this;
        }

        public bool TryGetColumn(string logicalName, out ColumnMetadata column)
        {
            return _columns.TryGetValue(logicalName, out column!);
        }

        public bool HasColumn(string logicalName) => _columns.ContainsKey(logicalName);

        public ColumnMetadata? FindColumn(string logicalName) => _columns.TryGetValue(logicalName, out ColumnMetadata? column) ? column : null;

        public StateDefinition? FindState(int value) => _states.FirstOrDefault(s => s.Value == value);

        /// <summary>The state a status belongs to, or null.</summary>
        public StateDefinition? StateOfStatus(int status) => _states.FirstOrDefault(s => s.Statuses.Contains(status));
    }
}
