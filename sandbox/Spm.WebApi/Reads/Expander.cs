using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.WebApi.Edm;
using Spm.WebApi.Json;

namespace Spm.WebApi.Reads
{
    /// <summary>
    /// Follows the expanded lookups of a page of rows: one query per navigation property, through the caller's service,
    /// so a related row the caller may not read comes back as null, exactly as if they had asked for it themselves.
    /// </summary>
    internal static class Expander
    {
        public static IReadOnlyList<ResultRow> Expand(IReadOnlyList<Entity> rows, Projection projection, DataverseEdmModel edm, IOrganizationService service)
        {
            var expanded = rows.Select(_ => new Dictionary<string, ResultRow?>(StringComparer.Ordinal)).ToList();
            for (int i = 0; i < projection.Shape.Expands.Count; i++)
            {
                ExpandShape expand = projection.Shape.Expands[i];
                NavigationLookup lookup = edm.Navigation(expand.Navigation);
                TableMetadata target = edm.Metadata.GetTable(lookup.TargetTable);
                List<Guid> ids = rows.Select(r => Reference(r, lookup)).Where(r => r != null).Select(r => r!.Id).Distinct().ToList();
                Dictionary<Guid, ResultRow> related = ids.Count == 0
                    ? new Dictionary<Guid, ResultRow>()
                    : Related(target, ids, projection.Expands[i], edm, service);
                for (int r = 0; r < rows.Count; r++)
                {
                    EntityReference? reference = Reference(rows[r], lookup);
                    expanded[r][expand.Navigation.Name] = reference != null && related.TryGetValue(reference.Id, out ResultRow? row) ? row : null;
                }
            }

            return rows.Select((row, i) => new ResultRow(row, expanded[i])).ToList();
        }

        private static Dictionary<Guid, ResultRow> Related(TableMetadata target, List<Guid> ids, Projection projection, DataverseEdmModel edm, IOrganizationService service)
        {
            var query = new QueryExpression(target.LogicalName) { ColumnSet = projection.Columns };
            query.Criteria.AddCondition(target.PrimaryIdAttribute, ConditionOperator.In, ids.Cast<object>().ToArray());
            List<Entity> found = service.RetrieveMultiple(query).Entities.ToList();
            return Expand(found, projection, edm, service).ToDictionary(r => r.Entity.Id);
        }

        /// <summary>The row's lookup value when it points to the navigation property's table.</summary>
        private static EntityReference? Reference(Entity row, NavigationLookup lookup) =>
            row.GetAttributeValue<EntityReference>(lookup.Column.LogicalName) is EntityReference reference
            && string.Equals(reference.LogicalName, lookup.TargetTable, StringComparison.Ordinal)
                ? reference
                : null;
    }
}
