using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.OData.Edm;
using Spm.Dataverse.Metadata;

namespace Spm.WebApi.Edm
{
    /// <summary>
    /// The OData model of the organization, built from <see cref="DataverseMetadata"/> as Dataverse builds its $metadata:
    /// one entity type per table in namespace Microsoft.Dynamics.CRM named by logical name, keyed by the primary id; a
    /// lookup is the Guid property _&lt;lookup&gt;_value plus a single-valued navigation property (named by the lookup, or
    /// &lt;lookup&gt;_&lt;table&gt; for each table of a lookup with several); the entity set is the table's EntitySetName.
    /// It also maps the model's names back to tables and columns.
    /// </summary>
    public sealed class DataverseEdmModel
    {
        public const string Namespace = "Microsoft.Dynamics.CRM";
        public const string ContainerName = "System";

        private readonly EdmModel _model = new EdmModel();
        private readonly EdmEntityContainer _container = new EdmEntityContainer(Namespace, ContainerName);
        private readonly Dictionary<string, EdmEntityType> _types = new Dictionary<string, EdmEntityType>(StringComparer.Ordinal);
        private readonly Dictionary<string, EdmEntitySet> _sets = new Dictionary<string, EdmEntitySet>(StringComparer.Ordinal);
        private readonly Dictionary<IEdmNavigationProperty, NavigationLookup> _navigations = new Dictionary<IEdmNavigationProperty, NavigationLookup>();

        private DataverseEdmModel(DataverseMetadata metadata)
        {
            Metadata = metadata;
            _model.AddElement(_container);
        }

        public DataverseMetadata Metadata { get; }

        /// <summary>The model, for ODataUriParser, ODataMessageWriter and CsdlWriter.</summary>
        public IEdmModel Model => _model;

        /// <summary>The model while it is built: operations (functions and actions) are added to it by the features that serve them.</summary>
        public EdmModel MutableModel => _model;

        public EdmEntityContainer Container => _container;

        /// <summary>The model of every table of <paramref name="metadata"/>, then the operations each feature adds (<see cref="EdmOperations"/>).</summary>
        public static DataverseEdmModel Build(DataverseMetadata metadata)
        {
            var edm = new DataverseEdmModel(metadata);
            List<TableMetadata> tables = metadata.Tables.OrderBy(t => t.LogicalName, StringComparer.Ordinal).ToList();
            foreach (TableMetadata table in tables)
            {
                edm.AddEntityType(table);
            }

            foreach (TableMetadata table in tables)
            {
                edm.AddNavigations(table);
            }

            EdmOperations.AddTo(edm);
            return edm;
        }

        /// <summary>The Web API name of a lookup column's value: _&lt;lookup&gt;_value.</summary>
        public static string LookupValueName(string lookupColumn) => "_" + lookupColumn + "_value";

        public static bool IsLookup(ColumnMetadata column) => column.Type is ColumnType.Lookup or ColumnType.Owner;

        /// <summary>The property a column is written as: the column's name, or _&lt;name&gt;_value for a lookup.</summary>
        public static string PropertyName(ColumnMetadata column) => IsLookup(column) ? LookupValueName(column.LogicalName) : column.LogicalName;

        public EdmEntityType EntityType(string table) =>
            _types.TryGetValue(table, out EdmEntityType? type) ? type : throw new ArgumentException($"The model has no entity type '{table}'.", nameof(table));

        public IEdmEntitySet EntitySet(string table) =>
            _sets.TryGetValue(table, out EdmEntitySet? set) ? set : throw new ArgumentException($"The model has no entity set for table '{table}'.", nameof(table));

        /// <summary>The table an entity set or entity type serves.</summary>
        public TableMetadata Table(IEdmEntityType type) => Metadata.GetTable(type.Name);

        public TableMetadata Table(IEdmNavigationSource set) => Table(set.EntityType);

        /// <summary>The column behind a structural property (a lookup's _x_value included), or null.</summary>
        public static ColumnMetadata? ColumnOf(TableMetadata table, string propertyName)
        {
            if (propertyName.Length > "__value".Length && propertyName.StartsWith("_", StringComparison.Ordinal) && propertyName.EndsWith("_value", StringComparison.Ordinal))
            {
                ColumnMetadata? lookup = table.FindColumn(propertyName.Substring(1, propertyName.Length - "__value".Length));
                if (lookup != null && IsLookup(lookup))
                {
                    return lookup;
                }
            }

            ColumnMetadata? column = table.FindColumn(propertyName);
            return column != null && !IsLookup(column) ? column : null;
        }

