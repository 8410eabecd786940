using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Persistence
{
    /// <summary>
    /// An organization kept in a SQLite file: every row (typed attributes, row version, insertion order; shares are rows of
    /// principalobjectaccess) and the store's counters. Once <see cref="Attach"/>ed, each transaction the store commits is
    /// written in one SQLite transaction before the commit completes (WAL, synchronous FULL), and a store transaction whose
    /// write fails is rolled back; a rolled-back transaction never reaches the file. The file is held exclusively while open,
    /// so a second host cannot fork it.
    /// </summary>
    public sealed class OrganizationFile : IDisposable
    {
        /// <summary>What the meta table's format row holds: a SQLite file without it is not an organization file.</summary>
        public const string Format = "spm-organization/1";

        private const int SqliteBusy = 5;
        private const int SqliteLocked = 6;
        private const int SqliteCorrupt = 11;
        private const int SqliteNotADatabase = 26;

        private readonly SqliteConnection _connection;
        private InMemoryOrganization? _store;
        private Journal? _journal;

        private OrganizationFile(string path, SqliteConnection connection, int rowCount)
        {
            Path = path;
            _connection = connection;
            RowCount = rowCount;
        }

        public string Path { get; }

        /// <summary>The rows the file held when it was opened; 0 for a new file.</summary>
        public int RowCount { get; }

        public bool IsEmpty => RowCount == 0;

        /// <summary>
        /// Opens (or creates) the file and takes it for this process. Throws <see cref="OrganizationFileException"/> when the
        /// file is not a SQLite database, is another program's database, is damaged, or is in use by another process.
        /// </summary>
        public static OrganizationFile Open(string path)
        {
            string full = System.IO.Path.GetFullPath(path);
            if (System.IO.Directory.Exists(full))
            {
                throw new OrganizationFileException(full, $"The data file '{full}' is a folder; give a file name, e.g. {System.IO.Path.Combine(full, "spm-org.db")}.");
            }

            string? folder = System.IO.Path.GetDirectoryName(full);
            if (folder != null && !System.IO.Directory.Exists(folder))
            {
                throw new OrganizationFileException(full, $"The folder of the data file '{full}' does not exist; create it or choose another path.");
            }

            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = full,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
                DefaultTimeout = 1,
            }.ToString());
            try
            {
                connection.Open();
                Execute(connection, "PRAGMA locking_mode=EXCLUSIVE;");
                Execute(connection, "PRAGMA journal_mode=WAL;");
                Execute(connection, "PRAGMA synchronous=FULL;");

                // The first write takes the exclusive lock, which locking_mode keeps until the connection closes.
                using (SqliteTransaction schema = connection.BeginTransaction())
                {
                    bool hasTables = Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table';", schema) != "0";
                    string? format = hasTables && Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'rows');", schema) == "2"
                        ? Scalar(connection, "SELECT value FROM meta WHERE key = 'format';", schema)
                        : null;
                    if (hasTables && format == null)
                    {
                        // Another program's database: refuse before creating anything in it.
                        throw new OrganizationFileException(full, $"The data file '{full}' is a SQLite database but not an SPM organization file (no '{Format}' marker); choose another file.");
                    }

                    if (format != null && format != Format)
                    {
                        throw new OrganizationFileException(full, $"The data file '{full}' has format '{format}'; this host reads '{Format}'. Start without it or choose another file.");
                    }

                    if (format == null)
                    {
                        Execute(connection, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);", schema);
                        Execute(connection, "CREATE TABLE rows (tbl TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, version TEXT, attributes TEXT NOT NULL, PRIMARY KEY (tbl, id));", schema);
                        Execute(connection, $"INSERT INTO meta (key, value) VALUES ('format', '{Format}');", schema);
                    }
                    else
                    {
                        // Rewrite the marker: the write takes the exclusive lock now rather than at the first commit.
                        Execute(connection, $"UPDATE meta SET value = '{Format}' WHERE key = 'format';", schema);
                    }

                    long rows = long.Parse(Scalar(connection, "SELECT COUNT(*) FROM rows;", schema)!, CultureInfo.InvariantCulture);
                    schema.Commit();
                    return new OrganizationFile(full, connection, (int)rows);
                }
            }
            catch (SqliteException ex)
            {
                connection.Dispose();
                throw Translate(full, ex);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Ties the file to <paramref name="store"/>: a file with rows loads them into the (empty) store; an empty file gets
        /// the store's rows as they are now (e.g. just seeded), in one transaction. From then on every commit is written.
        /// </summary>
        public void Attach(InMemoryOrganization store)
        {
            if (_store != null)
            {
                throw new InvalidOperationException($"The data file '{Path}' is already attached to an organization.");
            }

            if (IsEmpty)
            {
                (IReadOnlyList<CommittedRow> rows, StoreCounters counters) = store.ExportRows();
                Write(rows, counters);
            }
            else
            {
                Load(store);
            }

            _journal = new Journal(this);
            store.Journal = _journal;
            _store = store;
        }

        public void Dispose()
        {
            if (_store != null && ReferenceEquals(_store.Journal, _journal))
            {
                _store.Journal = null;
            }

            _store = null;
            _connection.Dispose();
        }

        private void Load(InMemoryOrganization store)
        {
            var rows = new List<CommittedRow>();
            try
            {
                using (SqliteCommand read = _connection.CreateCommand())
                {
                    read.CommandText = "SELECT tbl, id, seq, version, attributes FROM rows ORDER BY seq;";
                    using SqliteDataReader reader = read.ExecuteReader();
                    while (reader.Read())
                    {
                        string table = reader.GetString(0);
                        string id = reader.GetString(1);
                        if (!store.Metadata.TryGetTable(table, out _))
                        {
                            throw new OrganizationFileException(Path, $"The data file '{Path}' has rows of table '{table}', which this organization does not define (a file from another version?).");
                        }

                        var row = new Entity(table, Guid.Parse(id)) { RowVersion = reader.IsDBNull(3) ? null : reader.GetString(3) };
                        try
                        {
                            AttributeCodec.Decode(reader.GetString(4), row);
                        }
                        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or OverflowException or ArgumentException)
                        {
                            throw new OrganizationFileException(Path, $"The data file '{Path}' is damaged: row {table} {id} cannot be read ({ex.Message}).", ex);
                        }

                        rows.Add(new CommittedRow(table, row.Id, row, reader.GetInt64(2)));
                    }
                }

                store.ImportRows(rows, new StoreCounters(Counter("rowversion"), Counter("sequence")));
            }
            catch (SqliteException ex)
            {
                throw Translate(Path, ex);
            }
        }

        private long Counter(string key)
        {
            string? value = Scalar(_connection, $"SELECT value FROM meta WHERE key = '{key}';");
            return value == null ? 0 : long.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        /// <summary>Writes one committed store transaction (or the initial picture) in one SQLite transaction.</summary>
        private void Write(IReadOnlyList<CommittedRow> rows, StoreCounters counters)
        {
            try
            {
                using SqliteTransaction transaction = _connection.BeginTransaction();
                using SqliteCommand upsert = _connection.CreateCommand();
                upsert.Transaction = transaction;
                upsert.CommandText = "INSERT INTO rows (tbl, id, seq, version, attributes) VALUES ($tbl, $id, $seq, $version, $attributes) " +
                                     "ON CONFLICT (tbl, id) DO UPDATE SET seq = excluded.seq, version = excluded.version, attributes = excluded.attributes;";
                SqliteParameter tbl = upsert.Parameters.Add("$tbl", SqliteType.Text);
                SqliteParameter id = upsert.Parameters.Add("$id", SqliteType.Text);
                SqliteParameter seq = upsert.Parameters.Add("$seq", SqliteType.Integer);
                SqliteParameter version = upsert.Parameters.Add("$version", SqliteType.Text);
                SqliteParameter attributes = upsert.Parameters.Add("$attributes", SqliteType.Text);
                using SqliteCommand delete = _connection.CreateCommand();
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM rows WHERE tbl = $tbl AND id = $id;";
                SqliteParameter deleteTbl = delete.Parameters.Add("$tbl", SqliteType.Text);
                SqliteParameter deleteId = delete.Parameters.Add("$id", SqliteType.Text);

                foreach (CommittedRow row in rows)
                {
                    if (row.Row == null)
                    {
                        deleteTbl.Value = row.Table;
                        deleteId.Value = row.Id.ToString("D");
                        delete.ExecuteNonQuery();
                        continue;
                    }

                    tbl.Value = row.Table;
                    id.Value = row.Id.ToString("D");
                    seq.Value = row.Sequence;
                    version.Value = (object?)row.Row.RowVersion ?? DBNull.Value;
                    attributes.Value = AttributeCodec.Encode(row.Row);
                    upsert.ExecuteNonQuery();
                }

                Execute(_connection, $"INSERT INTO meta (key, value) VALUES ('rowversion', '{counters.RowVersion.ToString(CultureInfo.InvariantCulture)}') ON CONFLICT (key) DO UPDATE SET value = excluded.value;", transaction);
                Execute(_connection, $"INSERT INTO meta (key, value) VALUES ('sequence', '{counters.Sequence.ToString(CultureInfo.InvariantCulture)}') ON CONFLICT (key) DO UPDATE SET value = excluded.value;", transaction);
                transaction.Commit();
            }
            catch (SqliteException ex)
            {
                throw Translate(Path, ex);
            }
            catch (NotSupportedException ex)
            {
                throw new OrganizationFileException(Path, $"Nothing was saved to the data file '{Path}': {ex.Message}", ex);
            }
        }

        private static OrganizationFileException Translate(string path, SqliteException ex) => ex.SqliteErrorCode switch
        {
            SqliteBusy or SqliteLocked => new OrganizationFileException(path, $"The data file '{path}' is in use by another process (another sandbox host?); stop it or choose another file.", ex),
            SqliteNotADatabase => new OrganizationFileException(path, $"The data file '{path}' is not a SQLite database (damaged, or another kind of file); move it away or choose another file.", ex),
            SqliteCorrupt => new OrganizationFileException(path, $"The data file '{path}' is damaged (SQLite: {ex.Message}); move it away or choose another file.", ex),
            _ => new OrganizationFileException(path, $"The data file '{path}' cannot be used: {ex.Message}", ex),
        };

        private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private static string? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            object? value = command.ExecuteScalar();
            return value == null || value is DBNull ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        /// <summary>The store's side of the file: each committed transaction, written before the commit completes.</summary>
        private sealed class Journal : ICommitJournal
        {
            private readonly OrganizationFile _file;

            public Journal(OrganizationFile file)
            {
                _file = file;
            }

            public void Committed(IReadOnlyList<CommittedRow> rows, StoreCounters counters) => _file.Write(rows, counters);
        }
    }
}
