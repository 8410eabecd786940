using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// One database transaction the pipeline ran: a request that did not join a caller's transaction (a client's request, a
    /// call from an asynchronous step or from a PreValidation step, one item of an ExecuteMultiple) with everything its
    /// synchronous steps and cascades did inside it. <see cref="LockedRows"/> are the rows it wrote, on which Dataverse holds
    /// an exclusive lock until the commit: two transactions that share one serialize on it.
    /// </summary>
    public sealed record TransactionRecord
    {
        /// <summary>The order in which the transactions began (1, 2, ...).</summary>
        public required long Sequence { get; init; }

        /// <summary>The message of the request that began it, e.g. "Win" or "Create".</summary>
        public required string MessageName { get; init; }

        /// <summary>Its table, or null for a global message.</summary>
        public string? PrimaryEntityName { get; init; }

        /// <summary>Its row (for a Create, the row created).</summary>
        public Guid PrimaryEntityId { get; init; }

        /// <summary>1 for a client's request; deeper for a call an asynchronous or PreValidation step made outside any transaction.</summary>
        public required int Depth { get; init; }

        public required Guid CorrelationId { get; init; }

        /// <summary>The user the request ran as.</summary>
        public required Guid UserId { get; init; }

        /// <summary>Every row written, each once, in the order of its first write (the order the locks were taken).</summary>
        public required IReadOnlyList<LockedRow> LockedRows { get; init; }

        /// <summary>What ended the transaction with a rollback; null when it committed.</summary>
        public Exception? Exception { get; init; }

        public bool Committed => Exception is null;

        /// <summary>The first row locked, or null when nothing was written.</summary>
        public LockedRow? FirstLocked => LockedRows.Count == 0 ? null : LockedRows[0];

        /// <summary>The last row locked, or null when nothing was written.</summary>
        public LockedRow? LastLocked => LockedRows.Count == 0 ? null : LockedRows[LockedRows.Count - 1];

        /// <summary>Whether the transaction wrote (so locked) the row.</summary>
        public bool Locks(string table, Guid id) => LockedRows.Contains(new LockedRow(table, id));

        /// <summary>The rows both transactions locked, in this one's lock order: empty when they can run concurrently without blocking each other.</summary>
        public IReadOnlyList<LockedRow> LocksSharedWith(TransactionRecord other)
        {
            ArgumentNullException.ThrowIfNull(other);
            var theirs = new HashSet<LockedRow>(other.LockedRows);
            return LockedRows.Where(theirs.Contains).ToArray();
        }

        /// <summary>The rows locked in one table, in lock order.</summary>
        public IReadOnlyList<Guid> LockedIn(string table) =>
            LockedRows.Where(r => string.Equals(r.Table, table, StringComparison.Ordinal)).Select(r => r.Id).ToArray();
    }
}
