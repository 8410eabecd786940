using System;
using System.Collections.Generic;
using System.Globalization;
using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Internal;
using Spm.Domain.Participants;
using Spm.Domain.Plans;
using Spm.Domain.Quotas;
using Spm.Domain.Statements;

namespace Spm.Domain.Engine
{
    /// <summary>How pay is derived from the ledger: one path for totals and for explained statements.</summary>
    public sealed partial class SpmEngine
    {
        internal CreditTotals Totals(Participant participant, FiscalPeriod period, CompPlan? plan, Measure measure)
        {
            var slice = Ledger.SliceOf(participant.Id);
            CreditTotals? totals;
            if (measure != Measure.Revenue && (plan == null || !ContainsMeasure(plan, measure)))
            {
                // A measure the plan does not pay on is summed on request only, never cached.
                totals = new CreditTotals(period, plan, allMeasures: true);
                SeedFromSnapshot(totals, participant.Id);
            }
            else if (!_totals.TryGetValue(new PairKey(participant.Id, period.Id), out totals) || totals.Plan != plan || totals.Period != period)
            {
                totals = new CreditTotals(period, plan, allMeasures: false);
                SeedFromSnapshot(totals, participant.Id);
                _totals[new PairKey(participant.Id, period.Id)] = totals;
            }

            if (slice != null && totals.Position < slice.Count)
            {
                totals.Extend(slice, slice.Count);
            }

            return totals;
        }

        private void SeedFromSnapshot(CreditTotals totals, string participantId)
        {
            if (_snapshots.TryGetValue(new PairKey(participantId, totals.Period.Id), out var snapshot))
            {
                totals.Seed(snapshot);
            }
        }

        private static bool ContainsMeasure(CompPlan plan, Measure measure)
        {
            foreach (var m in plan.Measures)
            {
                if (m == measure)
                {
                    return true;
                }
            }

            return false;
        }

        internal decimal? TryQuota(Participant participant, FiscalPeriod period, Measure measure, DateTime asOf) =>
            Quotas.AmountFor(participant, period, measure, asOf, Calendar);

        private ParticipantPeriodResult ToResult(Statement statement) =>
            new ParticipantPeriodResult(statement.ParticipantId, statement.Period.Id, statement.PlanId, statement.Attainment, statement.Earned, statement.TotalPayable, statement.DrawClosingBalance, statement.Frozen, statement.LedgerSequence);

        /// <summary>Builds the statement; with a null line sink only the figures are computed (no text, no lines).</summary>
        private Statement ComputeStatement(Participant participant, CompPlan plan, FiscalPeriod period, DateTime asOf, List<StatementLine>? lines)
        {
            var pay = ComputePay(participant, plan, period, asOf, lines);
            if (lines == null)
            {
                return new Statement(participant.Id, period, plan.Id, plan.Currency, pay.Attainment, Array.Empty<StatementLine>(), pay.DrawOpening, pay.DrawClosing, pay.Sequence, false, pay.Earned, pay.Payable);
            }

            return new Statement(participant.Id, period, plan.Id, plan.Currency, pay.Attainment, lines, pay.DrawOpening, pay.DrawClosing, pay.Sequence, false);
        }

