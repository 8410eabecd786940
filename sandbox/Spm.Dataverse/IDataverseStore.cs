using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Spm.Dataverse
{
    /// <summary>
    /// The seam between the in-memory data (Store/) and the plugin pipeline (Pipeline/): the store executes one request
    /// with no plugins; the pipeline wraps it with steps, depth and transactions.
    /// </summary>
    public interface IDataverseStore
    {
        /// <summary>Executes one request against the data, as the core operation (stage 30) does. Throws <see cref="DataverseFaultException"/>.</summary>
        OrganizationResponse ExecuteCore(OrganizationRequest request, Guid callerId);

        /// <summary>The stored row with the named columns (all when null), or null when it does not exist. For images.</summary>
        Entity? Snapshot(string logicalName, Guid id, string[]? columns);

        /// <summary>Starts a transaction; nested calls nest. Dispose without Commit rolls back every change made since.</summary>
        IStoreTransaction BeginTransaction();

        /// <summary>
        /// Before a Delete of <paramref name="target"/>: throws the Restrict fault when a Restrict relationship forbids it, and
        /// returns the rows its Cascade relationships delete with it, which the pipeline deletes first through their own Delete
        /// pipeline (as Dataverse runs the children's Delete plug-ins). A store that knows no relationships returns none.
        /// </summary>
        IReadOnlyList<EntityReference> PrepareDelete(EntityReference target) => Array.Empty<EntityReference>();

        /// <summary>Trusts <paramref name="userId"/> as SYSTEM, whom no security role restricts (the pipeline's SystemUserId).</summary>
        void RegisterSystemUser(Guid userId)
        {
        }

        /// <summary>
        /// Refuses (PrivilegeDenied, 0x80040220) a caller none of whose roles grants the privilege, e.g. a Custom API's
        /// executeprivilegename. A store that enforces no security allows everyone.
        /// </summary>
        void DemandPrivilege(string privilegeName, Guid callerId)
        {
        }
    }

    public interface IStoreTransaction : IDisposable
    {
        /// <summary>
        /// The rows this transaction wrote (created, updated, deleted), with those of the transactions nested in it that have
        /// ended, each once in the order of its first write: the exclusive row locks Dataverse holds until the outermost commit.
        /// A nested transaction that rolled back still counts (its locks are held until the outer transaction ends).
        /// </summary>
        IReadOnlyList<LockedRow> LockedRows { get; }

        void Commit();
    }

    /// <summary>One row a transaction holds an exclusive lock on: its table and id.</summary>
    public readonly record struct LockedRow(string Table, Guid Id)
    {
        public override string ToString() => $"{Table} {Id:D}";
    }
}
