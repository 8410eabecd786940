using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Dataverse.Metadata;

namespace Spm.Dataverse.Tests.Metadata;

/// <summary>TEMPORARY: the schema read from solution/ against the hand copy it replaces, table by table, column by column, property by property.</summary>
[TestClass]
public sealed class HandCopyEquivalenceTests
{
    [TestMethod]
    public void The_schema_read_from_the_solution_equals_the_hand_copy()
    {
        DataverseMetadata old = DataverseMetadata.HandCopy();
        DataverseMetadata read = DataverseMetadata.Default();
        var differences = new List<string>();
        void Compare(string what, object? expected, object? actual)
        {
            if (!Equals(expected, actual))
            {
                differences.Add($"{what}: hand copy {expected ?? "(null)"}, solution {actual ?? "(null)"}");
            }
        }

        static string Seq<T>(IEnumerable<T> items) => "[" + string.Join(", ", items) + "]";

        Compare("tables", Seq(old.Tables.Select(t => t.LogicalName).Order(StringComparer.Ordinal)), Seq(read.Tables.Select(t => t.LogicalName).Order(StringComparer.Ordinal)));
        foreach (TableMetadata o in old.Tables)
        {
            if (!read.TryGetTable(o.LogicalName, out TableMetadata n))
            {
                continue;
            }

            string t = o.LogicalName;
            Compare($"{t} PrimaryIdAttribute", o.PrimaryIdAttribute, n.PrimaryIdAttribute);
            Compare($"{t} PrimaryNameAttribute", o.PrimaryNameAttribute, n.PrimaryNameAttribute);
            Compare($"{t} Ownership", o.Ownership, n.Ownership);
            Compare($"{t} EntitySetName", o.EntitySetName, n.EntitySetName);
            Compare($"{t} StateEnumName", o.StateEnumName, n.StateEnumName);
            Compare($"{t} IsCurrencyTable", o.IsCurrencyTable, n.IsCurrencyTable);
            Compare($"{t} States", Seq(o.States.Select(s => $"{s.Value} {s.Name} {Seq(s.Statuses)}")), Seq(n.States.Select(s => $"{s.Value} {s.Name} {Seq(s.Statuses)}")));
            Compare($"{t} AlternateKeys", Seq(o.AlternateKeys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}{Seq(k.Value)}")),
                Seq(n.AlternateKeys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}{Seq(k.Value)}")));
            Compare($"{t} columns", Seq(o.Columns.Select(c => c.LogicalName).Order(StringComparer.Ordinal)), Seq(n.Columns.Select(c => c.LogicalName).Order(StringComparer.Ordinal)));
            foreach (ColumnMetadata oc in o.Columns)
            {
                if (!n.TryGetColumn(oc.LogicalName, out ColumnMetadata nc))
                {
                    continue;
                }

                string c = $"{t}.{oc.LogicalName}";
                Compare($"{c} Type", oc.Type, nc.Type);
                Compare($"{c} RequiredLevel", oc.RequiredLevel, nc.RequiredLevel);
                Compare($"{c} DateOnly", oc.DateOnly, nc.DateOnly);
                Compare($"{c} IsComputed", oc.IsComputed, nc.IsComputed);
                Compare($"{c} Targets", Seq(oc.Targets), Seq(nc.Targets));
                Compare($"{c} Options", Seq(oc.Options), Seq(nc.Options));
                Compare($"{c} MinValue", oc.MinValue, nc.MinValue);
                Compare($"{c} MaxValue", oc.MaxValue, nc.MaxValue);
                Compare($"{c} MaxLength", oc.MaxLength, nc.MaxLength);
                Compare($"{c} Precision", oc.Precision, nc.Precision);
            }
        }

        Compare("relationships",
            Seq(old.Relationships.Select(r => $"{r.SchemaName}:{r.ReferencedTable}>{r.ReferencingTable}.{r.ReferencingAttribute}/{r.CascadeDelete}").Order(StringComparer.Ordinal)),
            Seq(read.Relationships.Select(r => $"{r.SchemaName}:{r.ReferencedTable}>{r.ReferencingTable}.{r.ReferencingAttribute}/{r.CascadeDelete}").Order(StringComparer.Ordinal)));

        Assert.IsEmpty(differences, differences.Count + " differences:" + Environment.NewLine + string.Join(Environment.NewLine, differences));
    }
}
