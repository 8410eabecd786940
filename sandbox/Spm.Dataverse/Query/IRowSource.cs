using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Metadata;

namespace Spm.Dataverse.Query
{
    /// <summary>What the query engine reads: the schema, the stored rows (in creation order, read-only) and the clock.</summary>
    internal interface IRowSource
    {
        DataverseMetadata Metadata { get; }

        DateTime Now { get; }

        IEnumerable<Entity> Rows(string logicalName);

        Entity? Find(string logicalName, Guid id);
    }
}
