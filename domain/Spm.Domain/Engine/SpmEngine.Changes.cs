using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Internal;
using Spm.Domain.Recognition;

namespace Spm.Domain.Engine
{
    /// <summary>What happens after a deal change: re-derive who it moved and detect milestones crossed.</summary>
    public sealed partial class SpmEngine
    {
        private static readonly IComparer<WonDeal> BySize = Comparer<WonDeal>.Create((a, b) => a.Amount != b.Amount ? a.Amount.CompareTo(b.Amount) : string.CompareOrdinal(a.DealId, b.DealId));
        private readonly Dictionary<string, SortedSet<WonDeal>> _wonByPeriod = new Dictionary<string, SortedSet<WonDeal>>(StringComparer.Ordinal);
        private readonly HashSet<string> _recognised = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, KeyValuePair<string, WonDeal>> _wonIndex = new Dictionary<string, KeyValuePair<string, WonDeal>>(StringComparer.Ordinal);

        public RecognitionRules RecognitionRules { get; set; } = RecognitionRules.Default;

        /// <summary>
        /// Recognitions already stored (their <see cref="RecognitionEvent.DedupKey"/>s): the engine does not announce
        /// them again. It also remembers every key it announces, so re-opening and re-winning a deal, or dropping below
        /// a milestone and crossing it again, announces nothing new for the same participant, period and milestone.
        /// </summary>
        public void MarkRecognised(IEnumerable<string> dedupKeys)
        {
            foreach (var key in Preconditions.NotNull(dedupKeys, "DedupKeys"))
            {
                _recognised.Add(Preconditions.NotBlank(key, "Recognition.DedupKey"));
            }
        }

        /// <summary>
        /// The open statement periods whose statements a posting may move, in period order: each credit date's period,
        /// or for a locked or paid one the first open period after it (where its adjustments are booked); and, because a
        /// re-win or a withdrawn re-win decides whether a late cancellation keeps its pay (<see cref="Plans.ClawbackPolicy"/>),
        /// the same for the deal's earlier rows of every participant the posting touches. A store writes these
        /// participants' statements for these periods (and any later ones a draw balance carries into).
        /// </summary>
        public IReadOnlyList<FiscalPeriod> StatementPeriodsMovedBy(LedgerPosting posting)
        {
            Preconditions.NotNull(posting, "Posting");
            var dates = new HashSet<DateTime>(posting.AffectedDates);
            foreach (var participantId in posting.AffectedParticipants)
            {
                foreach (var credit in Ledger.CreditsOf(participantId))
                {
                    if (credit.DealId == posting.DealId)
                    {
                        dates.Add(credit.Date);
                    }
                }
            }

            var moved = new HashSet<FiscalPeriod>();
            foreach (var date in dates)
            {
                if (Periods.TryPeriodOf(date, out var period))
                {
                    var target = Periods.IsFrozen(period!) ? Periods.FirstOpenAfter(period!) : period;
                    if (target != null)
                    {
                        moved.Add(target);
                    }
                }
            }

            return Periods.Periods.Where(moved.Contains).ToList();
        }

        /// <summary>The largest won deal (base currency) closed in the period containing <paramref name="date"/>, other than one deal.</summary>
        public WonDeal? LargestWonDeal(DateTime date, string? exceptDealId = null)
        {
            if (!Periods.TryPeriodOf(date, out var period) || !_wonByPeriod.TryGetValue(period!.Id, out var won))
            {
                return null;
            }

            foreach (var deal in won.Reverse())
            {
                if (deal.DealId != exceptDealId)
                {
                    return deal;
                }
            }

            return null;
        }

        private Dictionary<PairKey, ParticipantPeriodResult> Snapshot(IEnumerable<Touch> touched, DateTime asOf)
        {
            var results = new Dictionary<PairKey, ParticipantPeriodResult>();
            foreach (var touch in touched)
            {
                if (Periods.TryPeriodOf(touch.Date, out var period) && !results.ContainsKey(new PairKey(touch.ParticipantId, period!.Id)))
                {
                    results[new PairKey(touch.ParticipantId, period.Id)] = Result(touch.ParticipantId, period, asOf);
                }
            }

            return results;
        }

