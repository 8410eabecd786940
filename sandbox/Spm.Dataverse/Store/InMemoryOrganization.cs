using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Query;

namespace Spm.Dataverse.Store
{
    /// <summary>
    /// Dataverse in memory: rows checked against <see cref="DataverseMetadata"/>, the core operation of the messages the
    /// SPM suite sends (no plug-ins: the pipeline wraps this store), QueryExpression/FetchXML queries and nested
    /// transactions. Rows are copy-on-write (a write replaces the stored row object), so an undo log only keeps references.
    /// All public members are thread-safe (one lock).
    /// </summary>
    public sealed partial class InMemoryOrganization : IDataverseStore, IRowSource
    {
        private readonly object _sync = new object();
        private readonly Dictionary<string, Dictionary<Guid, StoredRow>> _rows = new Dictionary<string, Dictionary<Guid, StoredRow>>(StringComparer.Ordinal);
        private readonly List<StoreTransaction> _transactions = new List<StoreTransaction>();
        private long _version = 1000;
        private long _sequence;

        public InMemoryOrganization(DataverseMetadata? metadata = null, Func<DateTime>? clock = null)
        {
            Metadata = metadata ?? DataverseMetadata.Default();
            Clock = clock ?? (() => DateTime.UtcNow);
        }

        public DataverseMetadata Metadata { get; }

        /// <summary>The clock (UTC) for createdon/modifiedon, close dates and relative date conditions.</summary>
        public Func<DateTime> Clock { get; }

        /// <summary>
        /// The organization's base currency (a transactioncurrency row). Its currencyprecision rounds the *_base amounts
        /// (2 when not set), and rows with money but no currency get it as their transactioncurrencyid.
        /// </summary>
        public Guid? BaseCurrencyId { get; set; }

        /// <summary>
        /// Also reject rows missing ApplicationRequired ("business required") columns. Dataverse enforces only
        /// SystemRequired columns on the server, so this is off by default.
        /// </summary>
        public bool EnforceApplicationRequired { get; set; }

        /// <summary>How many transactions are open.</summary>
        public int TransactionDepth
        {
            get
            {
                lock (_sync)
                {
                    return _transactions.Count;
                }
            }
        }

        /// <summary>A plain organization service (no plug-ins) acting as <paramref name="callerId"/>.</summary>
        public IOrganizationService CreateService(Guid callerId) => new InMemoryOrganizationService(this, callerId);

        /// <summary>The number of rows in a table.</summary>
        public int Count(string logicalName)
        {
            lock (_sync)
            {
                Metadata.GetTable(logicalName);
                return _rows.TryGetValue(logicalName, out Dictionary<Guid, StoredRow>? table) ? table.Count : 0;
            }
        }

        public Entity? Snapshot(string logicalName, Guid id, string[]? columns)
        {
            lock (_sync)
            {
                Metadata.GetTable(logicalName);
                StoredRow? row = Find(logicalName, id);
                return row == null ? null : AttributeValues.CloneEntity(row.Data, columns);
            }
        }

        public IStoreTransaction BeginTransaction()
        {
            lock (_sync)
            {
                var transaction = new StoreTransaction(this);
                _transactions.Add(transaction);
                return transaction;
            }
        }

        public OrganizationResponse ExecuteCore(OrganizationRequest request, Guid callerId)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            lock (_sync)
            {
                return Dispatch(request, callerId);
            }
        }

        /// <summary>Runs one message atomically: a message that writes several rows (Win/Lose, Upsert) leaves nothing half-written.</summary>
        private OrganizationResponse Dispatch(OrganizationRequest request, Guid callerId)
        {
            if (request.RequestName is "Retrieve" or "RetrieveMultiple" or "ExecuteMultiple" or "RetrieveSharedPrincipalsAndAccess")
            {
                return DispatchCore(request, callerId);
            }

            using IStoreTransaction transaction = BeginTransaction();
            OrganizationResponse response = DispatchCore(request, callerId);
            transaction.Commit();
            return response;
        }

