using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.Dataverse.Metadata
{
    /// <summary>
    /// What an unpacked solution declares about tables (Entities/, OptionSets/, Other/Relationships/): read once by
    /// <see cref="SolutionSchemaReader"/>, then applied to each new <see cref="DataverseMetadata"/>, so every caller gets
    /// its own tables to extend.
    /// </summary>
    internal sealed class SolutionSchema
    {
        public SolutionSchema(IReadOnlyList<SolutionTable> tables, IReadOnlyList<RelationshipMetadata> relationships)
        {
            Tables = tables;
            Relationships = relationships;
        }

        public IReadOnlyList<SolutionTable> Tables { get; }

        public IReadOnlyList<RelationshipMetadata> Relationships { get; }

        /// <summary>
        /// Adds the solution's tables, and its columns on the platform's tables (which must be in <paramref name="metadata"/>
        /// already), then the relationships, which give the lookups their targets.
        /// </summary>
        public void ApplyTo(DataverseMetadata metadata)
        {
            foreach (SolutionTable table in Tables)
            {
                Apply(metadata, table);
            }

            foreach (RelationshipMetadata relationship in Relationships)
            {
                if (!metadata.TryGetTable(relationship.ReferencedTable, out _) || !metadata.TryGetTable(relationship.ReferencingTable, out TableMetadata child)
                    || !child.TryGetColumn(relationship.ReferencingAttribute, out ColumnMetadata lookup))
                {
                    throw new InvalidOperationException(
                        $"Relationship '{relationship.SchemaName}': {relationship.ReferencedTable} → {relationship.ReferencingTable}.{relationship.ReferencingAttribute} names a table or column the metadata does not have.");
                }

                lookup.WithTargets(relationship.ReferencedTable);
                metadata.AddRelationship(relationship.SchemaName, relationship.ReferencedTable, relationship.ReferencingTable,
                    relationship.ReferencingAttribute, relationship.CascadeDelete);
            }
        }

        private static void Apply(DataverseMetadata metadata, SolutionTable source)
        {
            TableMetadata table;
            if (source.IsNew)
            {
                table = metadata.AddTable(source.LogicalName, source.PrimaryIdAttribute!, source.PrimaryNameAttribute, source.Ownership);
                table.EntitySetName = source.EntitySetName!;
                if (source.HasCurrency)
                {
                    table.WithCurrency();
                }

                if (source.States.Count > 0)
                {
                    table.WithStates(source.LogicalName + "State", source.States.ToArray());
                }
            }
            else if (!metadata.TryGetTable(source.LogicalName, out table))
            {
                throw new InvalidOperationException(
                    $"{source.Source}: '{source.LogicalName}' is a platform table the simulator does not define, so its columns have nowhere to go.");
            }

            // Money columns first add their _base twins, which the solution lists too (CalculationOf) with their own security.
            foreach (SolutionColumn column in source.Columns.OrderBy(c => c.CalculationOf is null ? 0 : 1))
            {
                if (table.TryGetColumn(column.LogicalName, out ColumnMetadata existing) && IsPlatformColumn(table, existing))
                {
                    Refine(source, existing, column);
                }
                else if (column.CalculationOf is not null)
                {
                    throw new InvalidOperationException(
                        $"{source.Source}: {source.LogicalName}.{column.LogicalName} is the calculation of '{column.CalculationOf}', which is not a Money column of the table.");
                }
                else
                {
                    table.AddColumn(column.ToMetadata());
                }
            }

            foreach (KeyValuePair<string, IReadOnlyList<string>> key in source.Keys)
            {
                table.WithAlternateKey(key.Key, key.Value.ToArray());
            }
        }

        /// <summary>
        /// The columns Dataverse adds to every table (ids, owner, state, currency, the _base twins) keep its definition; a
        /// column with the publisher prefix, the primary name included, is the maker's and comes whole from the solution.
        /// </summary>
        private static bool IsPlatformColumn(TableMetadata table, ColumnMetadata column) =>
            column.IsComputed || column.LogicalName == table.PrimaryIdAttribute
            || !column.LogicalName.StartsWith(SolutionSchemaReader.PublisherPrefix, StringComparison.Ordinal);

        /// <summary>
        /// A column the platform adds itself (ids, owner, state, currency, a _base twin) keeps the platform's definition; the
        /// solution gives it its labels and column security, and must agree on the type.
        /// </summary>
        private static void Refine(SolutionTable table, ColumnMetadata existing, SolutionColumn column)
        {
            bool sameType = existing.Type == column.Type || (existing.LogicalName == table.PrimaryIdAttribute && column.Type == ColumnType.Uniqueidentifier);
            if (!sameType)
            {
                throw new InvalidOperationException(
                    $"{table.Source}: {table.LogicalName}.{column.LogicalName} is {column.Type} in the solution but {existing.Type} on the platform.");
            }

            existing.IsSecured = column.IsSecured;
            foreach (KeyValuePair<int, string> option in column.Options.Where(o => o.Value.Length > 0))
            {
                existing.WithOption(option.Key, option.Value);
            }
        }
    }

    /// <summary>One Entity.xml: a new table (IsNew) or the columns the solution adds to a platform table.</summary>
    internal sealed record SolutionTable(
        string Source,
        string LogicalName,
        bool IsNew,
        string? PrimaryIdAttribute,
        string? PrimaryNameAttribute,
        OwnershipType Ownership,
        string? EntitySetName,
        bool HasCurrency,
        IReadOnlyList<StateDefinition> States,
        IReadOnlyList<SolutionColumn> Columns,
        IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Keys);

    /// <summary>One attribute of an Entity.xml, with its choice options (inline or from OptionSets/) and their labels.</summary>
    internal sealed record SolutionColumn(
        string LogicalName,
        ColumnType Type,
        RequiredLevel RequiredLevel,
        int? MaxLength,
        decimal? MinValue,
        decimal? MaxValue,
        int? Precision,
        MoneyPrecisionSource? PrecisionSource,
        bool DateOnly,
        bool IsSecured,
        IReadOnlyList<KeyValuePair<int, string>> Options,
        string? CalculationOf)
    {
        public ColumnMetadata ToMetadata()
        {
            var column = new ColumnMetadata(LogicalName, Type)
            {
                RequiredLevel = RequiredLevel,
                MaxLength = MaxLength,
                MinValue = MinValue,
                MaxValue = MaxValue,
                Precision = Precision,
                PrecisionSource = PrecisionSource,
                DateOnly = DateOnly,
                IsSecured = IsSecured,
            };
            foreach (KeyValuePair<int, string> option in Options)
            {
                if (option.Value.Length > 0)
                {
                    column.WithOption(option.Key, option.Value);
                }
                else
                {
                    column.WithOptions(option.Key);
                }
            }

            return column;
        }
    }
}
