using System.Globalization;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Data.Sqlite;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Persistence;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using Spm.Dataverse.Store;
using Spm.Dataverse.Tests.Pipeline;
using Spm.Dataverse.Tests.Store;

namespace Spm.Dataverse.Tests.Persistence;

[TestClass]
public sealed class OrganizationFileTests
{
    public TestContext TestContext { get; set; } = null!;

    private string NewPath() => Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"org-{Guid.NewGuid():N}.db");

    [TestMethod]
    public void Rows_written_through_the_pipeline_come_back_after_a_restart_identical()
    {
        string path = NewPath();
        var org = new SalesOrg();
        var pipeline = new PluginPipeline(org.Org);
        IOrganizationService service = pipeline.CreateOrganizationService(org.Admin);
        string before;
        using (OrganizationFile file = OrganizationFile.Open(path))
        {
            Assert.IsTrue(file.IsEmpty);
            file.Attach(org.Org);
            Guid deal = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.50m);
            service.Update(new Entity("opportunity", deal) { ["spm_units"] = 12.500m, ["closeprobability"] = 80, ["estimatedclosedate"] = new DateTime(2025, 3, 28, 17, 45, 0, DateTimeKind.Local) });
            service.Execute(new GrantAccessRequest
            {
                Target = new EntityReference("opportunity", deal),
                PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("systemuser", org.Marco), AccessMask = AccessRights.ReadAccess | AccessRights.WriteAccess },
            });
            Guid lost = org.Opportunity("Fabrikam Data Platform", org.Ben, 72_000m);
            service.Delete("opportunity", lost);
            before = Dump(org.Org);
        }

        var restarted = new InMemoryOrganization();
        using (OrganizationFile file = OrganizationFile.Open(path))
        {
            Assert.IsFalse(file.IsEmpty);
            file.Attach(restarted);
        }

        Assert.AreEqual(before, Dump(restarted));
        Assert.Contains("spm_units=decimal:12.500", before);
        Assert.Contains("estimatedvalue=money:48250.50", before);
        Assert.Contains("accessrightsmask=int:3", before);
    }

    [TestMethod]
    public void After_a_restart_new_rows_get_row_versions_after_every_loaded_one_and_queries_keep_their_order()
    {
        string path = NewPath();
        var org = new SalesOrg();
        Guid first = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250m);
        Guid second = org.Opportunity("Litware Renewal", org.Ben, 9_900m);
        SaveTo(path, org.Org);

        var restarted = new InMemoryOrganization(clock: () => SalesOrg.Now);
        using OrganizationFile reopened = OrganizationFile.Open(path);
        reopened.Attach(restarted);
        IOrganizationService service = restarted.CreateService(org.Admin);
        Guid third = service.Create(new Entity("opportunity") { ["name"] = "Adventure Works Analytics", ["ownerid"] = new EntityReference("systemuser", org.Ava) });

        var rows = service.RetrieveMultiple(new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name") }).Entities;
        Assert.AreSequenceEqual(new[] { first, second, third }, rows.Select(r => r.Id).ToArray());
        long newest = long.Parse(rows[2].RowVersion, CultureInfo.InvariantCulture);
        Assert.IsTrue(rows.Take(2).All(r => long.Parse(r.RowVersion, CultureInfo.InvariantCulture) < newest), "a row created after the restart has the newest row version");
    }

    [TestMethod]
    public void A_transaction_a_plug_in_refuses_leaves_the_file_unchanged()
    {
        string path = NewPath();
        var org = new SalesOrg();
        Guid deal = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250m);
        SaveTo(path, org.Org);

        string stored = FileRows(path);
        var restarted = new InMemoryOrganization(clock: () => SalesOrg.Now);
        var pipeline = new PluginPipeline(restarted);
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PostOperation,
            new DelegatePlugin(_ => throw new InvalidPluginExecutionException("A won deal's close date cannot be cleared.")));
        using (OrganizationFile file = OrganizationFile.Open(path))
        {
            file.Attach(restarted);
            var refusal = Assert.ThrowsExactly<DataverseFaultException>(() =>
                pipeline.CreateOrganizationService(org.Ava).Update(new Entity("opportunity", deal) { ["closeprobability"] = 5, ["estimatedvalue"] = new Money(1m) }));
            Assert.AreEqual("A won deal's close date cannot be cleared.", refusal.Message);
        }

        Assert.AreEqual(stored, FileRows(path));
        Assert.AreEqual(50, restarted.Snapshot("opportunity", deal, new[] { "closeprobability" })!["closeprobability"]);
    }

    [TestMethod]
    public void Each_committed_transaction_is_written_to_the_file()
    {
        string path = NewPath();
        var org = new SalesOrg();
        using (OrganizationFile file = OrganizationFile.Open(path))
        {
            file.Attach(org.Org);
            Guid deal = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250m);
            org.Service.Update(new Entity("opportunity", deal) { ["closeprobability"] = 90 });
        }

        Assert.Contains("\"closeprobability\":[\"int\",\"90\"]", FileRows(path));
    }

    [TestMethod]
    public void A_commit_the_journal_cannot_keep_is_rolled_back_in_the_store()
    {
        var org = new SalesOrg();
        Guid deal = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250m);
        org.Org.Journal = new FailingJournal();

        var failure = Assert.ThrowsExactly<IOException>(() => org.Service.Update(new Entity("opportunity", deal) { ["closeprobability"] = 90 }));

        Assert.AreEqual("disk full", failure.Message);
        org.Org.Journal = null;
        Assert.AreEqual(50, org.Service.Retrieve("opportunity", deal, new ColumnSet("closeprobability"))["closeprobability"]);
        Assert.AreEqual(0, org.Org.TransactionDepth);
    }

    [TestMethod]
    public void A_file_that_is_not_a_database_is_refused_with_its_path()
    {
        string path = NewPath();
        File.WriteAllText(path, "Quarterly commission export\nAva Lindqvist;48250.00\n".PadRight(4096, '#'));

        var error = Assert.ThrowsExactly<OrganizationFileException>(() => OrganizationFile.Open(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("is not a SQLite database", error.Message);
    }

    [TestMethod]
    public void Another_programs_database_is_refused_and_left_as_it_was()
    {
        string path = NewPath();
        using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            other.Open();
            using SqliteCommand create = other.CreateCommand();
            create.CommandText = "CREATE TABLE invoices (number TEXT, amount REAL);";
            create.ExecuteNonQuery();
        }

        var error = Assert.ThrowsExactly<OrganizationFileException>(() => OrganizationFile.Open(path));

        Assert.Contains("not an SPM organization file", error.Message);
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using SqliteCommand tables = check.CreateCommand();
        tables.CommandText = "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table';";
        Assert.AreEqual("invoices", tables.ExecuteScalar());
    }

    [TestMethod]
    public void A_file_another_host_has_open_is_refused_as_in_use()
    {
        string path = NewPath();
        using OrganizationFile first = OrganizationFile.Open(path);
        first.Attach(new SalesOrg().Org);

        var error = Assert.ThrowsExactly<OrganizationFileException>(() => OrganizationFile.Open(path));

        Assert.Contains("is in use by another process", error.Message);
    }

    [TestMethod]
    public void A_damaged_row_is_named_when_the_file_is_loaded()
    {
        string path = NewPath();
        var org = new SalesOrg();
        Guid deal = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250m);
        SaveTo(path, org.Org);

        using (var edit = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            edit.Open();
            using SqliteCommand damage = edit.CreateCommand();
            damage.CommandText = $"UPDATE rows SET attributes = '{{\"estimatedvalue\":[\"money\"' WHERE id = '{deal:D}';";
            damage.ExecuteNonQuery();
        }

        using OrganizationFile reopened = OrganizationFile.Open(path);
        var error = Assert.ThrowsExactly<OrganizationFileException>(() => reopened.Attach(new InMemoryOrganization()));

        Assert.Contains($"row opportunity {deal:D} cannot be read", error.Message);
    }

    /// <summary>Writes the organization as it is now into a new file and closes it, as a host that stops does.</summary>
    private static void SaveTo(string path, InMemoryOrganization store)
    {
        using OrganizationFile file = OrganizationFile.Open(path);
        file.Attach(store);
    }

    /// <summary>Every stored row with its sequence, row version and each attribute's type and exact text.</summary>
    private static string Dump(InMemoryOrganization store) =>
        string.Join("\n", store.ExportRows().Rows.Select(r =>
            $"{r.Table} {r.Id:D} #{r.Sequence} v{r.Row!.RowVersion}: " +
            string.Join(", ", r.Row.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={Describe(a.Value)}"))));

    private static string Describe(object value) => value switch
    {
        Money money => "money:" + money.Value.ToString(CultureInfo.InvariantCulture),
        OptionSetValue option => "option:" + option.Value.ToString(CultureInfo.InvariantCulture),
        EntityReference reference => $"lookup:{reference.LogicalName}/{reference.Id:D}",
        decimal number => "decimal:" + number.ToString(CultureInfo.InvariantCulture),
        DateTime date => $"datetime:{date.Ticks}/{date.Kind}",
        int number => "int:" + number.ToString(CultureInfo.InvariantCulture),
        _ => value.GetType().Name.ToLowerInvariant() + ":" + Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>What the file holds (once the host has closed it: it keeps the file locked while open), with its counters.</summary>
    private static string FileRows(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand read = connection.CreateCommand();
        read.CommandText = "SELECT tbl || ' ' || id || ' ' || seq || ' ' || ifnull(version, '') || ' ' || attributes FROM rows " +
                           "UNION ALL SELECT key || '=' || value FROM meta ORDER BY 1;";
        using SqliteDataReader reader = read.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return string.Join("\n", rows);
    }

    private sealed class FailingJournal : ICommitJournal
    {
        public void Committed(IReadOnlyList<CommittedRow> rows, StoreCounters counters) => throw new IOException("disk full");
    }
}
