using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Internal;

namespace Spm.Domain.Credits
{
    /// <summary>
    /// The append-only credit ledger. Posting a deal's current state diffs it against the credits the deal holds:
    /// unchanged rows stay, changed or withdrawn rows get a reversal entry, new rows are appended. Posting the same
    /// state twice appends nothing, so retries cannot double count. Rows are never edited or removed. A row is unchanged
    /// when it credits the same thing (<see cref="CreditDraft.CreditsSameAs"/>): a renamed deal keeps its rows.
    /// Sequences are per participant (1, 2, 3… along each participant's rows): two reps' postings never share a
    /// counter, so they need no common lock, and a stored row is identified by participant and sequence.
    /// </summary>
    public sealed class CreditLedger
    {
        private readonly List<Credit> _entries = new List<Credit>();
        private readonly Dictionary<string, ParticipantCredits> _byParticipant = new Dictionary<string, ParticipantCredits>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<Credit>> _activeByDeal = new Dictionary<string, List<Credit>>(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<int, int>> _directWeeks = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
        private readonly HashSet<string> _everDirect = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _nextId = new Dictionary<string, long>(StringComparer.Ordinal);

        public CreditLedger(CreditAllocator allocator)
        {
            Allocator = Preconditions.NotNull(allocator, "CreditLedger.Allocator");
        }

        public CreditAllocator Allocator { get; }

        public IReadOnlyList<Credit> Entries => _entries;

        public int Count => _entries.Count;

        public IReadOnlyList<Credit> CreditsOf(string participantId) =>
            _byParticipant.TryGetValue(participantId, out var slice) ? slice : (IReadOnlyList<Credit>)Array.Empty<Credit>();

        /// <summary>Credits a deal holds now (not reversed).</summary>
        public IReadOnlyList<Credit> ActiveCreditsOf(string dealId) =>
            _activeByDeal.TryGetValue(dealId, out var list) ? list : (IReadOnlyList<Credit>)Array.Empty<Credit>();

        /// <summary>
        /// Loads rows read back from storage, in one call with every row of the deals and participants a change touches.
        /// Rows already present are skipped, so overlapping reads are harmless. A participant's new rows get sequences
        /// above every restored row of theirs.
        /// </summary>
        /// <param name="partial">
        /// The rows are a bounded read (those a change can move, see the plug-ins' ledger reader): a reversal may then
        /// arrive without the row it reverses, whose amount is already inside a stored totals snapshot.
        /// </param>
        public void Restore(IEnumerable<Credit> stored, bool partial = false)
        {
            var rows = Preconditions.NotNull(stored, "Credits").OrderBy(c => c.ParticipantId, StringComparer.Ordinal).ThenBy(c => c.Id).ToList();
            var known = new HashSet<PairKey>(_entries.Select(c => Key(c.ParticipantId, c.Id)));
            var byId = new Dictionary<PairKey, Credit>();
            foreach (var credit in _entries)
            {
                byId[Key(credit.ParticipantId, credit.Id)] = credit;
            }

            foreach (var credit in rows)
            {
                if (!known.Add(Key(credit.ParticipantId, credit.Id)))
                {
                    continue;
                }

                var slice = SliceOf(credit.ParticipantId);
                if (slice != null && slice.Count > 0 && credit.Id <= slice.LastId)
                {
                    throw new SpmRuleException("Credit.Id", credit.Id, $"Ledger row {credit.Id} of participant {credit.ParticipantId} arrives after row {slice.LastId}; restore every row in one call, before posting new ones.");
                }

                if (credit.ReversalOfId.HasValue && !(byId.TryGetValue(Key(credit.ParticipantId, credit.ReversalOfId.Value), out var original) ? original.DealId == credit.DealId : partial))
                {
                    throw new SpmRuleException("Credit.ReversalOf", credit.ReversalOfId, $"Ledger row {credit.Id} reverses row {credit.ReversalOfId}, which is not a row of the same deal and participant; load the deal's whole ledger.");
                }

                byId[Key(credit.ParticipantId, credit.Id)] = credit;
                Append(credit);
                if (credit.ReversalOfId.HasValue)
                {
                    if (_activeByDeal.TryGetValue(credit.DealId, out var withReversed))
                    {
                        withReversed.RemoveAll(c => c.ParticipantId == credit.ParticipantId && c.Id == credit.ReversalOfId.Value);
                    }
                }
                else
                {
                    if (!_activeByDeal.TryGetValue(credit.DealId, out var active))
                    {
                        _activeByDeal[credit.DealId] = active = new List<Credit>();
                    }

                    active.Add(credit);
                }

                ContinueAfter(credit.ParticipantId, credit.Id);
            }
        }

        /// <summary>The participant's new rows get sequences above <paramref name="sequence"/>: the last one stored for them, loaded or not.</summary>
        public void ContinueAfter(string participantId, long sequence)
        {
            if (!_nextId.TryGetValue(participantId, out var next) || sequence >= next)
            {
                _nextId[participantId] = sequence + 1;
            }
        }

        /// <summary>
        /// The participant's last sequence, loaded or not: a ledger read back only in part still knows where the
        /// participant's numbering stands (<see cref="ContinueAfter"/>), so totals and statements say how far they reach.
        /// </summary>
        public long LastSequence(string participantId) => NextSequence(participantId) - 1;

        /// <summary>The sequence the participant's next row will get.</summary>
        public long NextSequence(string participantId) => _nextId.TryGetValue(participantId, out var next) ? next : 1L;

        private static PairKey Key(string participantId, long sequence) => new PairKey(participantId, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));