        private PayFigures ComputePay(Participant participant, CompPlan plan, FiscalPeriod period, DateTime asOf, List<StatementLine>? lines)
        {
            var totals = Totals(participant, period, plan, plan.PrimaryMeasure);
            var earned = ComponentPay(participant, plan, period, totals, asOf, lines);
            var slice = Ledger.SliceOf(participant.Id);
            var sequence = Ledger.LastSequence(participant.Id);

            // Ledger rows appended since the last lock that are dated in a frozen period: book the difference here.
            if (slice != null && _lastFrozenSequence.TryGetValue(participant.Id, out var bookedUpTo) && sequence > bookedUpTo)
            {
                var keptNow = KeptReversals(participant, plan, slice, sequence);
                var keptBooked = KeptReversals(participant, plan, slice, bookedUpTo);
                foreach (var frozenPeriod in Periods.FrozenBefore(period))
                {
                    if (Periods.FirstOpenAfter(frozenPeriod) != period || !_frozen.TryGetValue(new PairKey(participant.Id, frozenPeriod.Id), out var frozen))
                    {
                        continue;
                    }

                    var frozenPlan = Plans.PlanFor(participant.Id, frozenPeriod) ?? plan;
                    var now = RecomputeFrozen(participant, frozenPlan, frozenPeriod, slice, sequence, keptNow, asOf);
                    var booked = RecomputeFrozen(participant, frozenPlan, frozenPeriod, slice, bookedUpTo, keptBooked, asOf);
                    var delta = now - booked;
                    if (delta != 0m)
                    {
                        earned += delta;
                        lines?.Add(new StatementLine(StatementLineKind.PriorPeriodAdjustment, frozenPeriod.Id, $"Adjustment for {frozenPeriod.Id} ({Periods.StatusOf(frozenPeriod)}): ledger changes since it was locked move its pay from {plan.Currency.Format(booked)} to {plan.Currency.Format(now)}", now - booked, null, 0m, delta, delta) { ForPeriodId = frozenPeriod.Id });
                    }
                }
            }

            var adjustments = _adjustments.TryGetValue(participant.Id, out var mine) ? mine : NoAdjustments;
            foreach (var booked in adjustments)
            {
                if (booked.BookedPeriodId != period.Id)
                {
                    continue;
                }

                var adjustment = booked.Adjustment;
                var amount = plan.Rounding.Round(adjustment.Amount);
                earned += amount;
                lines?.Add(new StatementLine(StatementLineKind.ManualAdjustment, adjustment.Id, $"Adjustment {adjustment.Date:yyyy-MM-dd}: {adjustment.Reason}{(adjustment.PeriodId == period.Id ? string.Empty : $" (for {adjustment.PeriodId}, which is {Periods.StatusOf(Periods.Get(adjustment.PeriodId))})")}", adjustment.Amount, null, 0m, amount, adjustment.Amount) { ForPeriodId = adjustment.PeriodId == period.Id ? null : adjustment.PeriodId });
            }

            var payable = earned;
            decimal opening = 0m, closing = 0m;
            if (plan.Draw != null)
            {
                var draw = plan.Draw;
                var guarantee = plan.Rounding.Round(draw.AmountPerPeriod);
                opening = draw.Recoverable ? OpeningDrawBalance(participant, plan, period, asOf) : 0m;
                closing = opening;
                if (earned < guarantee)
                {
                    var topUp = guarantee - earned;
                    payable += topUp;
                    closing = draw.Recoverable ? opening + topUp : 0m;
                    lines?.Add(new StatementLine(StatementLineKind.DrawTopUp, "draw", $"{(draw.Recoverable ? "Recoverable" : "Non-recoverable")} draw: earnings {plan.Currency.Format(earned)} are below the {plan.Currency.Format(guarantee)} guarantee{(draw.Recoverable ? $"; {plan.Currency.Format(topUp)} is added to the draw balance" : string.Empty)}", earned, null, 0m, topUp, topUp));
                }
                else if (draw.Recoverable && opening > 0m)
                {
                    var excess = earned - guarantee;
                    var recovery = excess < opening ? excess : opening;
                    if (recovery > 0m)
                    {
                        payable -= recovery;
                        closing = opening - recovery;
                        lines?.Add(new StatementLine(StatementLineKind.DrawRecovery, "draw", $"Draw recovery: {plan.Currency.Format(recovery)} of the {plan.Currency.Format(opening)} draw balance repaid from earnings above the guarantee", excess, null, 0m, -recovery, -recovery));
                    }
                }
            }

            var attainment = new PeriodAttainment(plan.PrimaryMeasure, totals.Value(plan.PrimaryMeasure), TryQuota(participant, period, plan.PrimaryMeasure, asOf));
            return new PayFigures(attainment, earned, payable, opening, closing, sequence);
        }

