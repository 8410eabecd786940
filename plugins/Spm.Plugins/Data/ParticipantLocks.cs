using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Data
{
    /// <summary>
    /// Per-participant ledger locks: one spm_ledgerstate row per participant (its id is the participant's systemuserid),
    /// upserted so the transaction holds that row until it commits. A posting locks only the people it writes, last
    /// (after every read), in ascending id order, so two reps' wins never wait for each other and never deadlock.
    /// </summary>
    internal static class ParticipantLocks
    {
        public static IReadOnlyList<Guid> Take(IOrganizationService service, IEnumerable<Guid> participants, Guid userId)
        {
            var ordered = participants.Where(id => id != Guid.Empty).Distinct().OrderBy(id => id).ToList();
            foreach (var participant in ordered)
            {
                var row = new Entity(S.LedgerState.Table, participant);
                row[S.LedgerState.Name] = "SPM ledger of " + Columns.Key(participant);
                row[S.LedgerState.LockedBy] = Columns.Key(userId);
                service.Execute(new UpsertRequest { Target = row });
            }

            return ordered;
        }
    }
}