        /// <summary>Brings the ledger in line with the deal's current state. Validation runs before anything is appended.</summary>
        public LedgerPosting Post(Deal deal, DateTime postedOn, CreditScope scope = CreditScope.All)
        {
            var desired = Allocator.Allocate(deal).Where(d => scope.Includes(d.Kind)).ToList();
            return Apply(deal.Id, desired, Preconditions.DateOnly(postedOn, "PostedOn"), scope);
        }

        /// <summary>A deleted deal: every credit it holds is reversed.</summary>
        public LedgerPosting Remove(string dealId, DateTime postedOn, CreditScope scope = CreditScope.All) =>
            Apply(Preconditions.NotBlank(dealId, "Deal.Id"), new List<CreditDraft>(), Preconditions.DateOnly(postedOn, "PostedOn"), scope);

        /// <summary>
        /// True once the participant has been credited (owner or split) on any won deal: on a row loaded or posted, even
        /// if reversed since, or as marked by <see cref="MarkCreditedDirectlyBefore"/>.
        /// </summary>
        public bool HasEverBeenCreditedDirectly(string participantId) => _everDirect.Contains(participantId);

        /// <summary>
        /// Records participants known to hold owner or split credit from before the rows loaded, for a caller that restores
        /// only part of the ledger (a date-bounded read): they have had their first deal, so none is announced again.
        /// </summary>
        public void MarkCreditedDirectlyBefore(IEnumerable<string> participantIds)
        {
            foreach (var id in Preconditions.NotNull(participantIds, "ParticipantIds"))
            {
                _everDirect.Add(Preconditions.NotBlank(id, "Participant.Id"));
            }
        }

        /// <summary>Weeks (see <see cref="Calendar.WeekKey"/>) in which the participant holds owner or split credit, with how many rows.</summary>
        public IReadOnlyDictionary<int, int> DirectCreditWeeks(string participantId) =>
            _directWeeks.TryGetValue(participantId, out var weeks) ? weeks : (IReadOnlyDictionary<int, int>)EmptyWeeks;

        private static readonly Dictionary<int, int> EmptyWeeks = new Dictionary<int, int>();

        internal ParticipantCredits? SliceOf(string participantId) =>
            _byParticipant.TryGetValue(participantId, out var slice) ? slice : null;

        private LedgerPosting Apply(string dealId, List<CreditDraft> desired, DateTime postedOn, CreditScope scope)
        {
            var active = _activeByDeal.TryGetValue(dealId, out var list) ? list : new List<Credit>();
            var keep = new List<Credit>();
            var reverse = new List<Credit>();
            foreach (var credit in active)
            {
                if (!scope.Includes(credit.Kind))
                {
                    keep.Add(credit);
                    continue;
                }

                var stored = CreditDraft.Of(credit);
                var same = desired.FindIndex(d => d.CreditsSameAs(stored));
                if (same >= 0)
                {
                    desired.RemoveAt(same);
                    keep.Add(credit);
                }
                else
                {
                    reverse.Add(credit);
                }
            }

            var reversals = reverse.Select(c => Append(new Credit(Take(c.ParticipantId), CreditDraft.Of(c), c.Id, postedOn))).ToList();
            var posted = desired.Select(d => Append(new Credit(Take(d.ParticipantId), d, null, postedOn))).ToList();
            keep.AddRange(posted);
            if (keep.Count == 0)
            {
                _activeByDeal.Remove(dealId);
            }
            else
            {
                _activeByDeal[dealId] = keep;
            }

            return new LedgerPosting(dealId, posted, reversals);
        }

        private long Take(string participantId)
        {
            var next = NextSequence(participantId);
            _nextId[participantId] = next + 1;
            return next;
        }

        private Credit Append(Credit credit)
        {
            _entries.Add(credit);
            if (!_byParticipant.TryGetValue(credit.ParticipantId, out var slice))
            {
                _byParticipant[credit.ParticipantId] = slice = new ParticipantCredits();
            }

            slice.Add(credit);
            if (credit.Kind == CreditKind.Owner || credit.Kind == CreditKind.Split)
            {
                // Kept as rows are appended so recognition never rescans a participant's history.
                if (!_directWeeks.TryGetValue(credit.ParticipantId, out var weeks))
                {
                    _directWeeks[credit.ParticipantId] = weeks = new Dictionary<int, int>();
                }

                var week = Calendar.WeekKey.Of(credit.Date);
                weeks.TryGetValue(week, out var rows);
                rows += credit.IsReversal ? -1 : 1;
                if (rows == 0)
                {
                    weeks.Remove(week);
                }
                else
                {
                    weeks[week] = rows;
                }

                if (!credit.IsReversal)
                {
                    _everDirect.Add(credit.ParticipantId);
                }
            }

            return credit;
        }
    }
}
