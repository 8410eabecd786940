using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.Dataverse.Registration
{
    /// <summary>
    /// The sdkmessage records a step can name by <c>SdkMessageId</c>. Standard platform messages have the same id in every
    /// organization, which is what lets an exported step name its message by id alone.
    /// </summary>
    /// <remarks>
    /// Only ids confirmed in public sources are built in (see <see cref="Standard"/>). Messages whose id is not known here
    /// (Win and Lose on opportunity, custom APIs, whose sdkmessage is created with the custom API) are added with
    /// <see cref="WithMessage"/>; a step naming an id the catalog does not know is rejected by the reader. Steps on Win and
    /// Lose ship in PostImportSteps/, naming the message by name; the admin's register-steps looks the id up in the org.
    /// </remarks>
    public sealed class SdkMessageCatalog
    {
        private readonly Dictionary<Guid, string> _namesById;
        private readonly Dictionary<string, Guid> _idsByName;

        private SdkMessageCatalog(IEnumerable<KeyValuePair<string, Guid>> entries)
        {
            _namesById = new Dictionary<Guid, string>();
            _idsByName = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, Guid> entry in entries)
            {
                _namesById[entry.Value] = entry.Key;
                _idsByName[entry.Key] = entry.Value;
            }
        }

        // Facts: ids of the standard sdkmessage records, identical in every organization. Confirmed in public repositories
        // (solution files and registration tools that hard-code them): Create, Update, Delete, Assign, Retrieve,
        // RetrieveMultiple, SetState, SetStateDynamicEntity, Execute, GrantAccess, ModifyAccess, RevokeAccess, Merge.
        public static readonly Guid CreateId = new Guid("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8");
        public static readonly Guid UpdateId = new Guid("20bebb1b-ea3e-db11-86a7-000a3a5473e8");
        public static readonly Guid DeleteId = new Guid("a1bdbb1b-ea3e-db11-86a7-000a3a5473e8");
        public static readonly Guid AssignId = new Guid("8cbdbb1b-ea3e-db11-86a7-000a3a5473e8");
        public static readonly Guid RetrieveId = new Guid("f2bdbb1b-ea3e-db11-86a7-000a3a5473e8");
        public static readonly Guid RetrieveMultipleId = new Guid("03bebb1b-ea3e-db11-86a7-000a3a5473e8");
        public static readonly Guid SetStateId = new Guid("1cbebb1b-ea3e-db11-86a7-000a3a5473e8");
        public static readonly Guid SetStateDynamicEntityId = new Guid("1dbebb1b-ea3e-db11-86a7-000a3a5473e8");
        public static readonly Guid ExecuteId = new Guid("a6bdbb1b-ea3e-db11-86a7-000a3a5473e8");
        public static readonly Guid GrantAccessId = new Guid("c5bdbb1b-ea3e-db11-86a7-000a3a5473e8");
        public static readonly Guid ModifyAccessId = new Guid("dcbdbb1b-ea3e-db11-86a7-000a3a5473e8");
        public static readonly Guid RevokeAccessId = new Guid("11bebb1b-ea3e-db11-86a7-000a3a5473e8");
        public static readonly Guid MergeId = new Guid("dbbdbb1b-ea3e-db11-86a7-000a3a5473e8");

        /// <summary>The standard messages whose ids are confirmed (Win and Lose are not among them: add them with <see cref="WithMessage"/>).</summary>
        public static SdkMessageCatalog Standard { get; } = new SdkMessageCatalog(new[]
        {
            new KeyValuePair<string, Guid>(MessageNames.Create, CreateId),
            new KeyValuePair<string, Guid>(MessageNames.Update, UpdateId),
            new KeyValuePair<string, Guid>(MessageNames.Delete, DeleteId),
            new KeyValuePair<string, Guid>(MessageNames.Assign, AssignId),
            new KeyValuePair<string, Guid>(MessageNames.Retrieve, RetrieveId),
            new KeyValuePair<string, Guid>(MessageNames.RetrieveMultiple, RetrieveMultipleId),
            new KeyValuePair<string, Guid>(MessageNames.SetState, SetStateId),
            new KeyValuePair<string, Guid>(MessageNames.SetStateDynamicEntity, SetStateDynamicEntityId),
            new KeyValuePair<string, Guid>("Execute", ExecuteId),
            new KeyValuePair<string, Guid>("GrantAccess", GrantAccessId),
            new KeyValuePair<string, Guid>("ModifyAccess", ModifyAccessId),
            new KeyValuePair<string, Guid>("RevokeAccess", RevokeAccessId),
            new KeyValuePair<string, Guid>("Merge", MergeId),
        });

        public IReadOnlyCollection<string> KnownMessages => _idsByName.Keys;

        /// <summary>A catalog with one more message (a custom API, or a standard message whose id was looked up in an org).</summary>
        public SdkMessageCatalog WithMessage(string messageName, Guid sdkMessageId)
        {
            if (string.IsNullOrWhiteSpace(messageName))
            {
                throw new ArgumentException("A message needs a name.", nameof(messageName));
            }

            if (sdkMessageId == Guid.Empty)
            {
                throw new ArgumentException($"Message '{messageName}' needs a non-empty sdkmessage id.", nameof(sdkMessageId));
            }

            if (_namesById.TryGetValue(sdkMessageId, out string? existing) && !string.Equals(existing, messageName, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"sdkmessage id {sdkMessageId} already names message '{existing}'.", nameof(sdkMessageId));
            }

            var entries = _idsByName.Where(e => !string.Equals(e.Key, messageName, StringComparison.OrdinalIgnoreCase)).ToList();
            entries.Add(new KeyValuePair<string, Guid>(messageName, sdkMessageId));
            return new SdkMessageCatalog(entries);
        }

        public bool TryGetName(Guid sdkMessageId, out string messageName)
        {
            if (_namesById.TryGetValue(sdkMessageId, out string? name))
            {
                messageName = name;
                return true;
            }

            messageName = string.Empty;
            return false;
        }

        public bool TryGetId(string messageName, out Guid sdkMessageId) => _idsByName.TryGetValue(messageName, out sdkMessageId);

        /// <summary>The id of a message; throws naming the message when the catalog does not know it.</summary>
        public Guid GetId(string messageName)
        {
            if (!_idsByName.TryGetValue(messageName, out Guid id))
            {
                throw new KeyNotFoundException(
                    $"The sdkmessage id of message '{messageName}' is not known to this catalog; add it with WithMessage.");
            }

            return id;
        }
    }
}