        /// <summary>The lookup column and target table a navigation property follows.</summary>
        public NavigationLookup Navigation(IEdmNavigationProperty property) =>
            _navigations.TryGetValue(property, out NavigationLookup? lookup)
                ? lookup
                : throw new ArgumentException($"'{property.Name}' is not a lookup navigation property of the model.", nameof(property));

        /// <summary>The navigation property a lookup value to <paramref name="targetTable"/> is reached by, or null.</summary>
        public string? NavigationName(TableMetadata table, ColumnMetadata lookup, string targetTable)
        {
            IEdmEntityType type = EntityType(table.LogicalName);
            return _navigations.Where(n => n.Value.Column == lookup && n.Value.TargetTable == targetTable && n.Key.DeclaringType == type)
                .Select(n => n.Key.Name).FirstOrDefault();
        }

        private void AddEntityType(TableMetadata table)
        {
            var type = new EdmEntityType(Namespace, table.LogicalName);
            foreach (ColumnMetadata column in table.Columns.OrderBy(c => PropertyName(c), StringComparer.Ordinal))
            {
                EdmStructuralProperty property = type.AddStructuralProperty(PropertyName(column), TypeOf(column, nullable: column.LogicalName != table.PrimaryIdAttribute));
                if (column.LogicalName == table.PrimaryIdAttribute)
                {
                    type.AddKeys(property);
                }
            }

            _model.AddElement(type);
            _types[table.LogicalName] = type;
            _sets[table.LogicalName] = _container.AddEntitySet(table.EntitySetName, type);

            // The table's alternate keys (the solution's entity keys), each column named by its logical name, so a URL
            // can name a row by them: transactioncurrencies(isocurrencycode='EUR').
            foreach (KeyValuePair<string, IReadOnlyList<string>> key in table.AlternateKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                _model.AddAlternateKeyAnnotation(type, key.Value.ToDictionary(c => c, c => (IEdmProperty)type.FindProperty(PropertyName(table.FindColumn(c)!)), StringComparer.Ordinal));
            }
        }

        private void AddNavigations(TableMetadata table)
        {
            EdmEntityType type = _types[table.LogicalName];
            foreach (ColumnMetadata lookup in table.Columns.Where(IsLookup).OrderBy(c => c.LogicalName, StringComparer.Ordinal))
            {
                // An owner is a user here (teams own no SPM rows), so ownerid navigates to systemuser as one lookup.
                List<string> targets = lookup.Targets.Where(_types.ContainsKey).ToList();
                if (lookup.Type == ColumnType.Owner)
                {
                    targets = targets.Take(1).ToList();
                }

                foreach (string target in targets)
                {
                    string name = targets.Count == 1 ? lookup.LogicalName : lookup.LogicalName + "_" + target;
                    EdmNavigationProperty navigation = type.AddUnidirectionalNavigation(new EdmNavigationPropertyInfo
                    {
                        Name = name,
                        Target = _types[target],
                        TargetMultiplicity = EdmMultiplicity.ZeroOrOne,
                    });
                    _sets[table.LogicalName].AddNavigationTarget(navigation, _sets[target]);
                    _navigations[navigation] = new NavigationLookup(lookup, target);
                }
            }
        }

        private static IEdmTypeReference TypeOf(ColumnMetadata column, bool nullable)
        {
            EdmCoreModel core = EdmCoreModel.Instance;
            return column.Type switch
            {
                ColumnType.String or ColumnType.Memo => core.GetString(isUnbounded: column.MaxLength == null, maxLength: column.MaxLength, isUnicode: true, isNullable: nullable),
                ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status => core.GetInt32(nullable),
                ColumnType.Decimal or ColumnType.Money => core.GetDecimal(precision: null, scale: column.Precision, isNullable: nullable),
                ColumnType.Double => core.GetDouble(nullable),
                ColumnType.Boolean => core.GetBoolean(nullable),
                ColumnType.DateTime when column.DateOnly => core.GetDate(nullable),
                ColumnType.DateTime => core.GetDateTimeOffset(nullable),
                ColumnType.Lookup or ColumnType.Owner or ColumnType.Uniqueidentifier => core.GetGuid(nullable),
                _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, $"Column '{column.LogicalName}' has a type the model does not map."),
            };
        }
    }

    /// <summary>What a navigation property follows: the lookup column and the table it points to.</summary>
    public sealed record NavigationLookup(ColumnMetadata Column, string TargetTable);
}
