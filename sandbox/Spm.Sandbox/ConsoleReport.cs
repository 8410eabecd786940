using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Spm.Domain;
using Spm.Domain.Credits;
using Spm.Domain.Engine;
using Spm.Domain.Money;
using Spm.Domain.Participants;
using Spm.Domain.Recognition;
using Spm.Domain.Scorecards;
using Spm.Domain.Statements;
using Spm.SeedOrg;

namespace Spm.Sandbox
{
    /// <summary>The console report of the demo org, from the domain engine: leaderboard, leadership and overlay, shout-outs, one explained statement.</summary>
    internal static class ConsoleReport
    {
        private static readonly DateTime AsOf = DemoOrg.AsOf;

        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        /// <summary>Prints the report; <paramref name="repName"/> picks the statement explained (default: the leader). Throws SpmRuleException for an unknown rep.</summary>
        public static void Print(string? repName)
        {
            var demo = DemoOrg.Build(AsOf);
            var engine = demo.Engine;
            var q1 = demo.Quarter;

            // Resolve --rep before doing any work so a typo fails fast.
            var statementRep = repName == null ? null : FindRep(demo, repName);

            var title = $"{DemoOrg.OrgName} — Sales Performance, {q1.DisplayName}";
            Console.WriteLine(title);
            Console.WriteLine(new string('=', title.Length));
            Console.WriteLine($"As of {AsOf:ddd d MMM yyyy} · {demo.Organization.Count} participants · teams: {string.Join(", ", DemoOrg.RepTeams)}");
            Console.WriteLine($"Plan '{demo.AePlan.Name}': {DescribeTiers(demo)}; SPIFF '{demo.AePlan.Spiffs[0].Name}' {Currency.Usd.Format(demo.AePlan.Spiffs[0].BonusPerDeal)} for {demo.AePlan.Spiffs[0].FilterText(Currency.Usd)}");
            Console.WriteLine();

            // Apply every opportunity in close-date order, each saved on the day it closed.
            var ordered = demo.Opportunities
                .OrderBy(d => d.ActualCloseDate ?? AsOf)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
            var recognitions = new List<(DateTime Date, RecognitionEvent Event)>();
            Console.Write($"Applying {ordered.Count} opportunities…");
            var nextMark = 25;
            for (var i = 0; i < ordered.Count; i++)
            {
                var deal = ordered[i];
                var savedOn = deal.ActualCloseDate ?? AsOf;
                var change = engine.ApplyDeal(deal, savedOn);
                recognitions.AddRange(change.Recognitions.Select(e => (savedOn, e)));
                var percent = (i + 1) * 100 / ordered.Count;
                while (percent >= nextMark && nextMark <= 100)
                {
                    Console.Write($" {nextMark}%…");
                    nextMark += 25;
                }
            }

            demo.AddDemoAdjustments();
            var won = ordered.Count(d => d.Status == DealStatus.Won);
            var lost = ordered.Count(d => d.Status == DealStatus.Lost);
            var open = ordered.Count(d => d.Status == DealStatus.Open);
            Console.WriteLine($" done: {won} won, {lost} lost, {open} open; {engine.Ledger.Count} credit rows.");

            var results = engine.RecalculateAll(q1, AsOf, fromScratch: true, new InlineProgress<RecalculationProgress>(p =>
            {
                if (p.Done == p.Total)
                {
                    Console.WriteLine($"Recalculated {p.Total} participants for {p.PeriodId}.");
                }
            }));
            Console.WriteLine();

            var cards = demo.Reps.Select(r => engine.Scorecard(r.Id, q1, AsOf)).ToList();
            PrintLeaderboard(cards);
            PrintManagers(demo, results);
            PrintRecognitions(demo, recognitions);

            statementRep ??= demo.Organization.Get(cards.OrderByDescending(c => c.Attainment.Attainment ?? -1m).First().ParticipantId);
            PrintStatement(demo, statementRep, cards.FirstOrDefault(c => c.ParticipantId == statementRep.Id) ?? engine.Scorecard(statementRep.Id, q1, AsOf));
        }

        private static Participant FindRep(DemoOrg demo, string name)
        {
            var all = demo.Organization.All.ToList();
            var exact = all.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(p.Id, name, StringComparison.OrdinalIgnoreCase));
            if (exact != null)
            {
                return exact;
            }

            var matches = all.Where(p => p.Name.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 1)
            {
                return matches[0];
            }

            var known = string.Join(", ", all.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
            throw new SpmRuleException("--rep", name, matches.Count == 0
                ? $"No participant is called '{name}' (known: {known})"
                : $"'{name}' matches several participants: {string.Join(", ", matches.Select(m => m.Name))}");
        }

