using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.SeedOrg;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Sandbox.Tests;

/// <summary>The demo org seeded once for the tests that only read it (seeding runs every plug-in and takes seconds).</summary>
internal static class SeededDemo
{
    private static readonly Lazy<(SandboxOrganization Org, DemoOrg Demo)> Seeded = new(() =>
    {
        var org = SandboxOrganization.Create();
        DemoOrg demo = DemoSeed.Seed(org);
        return (org, demo);
    });

    public static SandboxOrganization Org => Seeded.Value.Org;

    public static DemoOrg Demo => Seeded.Value.Demo;

    /// <summary>The participant's stored statement of a period, as SYSTEM reads it.</summary>
    public static Entity Statement(SandboxOrganization org, string participantId, string periodId)
    {
        var query = new QueryExpression(S.Statement.Table) { ColumnSet = new ColumnSet(S.Statement.Credited, S.Statement.Quota, S.Statement.AttainmentPercent, S.Statement.Earned, S.Statement.TotalPayable) };
        query.Criteria.AddCondition(S.Statement.Participant, ConditionOperator.Equal, DemoIds.User(participantId));
        query.Criteria.AddCondition(S.Statement.Period, ConditionOperator.Equal, DemoIds.Period(periodId));
        return org.Platform.RetrieveMultiple(query).Entities.Single();
    }

    /// <summary>Every row of every table, each as one line of its columns in name order: two organizations with the same text hold the same data.</summary>
    public static string Rows(SandboxOrganization org)
    {
        var lines = new List<string>();
        foreach (var table in org.Store.Metadata.Tables.OrderBy(t => t.LogicalName, StringComparer.Ordinal))
        {
            foreach (Entity row in org.Platform.RetrieveMultiple(new QueryExpression(table.LogicalName) { ColumnSet = new ColumnSet(true) }).Entities)
            {
                lines.Add($"{row.LogicalName} {row.Id:D} v{row.RowVersion}: " + string.Join(", ", row.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={Text(a.Value)}")));
            }
        }

        return string.Join("\n", lines);
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        Money money => "money:" + money.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OptionSetValue option => "option:" + option.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        EntityReference reference => $"lookup:{reference.LogicalName}/{reference.Id:D}",
        DateTime date => $"{date.Ticks}/{date.Kind}",
        decimal number => "decimal:" + number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.GetType().Name + ":" + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
