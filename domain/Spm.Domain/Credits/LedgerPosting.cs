using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.Domain.Credits
{
    /// <summary>What one posting appended: new credits and reversal entries, and whose numbers they move.</summary>
    public sealed record LedgerPosting(string DealId, IReadOnlyList<Credit> Posted, IReadOnlyList<Credit> Reversals)
    {
        public bool IsEmpty => Posted.Count == 0 && Reversals.Count == 0;

        public IReadOnlyCollection<string> AffectedParticipants =>
            Posted.Concat(Reversals).Select(c => c.ParticipantId).Distinct(StringComparer.Ordinal).ToList();

        /// <summary>Credit dates touched, so the caller knows which periods to recompute.</summary>
        public IReadOnlyCollection<DateTime> AffectedDates => Posted.Concat(Reversals).Select(c => c.Date).Distinct().ToList();
    }
}
