using System.Collections.Generic;
using Microsoft.OData.Edm;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Metadata;

namespace Spm.WebApi.Json
{
    /// <summary>
    /// What a response writes of each row: the properties ($select; null = every property of the type, as Dataverse
    /// answers without $select), the expanded lookups with their own shapes, and, for FetchXML results, the columns that
    /// are not properties of the type (aliases, link-entity columns).
    /// </summary>
    public sealed class RowShape
    {
        public RowShape(TableMetadata table, IReadOnlyList<string>? properties, IReadOnlyList<ExpandShape>? expands = null, bool undeclared = false)
        {
            Table = table;
            Properties = properties;
            Expands = expands ?? new List<ExpandShape>();
            Undeclared = undeclared;
        }

        public TableMetadata Table { get; }

        /// <summary>Property names of the entity type (a lookup as _x_value), or null for all.</summary>
        public IReadOnlyList<string>? Properties { get; }

        public IReadOnlyList<ExpandShape> Expands { get; }

        /// <summary>Write the row's attributes as they come (FetchXML): declared or not, nothing added for absent ones.</summary>
        public bool Undeclared { get; }

        public static RowShape All(TableMetadata table) => new RowShape(table, null);
    }

    /// <summary>One $expand of a single-valued navigation property, with the shape of the related row.</summary>
    public sealed record ExpandShape(IEdmNavigationProperty Navigation, RowShape Shape);

    /// <summary>A row to write and the related rows its expanded navigation properties reached (null: none, or not readable).</summary>
    public sealed class ResultRow
    {
        public ResultRow(Entity entity, IReadOnlyDictionary<string, ResultRow?>? expanded = null)
        {
            Entity = entity;
            Expanded = expanded ?? new Dictionary<string, ResultRow?>();
        }

        public Entity Entity { get; }

        public IReadOnlyDictionary<string, ResultRow?> Expanded { get; }
    }
}
