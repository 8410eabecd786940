using System;
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
    }

    public interface IStoreTransaction : IDisposable
    {
        void Commit();
    }
}
