using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Credits;
using Spm.Domain.Recognition;

namespace Spm.Domain.Engine
{
    /// <summary>What recognition needs to know from before a deal is posted: who had a deal already, and the period's largest deal.</summary>
    internal sealed class RecognitionFacts
    {
        private RecognitionFacts(HashSet<string> hadDirectCredit, Dictionary<string, HashSet<int>> weeksBefore, (string DealId, decimal Amount)? largestBefore)
        {
            HadDirectCredit = hadDirectCredit;
            WeeksBefore = weeksBefore;
            LargestBefore = largestBefore;
        }

        public static RecognitionFacts None { get; } = new RecognitionFacts(new HashSet<string>(), new Dictionary<string, HashSet<int>>(), null);

        public HashSet<string> HadDirectCredit { get; }

        public Dictionary<string, HashSet<int>> WeeksBefore { get; }

        public (string DealId, decimal Amount)? LargestBefore { get; }

        public static RecognitionFacts Before(SpmEngine engine, Deal deal, IReadOnlyList<CreditDraft> candidates)
        {
            var had = new HashSet<string>(StringComparer.Ordinal);
            var weeks = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
            foreach (var draft in candidates.Where(c => c.Kind == CreditKind.Owner || c.Kind == CreditKind.Split))
            {
                var won = ActiveDirectCredits(engine.Ledger, draft.ParticipantId).ToList();
                if (won.Any(c => c.DealId != deal.Id))
                {
                    had.Add(draft.ParticipantId);
                }

                weeks[draft.ParticipantId] = new HashSet<int>(won.Where(c => c.DealId != deal.Id).Select(c => RecognitionRules.WeekOf(c.Date)));
            }

            return new RecognitionFacts(had, weeks, candidates.Count == 0 ? null : engine.LargestWonDeal(candidates[0].Date, deal.Id));
        }

        /// <summary>A participant's owner and split credits that have not been reversed.</summary>
        public static IEnumerable<Credit> ActiveDirectCredits(CreditLedger ledger, string participantId)
        {
            var credits = ledger.CreditsOf(participantId);
            var reversed = new HashSet<long>(credits.Where(c => c.IsReversal).Select(c => c.ReversalOfId!.Value));
            return credits.Where(c => !c.IsReversal && !reversed.Contains(c.Id) && (c.Kind == CreditKind.Owner || c.Kind == CreditKind.Split));
        }
    }
}
