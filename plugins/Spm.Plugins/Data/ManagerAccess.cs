using System;
using System.Collections.Generic;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Data
{
    /// <summary>
    /// A manager reads exactly their reporting line. SPM Manager reads earnings tables at user level (its own rows), and
    /// every earnings row the plug-ins create is shared read-only with the participant's manager chain. Dataverse's
    /// manager hierarchy security would do the same, but it is an environment setting a solution cannot carry; a share
    /// ships with the code, works in every environment and can be asked for (RetrieveSharedPrincipalsAndAccess).
    /// </summary>
    internal sealed class ManagerAccess
    {
        private readonly IOrganizationService _service;
        private readonly Action<string> _trace;
        private readonly Dictionary<Guid, IReadOnlyList<Guid>> _chains = new Dictionary<Guid, IReadOnlyList<Guid>>();

        public ManagerAccess(IOrganizationService service, Action<string> trace)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
            _trace = trace ?? (_ => { });
        }

        /// <summary>Grants Read on a just-created row to each manager above its participant; a grant repeated later adds nothing.</summary>
        public void ShareWithManagers(string table, Guid rowId, Guid participant)
        {
            var managers = ManagersOf(participant);
            foreach (var manager in managers)
            {
                _service.Execute(new GrantAccessRequest
                {
                    Target = new EntityReference(table, rowId),
                    PrincipalAccess = new PrincipalAccess { Principal = new EntityReference(S.SystemUser.Table, manager), AccessMask = AccessRights.ReadAccess },
                });
            }

            _trace($"{table} {rowId}: readable by {managers.Count} manager(s) above {participant}");
        }

        /// <summary>
        /// A row moved from one participant to another: the new participant's managers read it, and the managers of the
        /// old one who are not also above the new one (or the new participant) no longer do.
        /// </summary>
        public void MoveToManagersOf(string table, Guid rowId, Guid from, Guid to)
        {
            ShareWithManagers(table, rowId, to);
            if (from == Guid.Empty)
            {
                return;
            }

            var keep = new HashSet<Guid>(ManagersOf(to)) { to };
            foreach (var manager in ManagersOf(from))
            {
                if (keep.Contains(manager))
                {
                    continue;
                }

                _service.Execute(new RevokeAccessRequest { Target = new EntityReference(table, rowId), Revokee = new EntityReference(S.SystemUser.Table, manager) });
                _trace($"{table} {rowId}: no longer shared with {manager}, who is not above {to}");
            }
        }

        private IReadOnlyList<Guid> ManagersOf(Guid participant)
        {
            if (!_chains.TryGetValue(participant, out var managers))
            {
                // One chain read per participant and execution: a posting creates several rows for the same people.
                _chains[participant] = managers = CallerAccess.ManagersOf(_service, participant);
            }

            return managers;
        }
    }
}