        private static string DescribeTiers(DemoOrg demo)
        {
            var component = demo.AePlan.Components[0];
            var tiers = string.Join(", ", component.Table.Tiers.Select(t => $"{t.RangeText} {(t.Rate * 100m).ToString("0.##", Inv)}%"));
            return $"{tiers}, attainment cap {(component.AttainmentCap ?? 0m) * 100m:0}%, payout cap {Currency.Usd.Format(component.PayoutCap ?? 0m)}";
        }

        private static void PrintLeaderboard(IReadOnlyList<Scorecard> cards)
        {
            Console.WriteLine("LEADERBOARD — reps ranked by attainment");
            var header = $"{"#",3}  {"Rep",-17} {"Team",-16} {"Credited",11} {"Quota",11} {"Attain",7}  {"0%      50%     100%    150%",-30} {"Pace",-13} {"Proj.",6} {"Earnings",11}";
            Console.WriteLine(header);
            Console.WriteLine(new string('-', header.Length));
            var rank = 0;
            var previous = decimal.MinValue;
            var position = 0;
            foreach (var card in cards.OrderByDescending(c => c.Attainment.Attainment ?? -1m).ThenBy(c => c.Name, StringComparer.Ordinal))
            {
                position++;
                var attainment = card.Attainment.Attainment;
                if ((attainment ?? -1m) != previous)
                {
                    rank = position;
                    previous = attainment ?? -1m;
                }

                var pace = card.Pace.Index.HasValue
                    ? $"{card.Pace.Index.Value.ToString("0.00", Inv)}× {(card.Pace.OnPace ? "ahead" : "behind")}"
                    : "n/a";
                var projected = card.Projection.ProjectedAttainment.HasValue ? Pct(card.Projection.ProjectedAttainment.Value) : "n/a";
                var note = card.QuotaExplanation.Any(l => l.StartsWith("ramp", StringComparison.Ordinal)) ? "  (ramping)" : string.Empty;
                Console.WriteLine(
                    $"{rank,3}  {Trunc(card.Name, 17),-17} {card.Team,-16} {Money0(card.Attainment.Credited),11} {(card.Attainment.Quota.HasValue ? Money0(card.Attainment.Quota.Value) : "—"),11} {(attainment.HasValue ? Pct(attainment.Value) : "n/a"),7}  {Gauge(attainment ?? 0m),-30} {pace,-13} {projected,6} {Money0(card.EarningsThisPeriod),11}{note}");
            }

            var credited = cards.Sum(c => c.Attainment.Credited);
            var quota = cards.Sum(c => c.Attainment.Quota ?? 0m);
            Console.WriteLine(new string('-', header.Length));
            Console.WriteLine($"{string.Empty,3}  {"All reps",-17} {string.Empty,-16} {Money0(credited),11} {Money0(quota),11} {Pct(credited / quota),7}  {Gauge(credited / quota),-30} {string.Empty,-13} {string.Empty,6} {Money0(cards.Sum(c => c.EarningsThisPeriod)),11}");
            var elapsed = cards[0].Pace.ElapsedFraction;
            Console.WriteLine($"Pace = attainment ÷ share of the quarter elapsed ({Pct(elapsed)}); Proj. = run-rate and weighted pipeline averaged. Gauge: █ = 5% of quota, │ marks 100%.");
            Console.WriteLine();
        }

        private static void PrintManagers(DemoOrg demo, IReadOnlyList<ParticipantPeriodResult> results)
        {
            Console.WriteLine("LEADERSHIP & OVERLAY (roll-up / overlay credit)");
            foreach (var result in results.Where(r => demo.Reps.All(p => p.Id != r.ParticipantId)).OrderBy(r => r.ParticipantId == "cro" ? 0 : r.ParticipantId.StartsWith("vp", StringComparison.Ordinal) ? 1 : 2).ThenBy(r => r.ParticipantId, StringComparer.Ordinal))
            {
                var who = demo.Organization.Get(result.ParticipantId);
                var attainment = result.Attainment.Attainment;
                Console.WriteLine($"     {Trunc(who.Name, 17),-17} {Trunc(who.Territory, 16),-16} {Money0(result.Attainment.Credited),11} {(result.Attainment.Quota.HasValue ? Money0(result.Attainment.Quota.Value) : "—"),11} {(attainment.HasValue ? Pct(attainment.Value) : "n/a"),7}  {(attainment.HasValue ? Gauge(attainment.Value) : string.Empty),-30} {string.Empty,-13} {string.Empty,6} {Money0(result.TotalPayable),11}");
            }

            Console.WriteLine();
        }

        private static void PrintRecognitions(DemoOrg demo, IReadOnlyList<(DateTime Date, RecognitionEvent Event)> recognitions)
        {
            Console.WriteLine($"SHOUT-OUTS ({recognitions.Count} recognition events: {string.Join(", ", recognitions.GroupBy(r => r.Event.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Describe(g.Key)}"))})");
            foreach (var (date, e) in recognitions)
            {
                var icon = e.Kind switch
                {
                    RecognitionKind.FirstDeal => "★",
                    RecognitionKind.AttainmentMilestone => "▲",
                    RecognitionKind.LargestDealOfPeriod => "◆",
                    _ => "»",
                };
                var deal = e.DealId == null ? null : demo.Engine.FindDeal(e.DealId);
                var via = deal == null ? string.Empty : $" — '{deal.Name}'";
                Console.WriteLine($"  {date:MMM dd}  {icon} {e.Title}{via}");
            }

