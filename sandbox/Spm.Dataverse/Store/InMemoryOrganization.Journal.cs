using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Spm.Dataverse.Store
{
    /// <summary>Where committed rows go to outlive the process (Persistence/OrganizationFile), and how they come back.</summary>
    public sealed partial class InMemoryOrganization
    {
        /// <summary>
        /// Told of every outermost transaction that changed rows, inside the store's lock, before the commit completes; when
        /// it throws, the transaction is rolled back instead (so nothing is acknowledged that was not kept).
        /// </summary>
        internal ICommitJournal? Journal
        {
            get
            {
                lock (_sync)
                {
                    return _journal;
                }
            }

            set
            {
                lock (_sync)
                {
                    _journal = value;
                }
            }
        }

        private ICommitJournal? _journal;

        /// <summary>The counters that must survive a restart: the last row version and the last insertion sequence.</summary>
        internal StoreCounters Counters => new StoreCounters(_version, _sequence);

        private IReadOnlyList<CommittedRow> CommittedRows(IEnumerable<(string Table, Guid Id)> keys) =>
            keys.Select(k => Find(k.Table, k.Id) is StoredRow row ? new CommittedRow(k.Table, k.Id, row.Data, row.Sequence) : new CommittedRow(k.Table, k.Id, null, 0))
                .ToList();

        /// <summary>Every stored row in insertion order, with the counters, as one consistent picture.</summary>
        internal (IReadOnlyList<CommittedRow> Rows, StoreCounters Counters) ExportRows()
        {
            lock (_sync)
            {
                var rows = _rows.SelectMany(t => t.Value.Values.Select(r => new CommittedRow(t.Key, r.Data.Id, r.Data, r.Sequence)))
                    .OrderBy(r => r.Sequence)
                    .ToList();
                return (rows, Counters);
            }
        }

        /// <summary>Puts rows kept by a journal back into an empty store, as they were (ids, row versions, insertion order).</summary>
        internal void ImportRows(IEnumerable<CommittedRow> rows, StoreCounters counters)
        {
            lock (_sync)
            {
                if (_rows.Values.Any(t => t.Count > 0) || _transactions.Count > 0)
                {
                    throw new InvalidOperationException("Rows can only be loaded into an empty organization with no open transaction.");
                }

                foreach (CommittedRow row in rows)
                {
                    Metadata.GetTable(row.Table);
                    if (!_rows.TryGetValue(row.Table, out Dictionary<Guid, StoredRow>? table))
                    {
                        table = new Dictionary<Guid, StoredRow>();
                        _rows.Add(row.Table, table);
                    }

                    table[row.Id] = new StoredRow(row.Row!, row.Sequence);
                }

                _securityVersion++;
                _version = Math.Max(_version, counters.RowVersion);
                _sequence = Math.Max(_sequence, counters.Sequence);
            }
        }
    }

    /// <summary>Receives the rows of each committed outermost transaction (see <see cref="InMemoryOrganization.Journal"/>).</summary>
    internal interface ICommitJournal
    {
        void Committed(IReadOnlyList<CommittedRow> rows, StoreCounters counters);
    }

    /// <summary>A row as a commit left it: <see cref="Row"/> is null when the transaction deleted it. Never mutate <see cref="Row"/>.</summary>
    internal readonly record struct CommittedRow(string Table, Guid Id, Entity? Row, long Sequence);

    internal readonly record struct StoreCounters(long RowVersion, long Sequence);
}
