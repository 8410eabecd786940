using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Recognition;

namespace Spm.Domain.Engine
{
    /// <summary>What recognition needs to know from before a deal is posted: who had a deal already, and the period's largest deal.</summary>
    internal sealed class RecognitionFacts
    {
        private RecognitionFacts(HashSet<string> hadDirectCredit, Dictionary<string, HashSet<int>> weeksBefore, WonDeal? largestBefore)
        {
            HadDirectCredit = hadDirectCredit;
            WeeksBefore = weeksBefore;
            LargestBefore = largestBefore;
        }

        public static RecognitionFacts None { get; } = new RecognitionFacts(new HashSet<string>(), new Dictionary<string, HashSet<int>>(), null);

        public HashSet<string> HadDirectCredit { get; }

        public Dictionary<string, HashSet<int>> WeeksBefore { get; }

        public WonDeal? LargestBefore { get; }

        public static RecognitionFacts Before(SpmEngine engine, Deal deal, IReadOnlyList<CreditDraft> candidates)
        {
            var had = new HashSet<string>(StringComparer.Ordinal);
            var weeks = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
            var ledger = engine.Ledger;
            var active = ledger.ActiveCreditsOf(deal.Id);
            foreach (var draft in candidates)
            {
                if (draft.Kind != CreditKind.Owner && draft.Kind != CreditKind.Split)
                {
                    continue;
                }

                if (ledger.HasEverBeenCreditedDirectly(draft.ParticipantId))
                {
                    had.Add(draft.ParticipantId);
                }

                // Weeks with a win before this change, not counting this deal's own credit.
                var set = new HashSet<int>();
                foreach (var pair in ledger.DirectCreditWeeks(draft.ParticipantId))
                {
                    var own = 0;
                    foreach (var credit in active)
                    {
                        if (credit.ParticipantId == draft.ParticipantId && (credit.Kind == CreditKind.Owner || credit.Kind == CreditKind.Split) && WeekKey.Of(credit.Date) == pair.Key)
                        {
                            own++;
                        }
                    }

                    if (pair.Value - own > 0)
                    {
                        set.Add(pair.Key);
                    }
                }

                weeks[draft.ParticipantId] = set;
            }

            return new RecognitionFacts(had, weeks, candidates.Count == 0 ? null : engine.LargestWonDeal(candidates[0].Date, deal.Id));
        }
    }
}