            Console.WriteLine();
        }

        private static void PrintStatement(DemoOrg demo, Participant rep, Scorecard card)
        {
            var engine = demo.Engine;
            var q1 = demo.Quarter;
            var statement = engine.Statement(rep.Id, q1, AsOf);
            var plan = engine.Plans.PlanFor(rep.Id, q1)!;
            var title = $"STATEMENT — {rep.Name} ({rep.Team}, {rep.Territory}) · {q1.DisplayName} · plan '{plan.Name}'";
            Console.WriteLine(title);
            Console.WriteLine(new string('=', title.Length));
            var attainment = statement.Attainment;
            Console.WriteLine($"Credited {Money2(attainment.Credited)} against quota {(attainment.Quota.HasValue ? Money2(attainment.Quota.Value) : "—")} = {(attainment.Attainment.HasValue ? Pct(attainment.Attainment.Value) : "n/a")} attainment (team rank {card.Rank} of {card.TeamSize})");
            Console.WriteLine($"Quota: {string.Join("; ", card.QuotaExplanation)}");
            Console.WriteLine();
            var header = $"  {"Line",-92} {"Basis",14} {"Rate",7} {"Amount",12}";
            Console.WriteLine(header);
            Console.WriteLine("  " + new string('-', header.Length - 2));
            foreach (var line in statement.Lines)
            {
                var rate = line.Kind == StatementLineKind.Spiff ? Currency.Usd.Format(line.Rate) + "/deal"
                    : line.Kind == StatementLineKind.Commission ? Pct(line.Rate, "0.##")
                    : line.Kind == StatementLineKind.TargetIncentive ? line.Rate.ToString("0.##", Inv) + "×"
                    : string.Empty;
                var basis = line.Kind == StatementLineKind.Spiff ? line.Basis.ToString("0.##", Inv) + (line.Basis == 1m ? " deal" : " deals") : Money2(line.Basis);
                var text = line.Description;
                var first = true;
                foreach (var chunk in Wrap(text, 92))
                {
                    Console.WriteLine(first
                        ? $"  {chunk,-92} {basis,14} {rate,7} {statement.Currency.Format(line.Amount),12}"
                        : $"    {chunk}");
                    first = false;
                }
            }

            Console.WriteLine("  " + new string('-', header.Length - 2));
            var sum = statement.Lines.Sum(l => l.Amount);
            Console.WriteLine($"  {"Earned",-92} {string.Empty,14} {string.Empty,7} {statement.Currency.Format(statement.Earned),12}");
            Console.WriteLine($"  {"TOTAL PAYABLE",-92} {string.Empty,14} {string.Empty,7} {statement.Currency.Format(statement.TotalPayable),12}");
            if (sum != statement.TotalPayable)
            {
                Console.WriteLine($"  !! lines sum to {statement.Currency.Format(sum)}, which differs from the total payable");
            }

            if (statement.DrawOpeningBalance != 0m || statement.DrawClosingBalance != 0m)
            {
                Console.WriteLine($"  Draw balance: opening {statement.Currency.Format(statement.DrawOpeningBalance)}, closing {statement.Currency.Format(statement.DrawClosingBalance)} (recovered from future earnings above the guarantee)");
            }

            Console.WriteLine($"  ({plan.Rounding.Describe()})");
            Console.WriteLine();

            var commissionLine = statement.Lines.FirstOrDefault(l => l.Kind == StatementLineKind.Commission);
            if (commissionLine != null)
            {
                var details = engine.ExplainLine(rep.Id, q1, commissionLine);
                Console.WriteLine($"Deals behind '{plan.Components.First(c => c.Id == commissionLine.SourceId).Name}' ({details.Count} credit rows, {Money2(details.Sum(d => d.Credit.Revenue))} credited):");
                Console.WriteLine($"  {"Closed",-10} {"Deal",-10} {"Opportunity",-48} {"Kind",-7} {"Share",6} {"Deal (USD)",12} {"Credited",12}  {"Category",-10}");
                foreach (var detail in details)
                {
                    var c = detail.Credit;
                    Console.WriteLine($"  {c.Date:yyyy-MM-dd} {c.DealId,-10} {Trunc(c.DealName, 48),-48} {c.Kind,-7} {Pct(c.Share, "0"),6} {Money2(c.DealAmount),12} {Money2(c.Revenue),12}  {c.Category ?? "—",-10}{(c.IsReversal ? "  (reversal)" : string.Empty)}");
                }

                Console.WriteLine();
            }

            var spiffLine = statement.Lines.FirstOrDefault(l => l.Kind == StatementLineKind.Spiff);
            if (spiffLine != null)
            {
                var details = engine.ExplainLine(rep.Id, q1, spiffLine);
                Console.WriteLine($"SPIFF qualifiers: {string.Join("; ", details.Select(d => $"{d.Credit.DealName} ({Pct(d.Credit.Share, "0")} share)"))}");
                Console.WriteLine();
            }

            Console.WriteLine($"Scorecard for {rep.Name}:");
            Console.WriteLine($"  Next tier:   {card.NextTier?.Text ?? (card.Attainment.Quota.HasValue ? "top tier reached — every further dollar pays the highest rate" : "n/a (no quota, flat rate)")}");
            Console.WriteLine($"  Pace:        {(card.Pace.Attainment.HasValue ? Pct(card.Pace.Attainment.Value) : "n/a")} attained vs {Pct(card.Pace.ExpectedAttainment)} expected at this point of the quarter{(card.Pace.Index.HasValue ? $" (index {card.Pace.Index.Value.ToString("0.00", Inv)})" : string.Empty)}");
            Console.WriteLine($"  Projection:  run-rate {Money0(card.Projection.RunRateCredit)}, weighted pipeline {Money0(card.Projection.WeightedPipeline)}, projected {Money0(card.Projection.ProjectedCredit)}{(card.Projection.ProjectedAttainment.HasValue ? $" = {Pct(card.Projection.ProjectedAttainment.Value)} of quota" : string.Empty)}");
            var k = card.Kpis;
            Console.WriteLine($"  KPIs:        won {k.Won}, lost {k.Lost}, win rate {(k.WinRate.HasValue ? Pct(k.WinRate.Value) : "n/a")}, avg deal {(k.AverageDealSize.HasValue ? Money0(k.AverageDealSize.Value) : "n/a")}, avg cycle {(k.AverageCycleDays.HasValue ? k.AverageCycleDays.Value.ToString("0", Inv) + " days" : "n/a")}");
            Console.WriteLine($"               open deals closing this quarter {k.OpenDeals} worth {Money0(k.OpenPipeline)}, pipeline velocity {(k.PipelineVelocityPerDay.HasValue ? Money0(k.PipelineVelocityPerDay.Value) + "/day" : "n/a")}");
            Console.WriteLine($"  Earnings:    {Money2(card.EarningsThisPeriod)} this quarter, {Money2(card.EarningsYearToDate)} year to date");
        }

