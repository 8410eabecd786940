using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Internal;
using Spm.Domain.Money;
using Spm.Domain.Participants;
using Spm.Domain.Plans;
using Spm.Domain.Quotas;
using Spm.Domain.Statements;

namespace Spm.Domain.Engine
{
    /// <summary>
    /// The SPM engine: deals in, ledger, attainment and statements out. Every figure is derived from the append-only
    /// credit ledger; cached folds are extended only with rows appended since, which equals a fold from scratch.
    /// Frozen (locked or paid) periods keep the statements they were locked with; later ledger changes that touch them
    /// are booked as adjustments in the next open period.
    /// </summary>
    public sealed partial class SpmEngine
    {
        private readonly Dictionary<string, Deal> _deals = new Dictionary<string, Deal>(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, Deal>> _dealsByOwner = new Dictionary<string, Dictionary<string, Deal>>(StringComparer.Ordinal);
        private readonly Dictionary<PairKey, CreditTotals> _totals = new Dictionary<PairKey, CreditTotals>();
        private readonly Dictionary<PairKey, PeriodTotals> _snapshots = new Dictionary<PairKey, PeriodTotals>();
        private readonly Dictionary<PairKey, Statement> _frozen = new Dictionary<PairKey, Statement>();
        private readonly Dictionary<string, long> _lastFrozenSequence = new Dictionary<string, long>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<BookedAdjustment>> _adjustments = new Dictionary<string, List<BookedAdjustment>>(StringComparer.Ordinal);

        public SpmEngine(FiscalCalendar calendar, PeriodBook periods, SalesOrganization organization, CurrencyTable currencies, QuotaBook quotas, PlanAssignments plans, RollUpPolicy? rollUp = null)
        {
            Calendar = Preconditions.NotNull(calendar, "SpmEngine.Calendar");
            Periods = Preconditions.NotNull(periods, "SpmEngine.Periods");
            Organization = Preconditions.NotNull(organization, "SpmEngine.Organization");
            Currencies = Preconditions.NotNull(currencies, "SpmEngine.Currencies");
            Quotas = Preconditions.NotNull(quotas, "SpmEngine.Quotas");
            Plans = Preconditions.NotNull(plans, "SpmEngine.Plans");
            Ledger = new CreditLedger(new CreditAllocator(organization, currencies, periods, rollUp ?? RollUpPolicy.WholeChain));
        }

        public FiscalCalendar Calendar { get; }

        public PeriodBook Periods { get; }

        public SalesOrganization Organization { get; }

        public CurrencyTable Currencies { get; }

        public QuotaBook Quotas { get; }

        public PlanAssignments Plans { get; }

        public CreditLedger Ledger { get; }

        public IReadOnlyCollection<Deal> Deals => _deals.Values;

        public Deal? FindDeal(string dealId) => _deals.TryGetValue(dealId, out var deal) ? deal : null;

        /// <summary>Records a deal's current state (created, updated, won, lost, re-opened, reassigned, split) and posts its credits.</summary>
        public DealChange ApplyDeal(Deal deal, DateTime asOf, CreditScope scope = CreditScope.All)
        {
            Preconditions.NotNull(deal, "Deal");
            var previous = FindDeal(deal.Id);
            var candidates = Ledger.Allocator.Allocate(deal).Where(c => scope.Includes(c.Kind)).ToList();
            var before = Snapshot(candidates.Select(c => new Touch(c.ParticipantId, c.Date)).Concat(Ledger.ActiveCreditsOf(deal.Id).Select(c => new Touch(c.ParticipantId, c.Date))), asOf);
            var facts = RecognitionFacts.Before(this, deal, candidates);
            var posting = Ledger.Post(deal, asOf, scope);
            Index(previous, deal);
            return Complete(deal, posting, before, facts, asOf);
        }

        /// <summary>A deleted opportunity: its credits are reversed and it leaves the pipeline.</summary>
        public DealChange RemoveDeal(string dealId, DateTime asOf, CreditScope scope = CreditScope.All)
        {
            var previous = FindDeal(dealId);
            var before = Snapshot(Ledger.ActiveCreditsOf(dealId).Where(c => scope.Includes(c.Kind)).Select(c => new Touch(c.ParticipantId, c.Date)), asOf);
            var posting = Ledger.Remove(dealId, asOf, scope);
            Index(previous, null);
            return Complete(previous, posting, before, RecognitionFacts.None, asOf);
        }

        /// <summary>Adds a manual adjustment; one aimed at a frozen period is booked in the next open period.</summary>
        public void AddAdjustment(StatementAdjustment adjustment)
        {
            Preconditions.NotNull(adjustment, "Adjustment");
            Organization.Get(adjustment.ParticipantId);
            var target = Periods.Get(adjustment.PeriodId);
            var booked = Periods.IsFrozen(target)
                ? Periods.FirstOpenAfter(target) ?? throw new SpmRuleException("Adjustment.PeriodId", adjustment.PeriodId, $"Period {adjustment.PeriodId} is {Periods.StatusOf(target)} and no later period is open; define the next period before adjusting.")
                : target;
            Preconditions.Require(_adjustments.Values.All(list => list.All(a => a.Adjustment.Id != adjustment.Id)), "Adjustment.Id", adjustment.Id, $"Adjustment {adjustment.Id} was already added.");
            if (!_adjustments.TryGetValue(adjustment.ParticipantId, out var list))
            {
                _adjustments[adjustment.ParticipantId] = list = new List<BookedAdjustment>();
            }

            list.Add(new BookedAdjustment(adjustment, booked.Id));
        }

        /// <summary>Attainment for any period (month, quarter, year) on one measure, re-derived from the ledger.</summary>
        public PeriodAttainment Attainment(string participantId, FiscalPeriod period, Measure measure, DateTime asOf)
        {
            var participant = Organization.Get(participantId);
            if (Periods.Kind == period.Kind && Periods.TryPeriodOf(period.Start, out _) && _frozen.TryGetValue(new PairKey(participantId, period.Id), out var frozen) && frozen.Attainment.Measure == measure)
            {
                return frozen.Attainment;
            }

            var totals = Totals(participant, period, Plans.PlanFor(participantId, period), measure);
            return new PeriodAttainment(measure, totals.Value(measure), TryQuota(participant, period, measure, asOf));
        }

        /// <summary>The explained statement: every line with its basis, tier, rate and amount.</summary>
        public Statement Statement(string participantId, FiscalPeriod period, DateTime asOf)
        {
            var participant = Organization.Get(participantId);
            if (_frozen.TryGetValue(new PairKey(participantId, Periods.Get(period.Id).Id), out var frozen))
            {
                return frozen;
            }

            var plan = Plans.PlanFor(participantId, period)
                ?? throw new SpmRuleException("PlanAssignment", participantId, $"{participant.Name} has no comp plan assigned for {period.Id}; assign a plan to produce a statement.");
            return ComputeStatement(participant, plan, period, asOf, new List<StatementLine>());
        }

        /// <summary>Figures for one participant and period without explanation text (what a full run produces).</summary>
        public ParticipantPeriodResult Result(string participantId, FiscalPeriod period, DateTime asOf)
        {
            var participant = Organization.Get(participantId);
            if (_frozen.TryGetValue(new PairKey(participantId, Periods.Get(period.Id).Id), out var frozen))
            {
                return ToResult(frozen);
            }

            var plan = Plans.PlanFor(participantId, period);
            if (plan == null)
            {
                var totals = Totals(participant, period, null, Measure.Revenue);
                return new ParticipantPeriodResult(participantId, period.Id, null, new PeriodAttainment(Measure.Revenue, totals.Revenue, TryQuota(participant, period, Measure.Revenue, asOf)), 0m, 0m, 0m, false, Ledger.LastSequence(participantId));
            }

            return ToResult(ComputeStatement(participant, plan, period, asOf, null));
        }

        /// <summary>
        /// Re-derives every participant's attainment and statement totals for a period. With <paramref name="fromScratch"/>
        /// every cached fold is dropped first, so the whole ledger is read again.
        /// </summary>
        public IReadOnlyList<ParticipantPeriodResult> RecalculateAll(FiscalPeriod period, DateTime asOf, bool fromScratch = true, IProgress<RecalculationProgress>? progress = null)
        {
            Periods.Get(period.Id);
            if (fromScratch)
            {
                _totals.Clear();
            }

            var results = new List<ParticipantPeriodResult>(Organization.Count);
            var total = Organization.Count;
            var step = Math.Max(1, total / 20);
            foreach (var participant in Organization.All)
            {
                results.Add(Result(participant.Id, period, asOf));
                if (progress != null && (results.Count % step == 0 || results.Count == total))
                {
                    progress.Report(new RecalculationProgress(results.Count, total, period.Id));
                }
            }

            return results;
        }

        /// <summary>Re-derives the given participants only: what a deal change needs.</summary>
        public IReadOnlyList<ParticipantPeriodResult> Recalculate(IEnumerable<string> participantIds, FiscalPeriod period, DateTime asOf) =>
            participantIds.Distinct(StringComparer.Ordinal).Select(id => Result(id, period, asOf)).ToList();

        /// <summary>Locks a period: every participant's statement is frozen as it stands; later changes become adjustments.</summary>
        public IReadOnlyList<Statement> LockPeriod(FiscalPeriod period, DateTime asOf)
        {
            var frozen = new List<Statement>();
            foreach (var participant in Organization.All)
            {
                var plan = Plans.PlanFor(participant.Id, period);
                if (plan == null)
                {
                    continue;
                }

                frozen.Add(ComputeStatement(participant, plan, period, asOf, new List<StatementLine>()).Freeze());
            }

            // Validate everything above before changing any state, so a failure leaves the period open and untouched.
            Periods.Lock(period);
            foreach (var statement in frozen)
            {
                _frozen[new PairKey(statement.ParticipantId, period.Id)] = statement;
                _lastFrozenSequence[statement.ParticipantId] = statement.LedgerSequence;
            }

            return frozen;
        }

        public void MarkPaid(FiscalPeriod period) => Periods.MarkPaid(period);

        /// <summary>
        /// Restores a statement frozen when its period was locked, as read back from storage (totals, not lines). The
        /// period must already be Locked or Paid in the period book; later ledger rows become adjustments against it.
        /// </summary>
        public void RestoreFrozenStatement(string participantId, FiscalPeriod period, string planId, PeriodAttainment attainment, decimal earned, decimal totalPayable, decimal drawClosingBalance, long ledgerSequence)
        {
            Organization.Get(participantId);
            Preconditions.Require(Periods.IsFrozen(Periods.Get(period.Id)), "Statement.Period", period.Id, $"Period {period.Id} is Open; only statements of locked or paid periods are restored as frozen.");
            var plan = Plans.PlanFor(participantId, period);
            var statement = new Statement(participantId, period, planId, plan?.Currency ?? Currencies.Base, attainment, Array.Empty<StatementLine>(), 0m, drawClosingBalance, ledgerSequence, true, earned, totalPayable);
            _frozen[new PairKey(participantId, period.Id)] = statement;
            if (!_lastFrozenSequence.TryGetValue(participantId, out var last) || ledgerSequence > last)
            {
                _lastFrozenSequence[participantId] = ledgerSequence;
            }
        }

        /// <summary>
        /// Starts an open period's totals from a stored snapshot: only ledger rows above its sequence are folded on top,
        /// so the rows it covers need not be loaded. Explaining a line still needs the rows (<see cref="ExplainLine"/>).
        /// </summary>
        public void RestoreTotals(string participantId, FiscalPeriod period, PeriodTotals snapshot)
        {
            Organization.Get(participantId);
            Preconditions.NotNull(snapshot, "PeriodTotals");
            var known = Periods.Get(period.Id);
            Preconditions.Require(!Periods.IsFrozen(known), "PeriodTotals.Period", period.Id, $"Period {period.Id} is {Periods.StatusOf(known)}: a frozen period keeps its statement, and its late changes are folded from its rows.");
            var plan = Plans.PlanFor(participantId, known);
            Preconditions.Require(CanRestoreTotals(plan, snapshot), "PeriodTotals.SpiffBasis", period.Id, $"The SPIFFs of {Organization.Get(participantId).Name}'s {period.Id} plan changed since the snapshot was taken: which deals qualify is counted again from the period's rows.");
            _snapshots[new PairKey(participantId, known.Id)] = snapshot;
            _totals.Remove(new PairKey(participantId, known.Id));
        }

        /// <summary>Whether a snapshot's SPIFF shares were counted under the SPIFF definitions the plan has now.</summary>
        public static bool CanRestoreTotals(Plans.CompPlan? plan, PeriodTotals snapshot) =>
            plan == null || plan.Spiffs.Count == 0 || string.Equals(plan.SpiffBasis, Preconditions.NotNull(snapshot, "PeriodTotals").SpiffBasis, StringComparison.Ordinal);

        /// <summary>The participant's totals in a period as they stand (every measure), to store as a snapshot.</summary>
        public PeriodTotals TotalsOf(string participantId, FiscalPeriod period)
        {
            var participant = Organization.Get(participantId);
            var plan = Plans.PlanFor(participantId, period);
            var totals = new CreditTotals(Periods.Get(period.Id), plan, allMeasures: true);
            SeedFromSnapshot(totals, participantId);
            var slice = Ledger.SliceOf(participant.Id);
            if (slice != null)
            {
                totals.Extend(slice, slice.Count);
            }

            var spiffs = new Dictionary<string, decimal>(StringComparer.Ordinal);
            for (var s = 0; s < totals.SpiffShares.Length; s++)
            {
                spiffs[plan!.Spiffs[s].Id] = totals.SpiffShares[s];
            }

            return new PeriodTotals(totals.Revenue, totals.Margin, totals.Units, totals.DealCount, Ledger.LastSequence(participant.Id), spiffs, plan?.SpiffBasis ?? string.Empty);
        }

        /// <summary>
        /// The ledger sequence the participant's latest locked statement was booked up to, when that statement itself
        /// is not loaded: rows above it dated in a locked period become adjustments, rows at or below it were settled.
        /// </summary>
        public void RestoreSettledSequence(string participantId, long sequence)
        {
            Organization.Get(participantId);
            if (!_lastFrozenSequence.TryGetValue(participantId, out var last) || sequence > last)
            {
                _lastFrozenSequence[participantId] = sequence;
            }
        }

        /// <summary>The ledger rows behind a statement line, produced on demand when someone opens it.</summary>
        public IReadOnlyList<CreditDetail> ExplainLine(string participantId, FiscalPeriod period, StatementLine line)
        {
            var participant = Organization.Get(participantId);
            var plan = Plans.PlanFor(participantId, Periods.Get(line.ForPeriodId ?? period.Id));
            var slice = Ledger.SliceOf(participant.Id);
            if (slice == null || plan == null)
            {
                return Array.Empty<CreditDetail>();
            }

            IEnumerable<Credit> rows;
            switch (line.Kind)
            {
                case StatementLineKind.PriorPeriodAdjustment:
                    var frozenPeriod = Periods.Get(line.ForPeriodId!);
                    var lockedAt = _frozen.TryGetValue(new PairKey(participantId, frozenPeriod.Id), out var frozen) ? frozen.LedgerSequence : long.MaxValue;
                    rows = slice.Where(c => c.Id > lockedAt && frozenPeriod.ContainsMonth(c.MonthKey));
                    var kept = KeptReversals(participant, plan, slice, slice.LastId);
                    return rows.Select(c => new CreditDetail(c, c.IsReversal ? ClawbackReason(plan.Clawback, c, kept, slice) : "credited after the period was locked")).ToList();
                case StatementLineKind.Spiff:
                    var spiff = plan.Spiffs.First(s => s.Id == line.SourceId);
                    rows = slice.Where(c => period.ContainsMonth(c.MonthKey) && spiff.Qualifies(c));
                    return rows.Select(c => new CreditDetail(c, $"qualifies for {spiff.Name}: {spiff.FilterText(plan.Currency)}")).ToList();
                case StatementLineKind.Commission:
                case StatementLineKind.TargetIncentive:
                    var component = plan.Components.First(c => c.Id == line.SourceId);
                    rows = slice.Where(c => period.ContainsMonth(c.MonthKey) && c.Value(component.Measure) != 0m);
                    return rows.OrderBy(c => c.Date).ThenBy(c => c.Id).Select(c => new CreditDetail(c, $"{c.Kind} credit, {c.Share * 100m:0.##}% of '{c.DealName}'")).ToList();
                default:
                    return Array.Empty<CreditDetail>();
            }
        }

        private static string ClawbackReason(ClawbackPolicy clawback, Credit reversal, HashSet<long>? kept, ParticipantCredits slice)
        {
            var cancelled = $"cancelled {clawback.DaysAfterClose(reversal)} days after close";
            if (clawback.ClawsBack(reversal))
            {
                return $"clawed back: {cancelled}, within the {clawback.WindowDays}-day window";
            }

            if (kept != null && kept.Contains(reversal.Id))
            {
                return $"not clawed back: {cancelled}, outside the {clawback.WindowDays}-day window";
            }

            var again = slice.FirstOrDefault(c => c.Id > reversal.Id && !c.IsReversal && c.DealId == reversal.DealId);
            return $"clawed back: {cancelled}, outside the {clawback.WindowDays}-day window, but the deal was won again{(again == null ? string.Empty : $" (credited {again.Date:yyyy-MM-dd})")}, so it is paid there instead";
        }

        internal IReadOnlyList<Deal> DealsOwnedBy(string participantId) =>
            _dealsByOwner.TryGetValue(participantId, out var deals) ? deals.Values.ToList() : (IReadOnlyList<Deal>)Array.Empty<Deal>();

        private void Index(Deal? previous, Deal? current)
        {
            if (previous != null && _dealsByOwner.TryGetValue(previous.OwnerId, out var oldOwner))
            {
                oldOwner.Remove(previous.Id);
            }

            if (current == null)
            {
                if (previous != null)
                {
                    _deals.Remove(previous.Id);
                }

                return;
            }

            _deals[current.Id] = current;
            if (!_dealsByOwner.TryGetValue(current.OwnerId, out var owner))
            {
                _dealsByOwner[current.OwnerId] = owner = new Dictionary<string, Deal>(StringComparer.Ordinal);
            }

            owner[current.Id] = current;
        }

        private sealed record BookedAdjustment(StatementAdjustment Adjustment, string BookedPeriodId);
    }
}