        private DealChange Complete(Deal? deal, LedgerPosting posting, Dictionary<PairKey, ParticipantPeriodResult> before, RecognitionFacts facts, DateTime asOf)
        {
            IndexWon(posting);
            var after = Snapshot(posting.Posted.Concat(posting.Reversals).Select(c => new Touch(c.ParticipantId, c.Date)), asOf);
            var events = new List<RecognitionEvent>();
            foreach (var pair in after)
            {
                var participantId = pair.Key.First;
                var periodId = pair.Key.Second;
                var name = Organization.Get(participantId).Name;
                var was = before.TryGetValue(pair.Key, out var b) ? b.Attainment.Attainment : 0m;
                foreach (var milestone in RecognitionRules.Crossed(was, pair.Value.Attainment.Attainment))
                {
                    events.Add(new RecognitionEvent(RecognitionKind.AttainmentMilestone, participantId, periodId, $"{name} reached {RecognitionRules.Percent(milestone)} of quota", $"{name} is at {RecognitionRules.Percent(pair.Value.Attainment.Attainment!.Value)} of their {periodId} {pair.Value.Attainment.Measure} quota.", deal?.Id, milestone));
                }
            }

            var direct = posting.Posted.Where(c => c.Kind == CreditKind.Owner || c.Kind == CreditKind.Split).ToList();
            if (deal != null && direct.Count > 0)
            {
                var period = Periods.PeriodOf(direct[0].Date, "Credit date");
                foreach (var credit in direct)
                {
                    var name = Organization.Get(credit.ParticipantId).Name;
                    if (!facts.HadDirectCredit.Contains(credit.ParticipantId))
                    {
                        events.Add(new RecognitionEvent(RecognitionKind.FirstDeal, credit.ParticipantId, period.Id, $"{name} closed their first deal", $"'{deal.Name}' is {name}'s first won deal.", deal.Id, credit.DealAmount));
                    }

                    var weeks = facts.WeeksBefore.TryGetValue(credit.ParticipantId, out var w) ? w : new HashSet<int>();
                    var week = WeekKey.Of(credit.Date);
                    if (!weeks.Contains(week))
                    {
                        weeks.Add(week);
                        // The run through this week; a milestone is crossed only if neither neighbouring run reached it alone.
                        var back = 0;
                        while (weeks.Contains(week - back - 1))
                        {
                            back++;
                        }

                        var ahead = 0;
                        while (weeks.Contains(week + ahead + 1))
                        {
                            ahead++;
                        }

                        var length = back + 1 + ahead;
                        foreach (var milestone in RecognitionRules.StreakWeeks.Where(m => length >= m && back < m && ahead < m))
                        {
                            events.Add(new RecognitionEvent(RecognitionKind.WinStreak, credit.ParticipantId, period.Id, $"{name} is on a {milestone}-week win streak", $"{name} has won at least one deal in each of {length} consecutive weeks.", deal.Id, milestone));
                        }
                    }
                }

                var largest = facts.LargestBefore;
                if (largest != null && direct[0].DealAmount > largest.Amount)
                {
                    // The owner is announced when they hold credit on it; otherwise (an inactive owner) the first credited split.
                    var owner = Ledger.ActiveCreditsOf(deal.Id).Any(c => c.ParticipantId == deal.OwnerId && (c.Kind == CreditKind.Owner || c.Kind == CreditKind.Split)) ? deal.OwnerId : direct[0].ParticipantId;
                    var name = Organization.Get(owner).Name;
                    events.Add(new RecognitionEvent(RecognitionKind.LargestDealOfPeriod, owner, period.Id, $"{name} closed the largest deal of {period.Id}", $"'{deal.Name}' ({Currencies.Base.Format(direct[0].DealAmount)}) beats the previous largest ({Currencies.Base.Format(largest.Amount)}).", deal.Id, direct[0].DealAmount));
                }
            }

            // Once per key: a milestone crossed again after a reopen, or a re-won deal, is not news.
            var announced = events.Where(e => _recognised.Add(e.DedupKey)).ToList();
            return new DealChange(deal, posting, after.Values.ToList(), announced);
        }

        /// <summary>A participant whose figures a change may move, in the period of a credit date.</summary>
        private readonly struct Touch
        {
            public Touch(string participantId, DateTime date)
            {
                ParticipantId = participantId;
                Date = date;
            }

            public string ParticipantId { get; }

            public DateTime Date { get; }
        }

        private void IndexWon(LedgerPosting posting)
        {
            if (_wonIndex.TryGetValue(posting.DealId, out var old) && _wonByPeriod.TryGetValue(old.Key, out var oldSet))
            {
                oldSet.Remove(old.Value);
                _wonIndex.Remove(posting.DealId);
            }

            var active = Ledger.ActiveCreditsOf(posting.DealId).FirstOrDefault(c => c.Kind == CreditKind.Owner || c.Kind == CreditKind.Split);
            if (active == null || !Periods.TryPeriodOf(active.Date, out var period))
            {
                return;
            }

            if (!_wonByPeriod.TryGetValue(period!.Id, out var set))
            {
                _wonByPeriod[period.Id] = set = new SortedSet<WonDeal>(BySize);
            }

            var won = new WonDeal(posting.DealId, active.DealAmount);
            set.Add(won);
            _wonIndex[posting.DealId] = new KeyValuePair<string, WonDeal>(period.Id, won);
        }
    }
}