        private OrganizationResponse DispatchCore(OrganizationRequest request, Guid callerId)
        {
            switch (request.RequestName)
            {
                case "Create":
                    return CreateMessage(request, callerId);
                case "Retrieve":
                    return RetrieveMessage(request, callerId);
                case "RetrieveMultiple":
                    return RetrieveMultipleMessage(request, callerId);
                case "Update":
                    return UpdateMessage(request, callerId);
                case "Delete":
                    return DeleteMessage(request, callerId);
                case "Upsert":
                    return UpsertMessage(request, callerId);
                case "Assign":
                    return AssignMessage(request, callerId);
                case "SetState":
                    return SetStateMessage(request, callerId);
                case "WinOpportunity":
                    return CloseOpportunityMessage(request, callerId, won: true);
                case "LoseOpportunity":
                    return CloseOpportunityMessage(request, callerId, won: false);
                case "ExecuteMultiple":
                    return ExecuteMultipleMessage(request, callerId);
                case "GrantAccess":
                    return GrantAccessMessage(request, callerId);
                case "RevokeAccess":
                    return RevokeAccessMessage(request, callerId);
                case "RetrieveSharedPrincipalsAndAccess":
                    return RetrieveSharedMessage(request, callerId);
                default:
                    throw new DataverseFaultException(
                        DataverseErrors.NotImplemented,
                        $"The message '{request.RequestName}' is not supported by the in-memory organization.");
            }
        }

        // ---------------------------------------------------------------- storage

        private sealed class StoredRow
        {
            public StoredRow(Entity data, long sequence)
            {
                Data = data;
                Sequence = sequence;
            }

            /// <summary>Never mutated after it is stored; a write stores a new object.</summary>
            public Entity Data { get; }

            public long Sequence { get; }
        }

        private StoredRow? Find(string logicalName, Guid id)
        {
            return _rows.TryGetValue(logicalName, out Dictionary<Guid, StoredRow>? table) && table.TryGetValue(id, out StoredRow? row) ? row : null;
        }

        private void Write(string logicalName, Guid id, StoredRow? row)
        {
            if (!_rows.TryGetValue(logicalName, out Dictionary<Guid, StoredRow>? table))
            {
                table = new Dictionary<Guid, StoredRow>();
                _rows.Add(logicalName, table);
            }

            if (_transactions.Count > 0)
            {
                _transactions[_transactions.Count - 1].Remember(logicalName, id, table.TryGetValue(id, out StoredRow? previous) ? previous : null);
            }

            NoteWrite(logicalName);

            if (row == null)
            {
                table.Remove(id);
            }
            else
            {
                table[id] = row;
            }
        }

        private void Restore(string logicalName, Guid id, StoredRow? row)
        {
            Dictionary<Guid, StoredRow> table = _rows[logicalName];
            NoteWrite(logicalName);
            if (row == null)
            {
                table.Remove(id);
            }
            else
            {
                table[id] = row;
            }
        }

        private string NextRowVersion() => (++_version).ToString(CultureInfo.InvariantCulture);

        IEnumerable<Entity> IRowSource.Rows(string logicalName)
        {
            return _rows.TryGetValue(logicalName, out Dictionary<Guid, StoredRow>? table)
                ? table.Values.OrderBy(r => r.Sequence).Select(r => r.Data).ToList()
                : Enumerable.Empty<Entity>();
        }

        Entity? IRowSource.Find(string logicalName, Guid id) => Find(logicalName, id)?.Data;

        // ---------------------------------------------------------------- transactions

        private sealed class StoreTransaction : IStoreTransaction
        {
            private readonly InMemoryOrganization _owner;
            private readonly Dictionary<(string Table, Guid Id), StoredRow?> _undo = new Dictionary<(string, Guid), StoredRow?>();
            private readonly List<LockedRow> _locks = new List<LockedRow>();
            private readonly HashSet<LockedRow> _locked = new HashSet<LockedRow>();
            private bool _ended;

            public StoreTransaction(InMemoryOrganization owner)
            {
                _owner = owner;
            }

            public IReadOnlyList<LockedRow> LockedRows
            {
                get
                {
                    lock (_owner._sync)
                    {
                        return _locks.ToArray();
                    }
                }
            }