        private static string Describe(RecognitionKind kind) => kind switch
        {
            RecognitionKind.FirstDeal => "first deals",
            RecognitionKind.AttainmentMilestone => "milestones",
            RecognitionKind.LargestDealOfPeriod => "largest-deal records",
            _ => "win streaks",
        };

        /// <summary>30 cells, one per 5% of quota up to 150%, with a tick at 100%.</summary>
        private static string Gauge(decimal attainment)
        {
            var cells = (int)Math.Floor(Math.Max(0m, Math.Min(attainment, 1.5m)) * 20m);
            var bar = new StringBuilder();
            for (var i = 0; i < 30; i++)
            {
                bar.Append(i < cells ? '█' : i == 20 ? '│' : '·');
            }

            return bar.ToString() + (attainment > 1.5m ? "+" : string.Empty);
        }

        private static IEnumerable<string> Wrap(string text, int width)
        {
            while (text.Length > width)
            {
                var cut = text.LastIndexOf(' ', width);
                if (cut <= 0)
                {
                    cut = width;
                }

                yield return text.Substring(0, cut);
                text = text.Substring(cut).TrimStart();
            }

            yield return text;
        }

        private static string Pct(decimal fraction, string format = "0.0") => (fraction * 100m).ToString(format, Inv) + "%";

        private static string Money0(decimal amount) => (amount < 0m ? "-$" : "$") + Math.Abs(amount).ToString("N0", Inv);

        private static string Money2(decimal amount) => Currency.Usd.Format(amount);

        private static string Trunc(string text, int width) => text.Length <= width ? text : text.Substring(0, width - 1) + "…";

        /// <summary>Reports progress on the calling thread (System.Progress would post to the thread pool).</summary>
        private sealed class InlineProgress<T> : IProgress<T>
        {
            private readonly Action<T> _report;

            public InlineProgress(Action<T> report)
            {
                _report = report;
            }

            public void Report(T value) => _report(value);
        }
    }
}