        private decimal ComponentPay(Participant participant, CompPlan plan, FiscalPeriod period, CreditTotals totals, DateTime asOf, List<StatementLine>? lines)
        {
            var earned = 0m;
            var components = plan.Components;
            for (var i = 0; i < components.Count; i++)
            {
                var component = components[i];
                var quota = TryQuota(participant, period, component.Measure, asOf);
                if (quota == null && component.NeedsQuota)
                {
                    // Names the participant, period and measure so sales ops knows which quota to add.
                    Quotas.EffectiveQuota(participant, period, component.Measure, asOf, Calendar);
                }

                earned += component.Compute(totals.Value(component.Measure), quota, plan.Rounding, lines);
            }

            for (var i = 0; i < plan.Spiffs.Count; i++)
            {
                var shares = totals.SpiffShares[i];
                if (shares == 0m)
                {
                    continue;
                }

                var spiff = plan.Spiffs[i];
                var raw = shares * spiff.BonusPerDeal;
                var amount = plan.Rounding.Round(raw);
                earned += amount;
                lines?.Add(new StatementLine(StatementLineKind.Spiff, spiff.Id, $"{spiff.Name}: {shares.ToString("0.##", CultureInfo.InvariantCulture)} qualifying deal{(shares == 1m ? string.Empty : "s")} × {plan.Currency.Format(spiff.BonusPerDeal)} ({spiff.FilterText(plan.Currency)})", shares, null, spiff.BonusPerDeal, amount, raw));
            }

            return earned;
        }

        /// <summary>A frozen period's component pay from ledger rows up to a sequence, leaving out late cancellations that keep their pay.</summary>
        private decimal RecomputeFrozen(Participant participant, CompPlan plan, FiscalPeriod period, ParticipantCredits slice, long upToSequence, HashSet<long>? keptReversals, DateTime asOf)
        {
            var totals = new CreditTotals(period, plan, allMeasures: false);
            totals.Extend(slice, slice.Count, keptReversals, upToSequence);
            return ComponentPay(participant, plan, period, totals, asOf, null);
        }

        /// <summary>
        /// The participant's reversals, among rows up to <paramref name="upToSequence"/>, that keep their settled pay
        /// (<see cref="ClawbackPolicy.KeepsPay"/>): posted after the reversed credit's period was locked, outside the
        /// window, and not followed by a credit on the same deal whose pay still stands (active, or itself reversed with
        /// its pay kept). Null when there are none. Walking each deal's rows newest first decides every reversal after
        /// the credits that follow it, so a chain of re-opens and re-wins pays the deal once.
        /// </summary>
        private HashSet<long>? KeptReversals(Participant participant, CompPlan fallbackPlan, ParticipantCredits slice, long upToSequence)
        {
            var items = slice.Items;
            var count = slice.Count;
            HashSet<string>? deals = null;
            for (var i = 0; i < count && items[i].Id <= upToSequence; i++)
            {
                if (items[i].IsReversal && SettledPolicy(participant, fallbackPlan, items[i]) != null)
                {
                    (deals ??= new HashSet<string>(StringComparer.Ordinal)).Add(items[i].DealId);
                }
            }

            if (deals == null)
            {
                return null;
            }

            var rows = new Dictionary<string, List<Credit>>(StringComparer.Ordinal);
            var reversalOf = new Dictionary<long, Credit>();
            for (var i = 0; i < count && items[i].Id <= upToSequence; i++)
            {
                var credit = items[i];
                if (!deals.Contains(credit.DealId))
                {
                    continue;
                }

                if (!rows.TryGetValue(credit.DealId, out var list))
                {
                    rows[credit.DealId] = list = new List<Credit>();
                }

                list.Add(credit);
                if (credit.IsReversal)
                {
                    reversalOf[credit.ReversalOfId!.Value] = credit;
                }
            }

            var kept = new HashSet<long>();
            foreach (var list in rows.Values)
            {
                var creditedAgain = false;
                for (var j = list.Count - 1; j >= 0; j--)
                {
                    var credit = list[j];
                    if (credit.IsReversal)
                    {
                        if (SettledPolicy(participant, fallbackPlan, credit)?.KeepsPay(credit, creditedAgain) == true)
                        {
                            kept.Add(credit.Id);
                        }
                    }
                    else if (!reversalOf.TryGetValue(credit.Id, out var reversal) || kept.Contains(reversal.Id))
                    {
                        creditedAgain = true;
                    }
                }
            }

            return kept.Count == 0 ? null : kept;
        }

        /// <summary>
        /// The clawback policy that decides a reversal when it cancels settled credit: its credit date lies in a period
        /// whose statement was frozen before the reversal was posted. Null when nothing was settled.
        /// </summary>
        private ClawbackPolicy? SettledPolicy(Participant participant, CompPlan fallbackPlan, Credit reversal)
        {
            if (!Periods.TryPeriodOf(reversal.Date, out var period)
                || !_frozen.TryGetValue(new PairKey(participant.Id, period!.Id), out var frozen)
                || reversal.Id <= frozen.LedgerSequence)
            {
                return null;
            }

            return (Plans.PlanFor(participant.Id, period) ?? fallbackPlan).Clawback;
        }

        private decimal OpeningDrawBalance(Participant participant, CompPlan plan, FiscalPeriod period, DateTime asOf)
        {
            var index = IndexOf(period);
            if (index <= 0)
            {
                return 0m;
            }

            var previous = Periods.Periods[index - 1];
            if (previous.FiscalYear != period.FiscalYear)
            {
                // Draw balances are settled within the plan year.
                return 0m;
            }

            if (_frozen.TryGetValue(new PairKey(participant.Id, previous.Id), out var frozen))
            {
                return frozen.DrawClosingBalance;
            }

            var previousPlan = Plans.PlanFor(participant.Id, previous);
            return previousPlan?.Draw?.Recoverable == true ? ComputePay(participant, previousPlan, previous, asOf, null).DrawClosing : 0m;
        }

        private static readonly List<BookedAdjustment> NoAdjustments = new List<BookedAdjustment>();

        private int IndexOf(FiscalPeriod period)
        {
            var periods = Periods.Periods;
            for (var i = 0; i < periods.Count; i++)
            {
                if (periods[i] == period)
                {
                    return i;
                }
            }

            return -1;
        }

        private readonly record struct PayFigures(PeriodAttainment Attainment, decimal Earned, decimal Payable, decimal DrawOpening, decimal DrawClosing, long Sequence);
    }
}