            /// <summary>Keeps the state a row had before this transaction first touched it, and the lock the write takes.</summary>
            public void Remember(string table, Guid id, StoredRow? before)
            {
                _undo.TryAdd((table, id), before);
                Lock(new LockedRow(table, id));
            }

            private void Lock(LockedRow row)
            {
                if (_locked.Add(row))
                {
                    _locks.Add(row);
                }
            }

            public void Commit()
            {
                lock (_owner._sync)
                {
                    if (_ended)
                    {
                        throw new InvalidOperationException("The transaction has already been committed or rolled back.");
                    }

                    int index = _owner._transactions.IndexOf(this);
                    if (index != _owner._transactions.Count - 1)
                    {
                        throw new InvalidOperationException("A transaction cannot be committed while a transaction nested in it is still open.");
                    }

                    if (index == 0 && _undo.Count > 0 && _owner.Journal is ICommitJournal journal)
                    {
                        JournalCommit(journal);
                    }

                    if (index > 0)
                    {
                        StoreTransaction parent = _owner._transactions[index - 1];
                        foreach (KeyValuePair<(string Table, Guid Id), StoredRow?> entry in _undo)
                        {
                            parent._undo.TryAdd(entry.Key, entry.Value);
                        }

                        foreach (LockedRow row in _locks)
                        {
                            parent.Lock(row);
                        }
                    }

                    _owner._transactions.RemoveAt(index);
                    _ended = true;
                }
            }

            /// <summary>Hands the rows an outermost transaction changed to the journal; if it cannot keep them, nothing is committed.</summary>
            private void JournalCommit(ICommitJournal journal)
            {
                try
                {
                    journal.Committed(_owner.CommittedRows(_undo.Keys), _owner.Counters);
                }
                catch
                {
                    Dispose();
                    throw;
                }
            }

            /// <summary>Without Commit: restores every row this transaction (and any still-open nested one) changed.</summary>
            public void Dispose()
            {
                lock (_owner._sync)
                {
                    if (_ended)
                    {
                        return;
                    }

                    int index = _owner._transactions.IndexOf(this);
                    StoreTransaction? parent = index > 0 ? _owner._transactions[index - 1] : null;
                    for (int i = index; i < _owner._transactions.Count; i++)
                    {
                        // SQL keeps the locks of a rolled-back nested scope until the outermost transaction ends.
                        foreach (LockedRow row in _owner._transactions[i]._locks)
                        {
                            parent?.Lock(row);
                            if (i > index)
                            {
                                Lock(row);
                            }
                        }
                    }

                    for (int i = _owner._transactions.Count - 1; i >= index; i--)
                    {
                        StoreTransaction transaction = _owner._transactions[i];
                        foreach (KeyValuePair<(string Table, Guid Id), StoredRow?> entry in transaction._undo)
                        {
                            _owner.Restore(entry.Key.Table, entry.Key.Id, entry.Value);
                        }

                        transaction._ended = true;
                        _owner._transactions.RemoveAt(i);
                    }
                }
            }
        }

        // ---------------------------------------------------------------- helpers shared by the messages

        private static T Required<T>(OrganizationRequest request, string parameter)
            where T : class
        {
            if (request.Parameters.TryGetValue(parameter, out object value) && value is T typed)
            {
                return typed;
            }

            throw new DataverseFaultException(DataverseErrors.RequiredFieldMissing, $"Required field '{parameter}' is missing for message '{request.RequestName}'.");
        }

        private static ConcurrencyBehavior Concurrency(OrganizationRequest request) =>
            request.Parameters.TryGetValue("ConcurrencyBehavior", out object value) && value is ConcurrencyBehavior behavior ? behavior : ConcurrencyBehavior.Default;

        private static void CheckRowVersion(ConcurrencyBehavior behavior, string? requested, StoredRow current)
        {
            if (behavior != ConcurrencyBehavior.IfRowVersionMatches)
            {
                return;
            }

            if (string.IsNullOrEmpty(requested))
            {
                throw new DataverseFaultException(
                    DataverseErrors.ConcurrencyVersionNotProvided,
                    "The RowVersion property must be provided when the value of ConcurrencyBehavior is IfRowVersionMatches.");
            }

            if (!string.Equals(requested, current.Data.RowVersion, StringComparison.Ordinal))
            {
                throw new DataverseFaultException(
                    DataverseErrors.ConcurrencyVersionMismatch,
                    "The version of the existing record doesn't match the RowVersion property provided.");
            }
        }

