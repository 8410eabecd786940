using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.OData.UriParser;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.WebApi.Edm;
using Spm.WebApi.Errors;
using Spm.WebApi.Json;

namespace Spm.WebApi.Reads
{
    /// <summary>
    /// $select and $expand as what to ask the organization for (the ColumnSet, with the lookups an $expand follows) and
    /// what to write (<see cref="RowShape"/>): the selected properties in their order, then the primary id, as Dataverse answers.
    /// </summary>
    internal sealed class Projection
    {
        private Projection(ColumnSet columns, RowShape shape, IReadOnlyList<Projection> expands)
        {
            Columns = columns;
            Shape = shape;
            Expands = expands;
        }

        public ColumnSet Columns { get; }

        public RowShape Shape { get; }

        /// <summary>The projections of the expanded lookups, in the order of <see cref="RowShape.Expands"/>.</summary>
        public IReadOnlyList<Projection> Expands { get; }

        public static Projection From(SelectExpandClause? clause, TableMetadata table, DataverseEdmModel edm)
        {
            var properties = new List<string>();
            var columns = new List<string>();
            var expandShapes = new List<ExpandShape>();
            var expands = new List<Projection>();
            bool all = clause == null || clause.AllSelected;
            foreach (SelectItem item in clause?.SelectedItems ?? Enumerable.Empty<SelectItem>())
            {
                switch (item)
                {
                    case PathSelectItem { SelectedPath.LastSegment: PropertySegment property }:
                    {
                        ColumnMetadata column = DataverseEdmModel.ColumnOf(table, property.Property.Name)
                            ?? throw WebApiException.UnknownProperty(table, property.Property.Name);
                        if (!properties.Contains(property.Property.Name, StringComparer.Ordinal))
                        {
                            properties.Add(property.Property.Name);
                            columns.Add(column.LogicalName);
                        }

                        break;
                    }

                    case ExpandedNavigationSelectItem expand:
                    {
                        if (expand.PathToNavigationProperty.LastSegment is not NavigationPropertySegment segment || expand.PathToNavigationProperty.Count != 1)
                        {
                            throw WebApiException.BadQuery("Only a navigation property of the row itself can be expanded.");
                        }

                        if (expand.FilterOption != null || expand.OrderByOption != null || expand.TopOption != null || expand.SkipOption != null || expand.CountOption != null)
                        {
                            throw WebApiException.BadQuery($"The $expand of '{segment.NavigationProperty.Name}' takes only $select (and $expand): it is a single-valued navigation property.");
                        }

                        NavigationLookup lookup = edm.Navigation(segment.NavigationProperty);
                        Projection related = From(expand.SelectAndExpand, edm.Metadata.GetTable(lookup.TargetTable), edm);
                        expandShapes.Add(new ExpandShape(segment.NavigationProperty, related.Shape));
                        expands.Add(related);
                        if (!columns.Contains(lookup.Column.LogicalName, StringComparer.Ordinal))
                        {
                            columns.Add(lookup.Column.LogicalName);
                        }

                        break;
                    }

                    case PathSelectItem path:
                        throw WebApiException.BadQuery($"$select names '{path.SelectedPath.LastSegment.Identifier}', which is not a column of {table.LogicalName}: expand a navigation property with $expand.");

                    case WildcardSelectItem:
                        all = true;
                        break;
                }
            }

            if (all)
            {
                return new Projection(new ColumnSet(true), new RowShape(table, null, expandShapes), expands);
            }

            string key = table.PrimaryIdAttribute;
            if (!properties.Contains(key, StringComparer.Ordinal))
            {
                properties.Add(key);
            }

            return new Projection(new ColumnSet(columns.Where(c => c != key).ToArray()), new RowShape(table, properties, expandShapes), expands);
        }
    }
}
