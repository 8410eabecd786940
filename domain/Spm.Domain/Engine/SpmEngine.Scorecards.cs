using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Plans;
using Spm.Domain.Scorecards;

namespace Spm.Domain.Engine
{
    /// <summary>The scorecard read model: attainment, pace, projection, rank, earnings, next tier and KPIs.</summary>
    public sealed partial class SpmEngine
    {
        public Scorecard Scorecard(string participantId, FiscalPeriod period, DateTime asOf)
        {
            var participant = Organization.Get(participantId);
            var result = Result(participantId, period, asOf);
            var attainment = result.Attainment;
            var plan = Plans.PlanFor(participantId, period);

            // Rank by attainment among the team (ties share a rank); participants without a quota rank last.
            var team = Organization.TeamOf(participantId).ToList();
            var mine = attainment.Attainment ?? -1m;
            var rank = 1 + team.Count(p => p.Id != participantId && (Result(p.Id, period, asOf).Attainment.Attainment ?? -1m) > mine);

            var deals = DealsOwnedBy(participantId);
            var open = deals.Where(d => d.Status == DealStatus.Open && d.EstimatedCloseDate >= asOf.Date && d.EstimatedCloseDate < period.End).ToList();
            var weighted = open.Sum(d => Ledger.Allocator.ToBase(d, d.Amount) * d.Probability / 100m);
            var elapsed = period.ElapsedDays(asOf);
            var runRate = elapsed == 0 ? 0m : attainment.Credited * period.TotalDays / elapsed;
            var projection = new Projection(attainment.Credited, runRate, weighted, attainment.Quota);

            var yearToDate = Periods.Periods.Where(p => p.FiscalYear == period.FiscalYear && p.Start <= period.Start)
                .Sum(p => Plans.PlanFor(participantId, p) == null ? 0m : Result(participantId, p, asOf).TotalPayable);

            var quotaText = attainment.Quota.HasValue
                ? Quotas.EffectiveQuota(participant, period, attainment.Measure, asOf, Calendar).Explanation
                : (IReadOnlyList<string>)new[] { "no quota assigned" };

            return new Scorecard(
                participantId,
                participant.Name,
                participant.Team,
                period.Id,
                period.DisplayName,
                (plan?.Currency ?? Currencies.Base).Code,
                attainment,
                Pace.At(period, asOf, attainment.Attainment),
                projection,
                rank,
                team.Count,
                result.TotalPayable,
                yearToDate,
                NextTierFor(plan, attainment.Credited, attainment.Quota),
                KpisFor(deals, open, period),
                quotaText);
        }

        private NextTier? NextTierFor(CompPlan? plan, decimal credited, decimal? quota)
        {
            if (plan == null || !quota.HasValue)
            {
                return null;
            }

            foreach (var component in plan.Components)
            {
                var attainment = credited / quota.Value;
                var next = component.Table.Tiers.FirstOrDefault(t => t.From > attainment && t.Rate > component.Table.TierAt(attainment).Rate);
                if (next == null)
                {
                    continue;
                }

                var needed = (quota.Value * next.From) - credited;
                var rate = component is TargetIncentiveComponent ? $"{next.Rate.ToString("0.##", CultureInfo.InvariantCulture)}× multiplier" : $"{(next.Rate * 100m).ToString("0.##", CultureInfo.InvariantCulture)}% rate";
                var text = $"{Currencies.Base.Format(needed)} more to reach the {rate} of the '{next.Label}' tier ({(next.From * 100m).ToString("0.##", CultureInfo.InvariantCulture)}% attainment)";
                return new NextTier(component.Name, next.Label, next.Rate, next.From, needed, text);
            }

            return null;
        }

        private Kpis KpisFor(IReadOnlyList<Deal> deals, IReadOnlyList<Deal> open, FiscalPeriod period)
        {
            var closed = deals.Where(d => d.ActualCloseDate.HasValue && period.Contains(d.ActualCloseDate.Value)).ToList();
            var won = closed.Where(d => d.Status == DealStatus.Won).ToList();
            var lost = closed.Count(d => d.Status == DealStatus.Lost);
            decimal? winRate = won.Count + lost == 0 ? (decimal?)null : (decimal)won.Count / (won.Count + lost);
            decimal? average = won.Count == 0 ? (decimal?)null : won.Average(d => Ledger.Allocator.ToBase(d, d.Amount));
            decimal? cycle = won.Count == 0 ? (decimal?)null : (decimal)won.Average(d => (d.ActualCloseDate!.Value - d.CreatedOn).TotalDays);
            var openValue = open.Sum(d => Ledger.Allocator.ToBase(d, d.Amount));
            decimal? velocity = winRate.HasValue && average.HasValue && cycle.HasValue && cycle.Value > 0m
                ? open.Count * winRate.Value * average.Value / cycle.Value
                : (decimal?)null;
            return new Kpis(won.Count, lost, winRate, average, cycle, open.Count, openValue, velocity);
        }
    }
}
