using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Spm.WebApi.Errors;

namespace Spm.WebApi.Batch
{
    /// <summary>
    /// What the requests of one $batch change set may refer to: "$n", the row created by the request with Content-ID n
    /// (in a URL or an @odata.bind), and the rows the set creates, which a later PATCH of the set updates rather than creates.
    /// </summary>
    internal sealed class ChangeSetReferences
    {
        private readonly Dictionary<string, EntityReference> _byContentId = new Dictionary<string, EntityReference>(StringComparer.Ordinal);
        private readonly HashSet<(string Table, Guid Id)> _created = new HashSet<(string, Guid)>();

        /// <summary>Records the row a request of the set will create.</summary>
        public void Add(string? contentId, EntityReference created)
        {
            _created.Add((created.LogicalName, created.Id));
            if (!string.IsNullOrEmpty(contentId))
            {
                _byContentId[contentId] = created;
            }
        }

        public bool Creates(string table, Guid id) => _created.Contains((table, id));

        /// <summary>The row "$n" names; 400 when no earlier request of the set has Content-ID n.</summary>
        public EntityReference Resolve(string reference)
        {
            string contentId = reference.TrimStart('$');
            return _byContentId.TryGetValue(contentId, out EntityReference? row)
                ? row
                : throw WebApiException.BadRequest($"Content-ID Reference: '{reference}' does not exist in the batch context.");
        }

        /// <summary>True for a "$n" reference (a URL or bind value that starts with $ and a Content-ID).</summary>
        public static bool IsReference(string value) => value.Length > 1 && value[0] == '$' && char.IsLetterOrDigit(value[1]);
    }
}