        /// <summary>The id of the row an entity or reference names, by id or by alternate key; Guid.Empty when no row matches a key.</summary>
        private Guid ResolveId(TableMetadata table, Guid id, KeyAttributeCollection? keys)
        {
            if (id != Guid.Empty || keys == null || keys.Count == 0)
            {
                return id;
            }

            if (keys.Count == 1 && keys.TryGetValue(table.PrimaryIdAttribute, out object primary) && primary is Guid primaryId)
            {
                return primaryId;
            }

            var names = new HashSet<string>(keys.Keys, StringComparer.Ordinal);
            if (!table.AlternateKeys.Values.Any(k => names.SetEquals(k)))
            {
                throw DataverseErrors.Argument(
                    $"The specified key attributes are not a defined key for the {table.LogicalName} entity: {string.Join(", ", names.OrderBy(n => n, StringComparer.Ordinal))}.");
            }

            var wanted = keys.ToDictionary(k => k.Key, k => AttributeValues.Normalize(k.Value), StringComparer.Ordinal);
            if (_rows.TryGetValue(table.LogicalName, out Dictionary<Guid, StoredRow>? rows))
            {
                foreach (StoredRow row in rows.Values.OrderBy(r => r.Sequence))
                {
                    if (wanted.All(w => row.Data.Attributes.TryGetValue(w.Key, out object value) && KeyValueEquals(AttributeValues.Normalize(value), w.Value)))
                    {
                        return row.Data.Id;
                    }
                }
            }

            return Guid.Empty;
        }

        private StoredRow Existing(TableMetadata table, Guid id)
        {
            if (id == Guid.Empty)
            {
                throw new DataverseFaultException(DataverseErrors.ObjectDoesNotExist, $"{table.LogicalName} With Id = {Guid.Empty} Does Not Exist");
            }

            return Find(table.LogicalName, id) ?? throw DataverseErrors.DoesNotExist(table.LogicalName, id);
        }

        private Entity Project(TableMetadata table, Entity stored, ColumnSet? columns)
        {
            IEnumerable<string>? names = null;
            if (columns != null && !columns.AllColumns)
            {
                foreach (string column in columns.Columns)
                {
                    if (!table.HasColumn(column))
                    {
                        throw DataverseErrors.UnknownAttribute(table.LogicalName, column);
                    }
                }

                names = columns.Columns.Append(table.PrimaryIdAttribute).Distinct(StringComparer.Ordinal).ToList();
            }

            Entity copy = AttributeValues.CloneEntity(stored, names);
            FillReferenceNames(copy);
            return copy;
        }

        /// <summary>Sets EntityReference.Name from the referenced row's primary name, as Dataverse returns lookups.</summary>
        internal void FillReferenceNames(Entity entity)
        {
            foreach (KeyValuePair<string, object> attribute in entity.Attributes)
            {
                EntityReference? reference = attribute.Value as EntityReference ?? (attribute.Value as AliasedValue)?.Value as EntityReference;
                if (reference != null && Metadata.TryGetTable(reference.LogicalName, out TableMetadata target) && target.PrimaryNameAttribute != null)
                {
                    reference.Name = Find(target.LogicalName, reference.Id)?.Data.GetAttributeValue<string>(target.PrimaryNameAttribute);
                }
            }
        }

        DataverseMetadata IRowSource.Metadata => Metadata;

        DateTime IRowSource.Now => Clock();

        private EntityCollection RunQuery(QueryBase query, Guid callerId)
        {
            var engine = new QueryEngine(RowSourceFor(callerId), callerId);
            EntityCollection result = query switch
            {
                QueryExpression expression => engine.Execute(expression),
                FetchExpression fetch => engine.ExecuteFetch(fetch.Query),
                _ => throw DataverseErrors.Argument($"The query type {query.GetType().Name} is not supported; use QueryExpression or FetchExpression."),
            };

            foreach (Entity entity in result.Entities)
            {
                FillReferenceNames(entity);
            }

            return result;
        }
    }
}
