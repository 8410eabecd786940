using System.Reflection;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Registration;
using Spm.Plugins.Data;

namespace Spm.Plugins.Tests;

[TestClass]
public sealed class SchemaContractTests
{
    /// <summary>Every (table, column) the plugins name in SpmSchema: string constants of each nested class except Table.</summary>
    private static IEnumerable<(string Table, string Column)> ContractColumns() =>
        typeof(SpmSchema).GetNestedTypes().SelectMany(type =>
        {
            var table = (string)type.GetField("Table")!.GetRawConstantValue()!;
            return type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name != "Table")
                .Select(f => (table, (string)f.GetRawConstantValue()!));
        });

    [TestMethod]
    public void Every_column_the_plugins_read_or_write_exists_in_the_dataverse_metadata()
    {
        var metadata = DataverseMetadata.Default();

        var missing = ContractColumns()
            .Where(c => !metadata.TryGetTable(c.Table, out var table) || !table.HasColumn(c.Column))
            .Select(c => $"{c.Table}.{c.Column}")
            .ToList();

        Assert.IsEmpty(missing, "missing: " + string.Join(", ", missing));
    }

    [TestMethod]
    public void Money_and_choice_columns_have_the_types_the_plugins_cast_to()
    {
        var metadata = DataverseMetadata.Default();
        var expectations = new (string Table, string Column, ColumnType Type)[]
        {
            (SpmSchema.Credit.Table, SpmSchema.Credit.Revenue, ColumnType.Money),
            (SpmSchema.Credit.Table, SpmSchema.Credit.Sequence, ColumnType.Integer),
            (SpmSchema.Credit.Table, SpmSchema.Credit.Kind, ColumnType.Picklist),
            (SpmSchema.Statement.Table, SpmSchema.Statement.TotalPayable, ColumnType.Money),
            (SpmSchema.Statement.Table, SpmSchema.Statement.Frozen, ColumnType.Boolean),
            (SpmSchema.Quota.Table, SpmSchema.Quota.Amount, ColumnType.Decimal),
            (SpmSchema.Period.Table, SpmSchema.Period.Status, ColumnType.Picklist),
            (SpmSchema.CreditSplit.Table, SpmSchema.CreditSplit.Percent, ColumnType.Decimal),
            (SpmSchema.Opportunity.Table, SpmSchema.Opportunity.Margin, ColumnType.Money),
        };

        foreach (var (table, column, type) in expectations)
        {
            Assert.AreEqual(type, metadata.GetColumn(table, column).Type, $"{table}.{column}");
        }
    }

    [TestMethod]
    public void Every_shipped_step_names_a_plugin_class_of_the_assembly_and_a_table_in_the_metadata()
    {
        var steps = new StepRegistrationReader(SdkMessageCatalog.Standard).ReadFolder(SpmOrganization.SolutionFolder(string.Empty));
        var metadata = DataverseMetadata.Default();
        var assembly = typeof(PluginBase).Assembly;

        Assert.IsNotEmpty(steps);
        foreach (var step in steps)
        {
            if (step.ServiceEndpointId != null)
            {
                // A webhook step (the Teams bot): no plug-in class; Spm.Solution.Tests checks its endpoint is packed.
                Assert.IsTrue(metadata.TryGetTable(step.PrimaryEntity, out _), $"{step.Name}: table {step.PrimaryEntity}");
                continue;
            }

            var type = assembly.GetType(step.PluginTypeFullName);
            Assert.IsNotNull(type, $"{step.Name}: no class {step.PluginTypeFullName} in {assembly.GetName().Name}");
            Assert.IsTrue(typeof(Microsoft.Xrm.Sdk.IPlugin).IsAssignableFrom(type), step.Name);
            Assert.IsTrue(metadata.TryGetTable(step.PrimaryEntity, out var table), $"{step.Name}: table {step.PrimaryEntity}");
            foreach (var column in step.FilteringAttributes.Concat(step.Images.SelectMany(i => i.Attributes)))
            {
                Assert.IsTrue(table.HasColumn(column), $"{step.Name}: {step.PrimaryEntity}.{column}");
            }

            // The full strong name, so Dataverse binds the step to exactly this build of the assembly.
            Assert.AreEqual(assembly.GetName().FullName, step.PluginTypeName[(step.PluginTypeName.IndexOf(',', StringComparison.Ordinal) + 1)..].Trim(), step.Name);
        }
    }
}
