extern alias SpmPlugins;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using SpmPlugins::Spm.Plugins.Steps;
using S = SpmPlugins::Spm.Plugins.Data.SpmSchema;

namespace Spm.Benchmarks
{
    /// <summary>
    /// Issue 9 (--scale): what one new sync win and its async roll-up cost as the rep's history grows (1 quarter → 5 years
    /// of prior deals) and as the org grows (25 → 10,000 users in 5 levels): requests, rows handed back to the plug-in, and
    /// the plug-in's own CPU (step Duration minus the in-memory store's time), each as a ratio to the smallest case of its
    /// series, measured in one run. Then a race: a sync win committing inside a roll-up.
    /// </summary>
    public static class ScaleFigures
    {
        public const double Goal = 1.2;

        /// <summary>The day the measured wins close in the history series: seven weeks into FY2026-Q2.</summary>
        public static readonly DateTime HistoryToday = new DateTime(2026, 5, 20);

        /// <summary>The day the measured wins close in the org series: late in FY2026-Q1, the quarter's history behind it.</summary>
        public static readonly DateTime OrgToday = new DateTime(2026, 3, 19);

        // ------------------------------------------------------------------------------------------------ history series

        /// <summary>
        /// One rep, their 4-level chain (team lead, manager, director, VP) and a peer rep under the same team lead (so deals
        /// can be reassigned), with <paramref name="priorQuarters"/> quarters of history before the current one, all through
        /// the pipeline in time order: 8–15 wins a quarter for the rep and 4 for the peer, about one in eight reopened and
        /// won again later (sometimes after its quarter locked: a late change), about one in twelve reassigned between the
        /// two reps; every quarter locked six days after it ends (PeriodLockPlugin freezes every statement) and marked paid
        /// two weeks later. Then the current quarter up to yesterday: 7 wins of the rep, 3 of the peer. Periods run from the
        /// first history quarter to the end of FY2026.
        /// </summary>
        public static (ScaleOrg Org, Guid Rep, int Events) BuildHistory(int priorQuarters, bool creditKeys = true)
        {
            var current = ScaleOrg.QuarterOf(HistoryToday);
            var first = ScaleOrg.Back(current, priorQuarters);
            var org = new ScaleOrg(9000 + priorQuarters, creditKeys);
            org.Clock(ScaleOrg.Start(first).AddDays(-30));
            org.Periods(first, (2026, 4));
            var vp = org.Participant("VP Sales", null, "Leadership", 8_000_000m);
            var director = org.Participant("Director West", vp, "West Leadership", 4_000_000m);
            var manager = org.Participant("Manager West 1", director, "West 1 Management", 2_000_000m);
            var lead = org.Participant("Team Lead West 1a", manager, "West 1a Lead", 500_000m);
            var rep = org.Participant("Rep (measured)", lead, "West 1a", 250_000m);
            var peer = org.Participant("Rep (peer)", lead, "West 1a", 250_000m);

            var events = new List<(DateTime At, int Order, Action Run)>();
            var order = 0;
            void At(DateTime at, Action run)
            {
                if (at < HistoryToday)
                {
                    events.Add((at, order++, run));
                }
            }

            void Deals((int Year, int Quarter) quarter, Guid owner, int count, DateTime from, DateTime until)
            {
                var days = Math.Max(1, (until - from).Days);
                for (var i = 0; i < count; i++)
                {
                    var closed = from.AddDays(org.Random.Next(0, days));
                    var amount = org.Amount();
                    var id = org.RawOpportunity("History", owner, amount, closed, from.AddDays(-20));
                    At(closed, () => org.Win(id, amount, closed));
                    var fate = org.Random.Next(0, 24);
                    if (fate < 3)
                    {
                        var reopened = closed.AddDays(org.Random.Next(3, 21));
                        var rewon = reopened.AddDays(org.Random.Next(5, 31));
                        var again = Math.Round(amount * (0.8m + (org.Random.Next(0, 41) / 100m)), 2);
                        At(reopened, () => org.Reopen(id, reopened));
                        At(rewon, () => org.Win(id, again, rewon));
                    }
                    else if (fate < 5)
                    {
                        var moved = closed.AddDays(org.Random.Next(2, 11));
                        var to = owner == rep ? peer : rep;
                        At(moved, () => org.Reassign(id, to, moved));
                    }
                }
            }

            // Each quarter's deals come from a seed of that calendar quarter, so the recent past (the last locked quarter and
            // the current one, which is what a posting reads) is the same in every case: only the depth of history differs.
            for (var q = first; q != current; q = ScaleOrg.Next(q))
            {
                org.Reseed((q.Year * 10) + q.Quarter);
                var start = ScaleOrg.Start(q);
                var end = start.AddMonths(3);
                Deals(q, rep, org.Random.Next(8, 16), start, end);
                Deals(q, peer, 4, start, end);
                var quarter = q;
                At(end.AddDays(6), () => org.SetPeriodStatus(quarter, S.Period.StatusLocked, end.AddDays(6)));
                At(end.AddDays(20), () => org.SetPeriodStatus(quarter, S.Period.StatusPaid, end.AddDays(20)));
            }

            org.Reseed((current.Year * 10) + current.Quarter);
            Deals(current, rep, 7, ScaleOrg.Start(current), HistoryToday.AddDays(-1));
            Deals(current, peer, 3, ScaleOrg.Start(current), HistoryToday.AddDays(-1));
            foreach (var e in events.OrderBy(e => e.At).ThenBy(e => e.Order))
            {
                e.Run();
                org.RunAsync();
            }

            org.Pipeline.ClearRecords();
            return (org, rep, events.Count);
        }

        // ------------------------------------------------------------------------------------------------ org series

        /// <summary>The org's levels below the VP: directors, managers, team leads; the rest are reps.</summary>
        public static (int Directors, int Managers, int Leads) Shape(int users) => users switch
        {
            <= 25 => (1, 1, 2),
            <= 250 => (2, 5, 22),
            <= 2_500 => (5, 25, 220),
            _ => (10, 100, 900),
        };

        /// <summary>
        /// <paramref name="users"/> users in 5 levels (VP → directors → managers → team leads → reps), FY2026 quarters all
        /// open, and one quarter of history for everyone: every rep won 8–15 deals between 2 January and yesterday
        /// (<see cref="OrgToday"/>), posted in bulk by the plug-ins' own services with the managers' roll-ups.
        /// </summary>
        public static (ScaleOrg Org, Guid Rep, int Deals) BuildOrg(int users)
        {
            var watch = Stopwatch.StartNew();
            var org = new ScaleOrg(7000 + users, creditKeys: false);
            org.Clock(new DateTime(2025, 12, 1));
            org.Periods((2026, 1), (2026, 4));
            var (directors, managers, leads) = Shape(users);
            var reps = users - 1 - directors - managers - leads;
            var vp = org.Participant("VP Sales", null, "Leadership", 250_000m * reps);
            var directorIds = Enumerable.Range(1, directors).Select(d => org.Participant("Director " + d, vp, "Region " + d, 250_000m * reps / directors)).ToList();
            var managerIds = Enumerable.Range(1, managers).Select(m => org.Participant("Manager " + m, directorIds[(m - 1) % directors], "Area " + m, 250_000m * reps / managers)).ToList();
            var leadIds = Enumerable.Range(1, leads).Select(t => org.Participant("Team Lead " + t, managerIds[(t - 1) % managers], "Team " + t + " Lead", 250_000m * reps / leads)).ToList();
            var repIds = Enumerable.Range(1, reps).Select(r => org.Participant("Rep " + r, leadIds[(r - 1) % leads], "Team " + (((r - 1) % leads) + 1), 250_000m)).ToList();

            org.SeedPhases.Add(("users, plan assignments, quotas", watch.Elapsed.TotalSeconds));
            var from = new DateTime(2026, 1, 2);
            var deals = new List<(Guid Owner, DateTime Closed)>();
            foreach (var rep in repIds)
            {
                // The measured rep's own quarter is the same in every org (12 deals on the same days): only the org differs.
                var random = rep == repIds[0] ? new Random(12) : org.Random;
                var count = rep == repIds[0] ? 12 : random.Next(8, 16);
                for (var i = 0; i < count; i++)
                {
                    deals.Add((rep, from.AddDays(random.Next(0, (OrgToday - from).Days))));
                }
            }

            org.BulkWins(deals, OrgToday.AddDays(-1).AddHours(18));
            org.Pipeline.ClearRecords();
            return (org, repIds[0], deals.Count);
        }

        // ------------------------------------------------------------------------------------------------ measuring

        /// <summary>One measured round: a new open deal of the rep, won today (the sync step), then its roll-up job.</summary>
        public static (StepSample Sync, StepSample RollUp) Round(ScaleOrg org, Guid rep, DateTime today)
        {
            var opportunity = org.NewOpenOpportunity(rep, today);
            var estimated = org.Estimated(opportunity);
            org.Pipeline.ClearRecords();
            Settle();
            org.Timed.Reset();
            var before = Outside.Now();
            org.Win(opportunity, estimated, today);
            var sync = Sample(org.Step(nameof(OpportunityCreditPlugin), "Win", StepMode.Synchronous), org.Timed.Calls.Skip(1).ToList(), Outside.Since(before, org.Timed));

            org.Pipeline.ClearRecords();
            Settle();
            org.Timed.Reset();
            before = Outside.Now();
            org.RunAsync();
            var rollUpStep = org.Step(nameof(OpportunityRollUpPlugin), "Win", StepMode.Asynchronous);
            // SPM_SCALE_TRACE=1 prints what the roll-up loaded and wrote (its trace), to see why a case reads what it reads.
            if (Environment.GetEnvironmentVariable("SPM_SCALE_TRACE") == "1")
            {
                Console.WriteLine(string.Join(Environment.NewLine, rollUpStep.TraceLines));
            }

            var rollUp = Sample(rollUpStep, org.Timed.Calls.ToList(), Outside.Since(before, org.Timed));
            return (sync, rollUp);
        }

        /// <summary>
        /// A full collection before each measured step, so the step's Duration does not include collecting garbage left by
        /// seeding or the previous step (on a heap of millions of seeded rows that would grow with the org, not the plug-in).
        /// </summary>
        private static void Settle()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        /// <summary>Collections, GC pause and allocation of the request or job outside the store's answers (the plug-in's side).</summary>
        private readonly record struct Outside(int Collections, TimeSpan Paused, long Allocated)
        {
            public static Outside Now() => new Outside(GC.CollectionCount(0), GC.GetTotalPauseDuration(), GC.GetAllocatedBytesForCurrentThread());

            public static Outside Since(Outside before, TimedStore store) =>
                new Outside(GC.CollectionCount(0) - before.Collections, GC.GetTotalPauseDuration() - before.Paused - store.Paused, GC.GetAllocatedBytesForCurrentThread() - before.Allocated - store.Allocated);
        }

        private static StepSample Sample(ExecutionRecord step, IReadOnlyList<(string Request, TimeSpan Elapsed, int Rows, string Table)> all, Outside outside)
        {
            // Other jobs run in the same drain (sharing a new row with the manager chain, the Teams webhook): the step's own
            // calls are the contiguous run that matches its request list.
            var calls = all;
            if (calls.Count != step.RequestCount)
            {
                var start = Enumerable.Range(0, Math.Max(0, all.Count - step.RequestCount + 1))
                    .FirstOrDefault(i => step.Requests.Select((r, k) => r.StartsWith(all[i + k].Request, StringComparison.Ordinal) && r.EndsWith(all[i + k].Table, StringComparison.Ordinal)).All(ok => ok), -1);
                if (start < 0)
                {
                    throw new InvalidOperationException($"The store answered {all.Count} requests, none of whose runs is the {step.PluginTypeName} run's {step.RequestCount}.");
                }

                calls = all.Skip(start).Take(step.RequestCount).ToList();
            }

            var store = TimeSpan.FromTicks(calls.Sum(c => c.Elapsed.Ticks));
            var byTable = calls.Where(c => c.Rows > 0).GroupBy(c => c.Table).ToDictionary(g => g.Key, g => g.Sum(c => c.Rows), StringComparer.Ordinal);
            return new StepSample(step.RequestCount, calls.Sum(c => c.Rows), step.Duration.TotalMilliseconds, store.TotalMilliseconds, Math.Max(0d, (step.Duration - store - outside.Paused).TotalMilliseconds), byTable, step.Requests, outside.Collections, outside.Allocated / 1024d, outside.Paused.TotalMilliseconds);
        }

        public static CaseResult Measure(string name, ScaleOrg org, Guid rep, DateTime today, int warmup, int runs, double seedSeconds, string shape)
        {
            for (var i = 0; i < warmup; i++)
            {
                Round(org, rep, today);
            }

            var syncs = new List<StepSample>();
            var rollUps = new List<StepSample>();
            for (var i = 0; i < runs; i++)
            {
                var (sync, rollUp) = Round(org, rep, today);
                syncs.Add(sync);
                rollUps.Add(rollUp);
            }

            return new CaseResult(name, shape, seedSeconds, syncs, rollUps, Check(org));
        }

        // ------------------------------------------------------------------------------------------------ checks

        /// <summary>
        /// The ledger and statements as production must leave them: no (participant, sequence) twice, each participant's
        /// sequences exactly 1..n, every open statement's credited amount (and its snapshot) equal to a full recalculation
        /// (the sum of the participant's ledger dated in the period), and every frozen statement equal to the sum of the
        /// rows it was booked up to.
        /// </summary>
        public static LedgerCheck Check(ScaleOrg org)
        {
            var credits = Rows(org, S.Credit.Table, S.Credit.Participant, S.Credit.Sequence, S.Credit.CreditDate, S.Credit.Revenue);
            var duplicates = 0;
            var gaps = 0;
            var byParticipant = credits.GroupBy(c => c.GetAttributeValue<EntityReference>(S.Credit.Participant).Id).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var pair in byParticipant)
            {
                var sequences = pair.Value.Select(c => c.GetAttributeValue<int>(S.Credit.Sequence)).OrderBy(s => s).ToList();
                duplicates += sequences.Count - sequences.Distinct().Count();
                var distinct = sequences.Distinct().ToList();
                if (distinct[0] != 1 || distinct[distinct.Count - 1] != distinct.Count)
                {
                    gaps++;
                }
            }

            var periods = Rows(org, S.Period.Table, S.Period.StartDate, S.Period.EndDate, S.Period.Status).ToDictionary(p => p.Id);
            var statements = Rows(org, S.Statement.Table, S.Statement.Participant, S.Statement.Period, S.Statement.Credited, S.Statement.CreditedRevenue, S.Statement.Frozen, S.Statement.LedgerSequence);
            var open = 0;
            var frozen = 0;
            var shortStatements = new List<string>();
            foreach (var statement in statements)
            {
                var participant = statement.GetAttributeValue<EntityReference>(S.Statement.Participant).Id;
                var period = periods[statement.GetAttributeValue<EntityReference>(S.Statement.Period).Id];
                var start = period.GetAttributeValue<DateTime>(S.Period.StartDate);
                var end = period.GetAttributeValue<DateTime>(S.Period.EndDate).AddDays(1);
                var isFrozen = statement.GetAttributeValue<bool>(S.Statement.Frozen);
                var upTo = isFrozen ? statement.GetAttributeValue<int?>(S.Statement.LedgerSequence) ?? int.MaxValue : int.MaxValue;
                var ledger = byParticipant.TryGetValue(participant, out var rows)
                    ? rows.Where(c => c.GetAttributeValue<int>(S.Credit.Sequence) <= upTo && c.GetAttributeValue<DateTime>(S.Credit.CreditDate) >= start && c.GetAttributeValue<DateTime>(S.Credit.CreditDate) < end).Sum(c => c.GetAttributeValue<Money>(S.Credit.Revenue)?.Value ?? 0m)
                    : 0m;
                var credited = statement.GetAttributeValue<Money>(S.Statement.Credited)?.Value ?? 0m;
                var snapshot = statement.GetAttributeValue<decimal?>(S.Statement.CreditedRevenue);
                if (isFrozen)
                {
                    frozen++;
                }
                else
                {
                    open++;
                }

                if (credited != ledger || (snapshot.HasValue && snapshot.Value != ledger))
                {
                    shortStatements.Add(string.Format(CultureInfo.InvariantCulture, "{0} {1:yyyy-MM-dd}{2}: statement {3:N2} (snapshot {4:N2}), ledger {5:N2}", participant, start, isFrozen ? " frozen" : string.Empty, credited, snapshot, ledger));
                }
            }

            return new LedgerCheck(credits.Count, byParticipant.Count, duplicates, gaps, open, frozen, shortStatements);
        }

        /// <summary>Every row of a table, read without plug-ins.</summary>
        public static List<Entity> Rows(ScaleOrg org, string table, params string[] columns)
        {
            // No paging: the in-memory store answers every page by evaluating and projecting the whole table again.
            var query = new QueryExpression(table) { ColumnSet = new ColumnSet(columns) };
            return org.Raw.RetrieveMultiple(query).Entities.ToList();
        }

        // ------------------------------------------------------------------------------------------------ printing

        public static bool Print(string title, string unit, IReadOnlyList<CaseResult> cases, Func<CaseResult, IReadOnlyList<StepSample>> samples)
        {
            var ok = true;
            var smallest = cases[0];
            var baseRequests = Median(samples(smallest).Select(s => (double)s.Requests));
            var baseRows = Median(samples(smallest).Select(s => (double)s.Rows));
            var baseCpu = Median(samples(smallest).Select(s => s.PluginMs));
            var baseKb = Median(samples(smallest).Select(s => s.PluginKb));
            Console.WriteLine();
            Console.WriteLine("=== " + title + " ===");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-14} | {1,-10} | {2,-19} | {3,14} | {4,13} | {5,-17} | {6,-32} | {7}", unit, "requests", "rows read", "plug-in CPU ms", "store time ms", "plug-in KB (GCs)", "ratio to smallest req/rows/cpu", "all <= " + Goal.ToString("0.0", CultureInfo.InvariantCulture) + "  (KB ratio)"));
            foreach (var c in cases)
            {
                var s = samples(c);
                var requests = Median(s.Select(x => (double)x.Requests));
                var rows = Median(s.Select(x => (double)x.Rows));
                var cpu = Median(s.Select(x => x.PluginMs));
                var store = Median(s.Select(x => x.StoreMs));
                var ratios = (requests / baseRequests, rows / baseRows, cpu / baseCpu);
                var pass = ratios.Item1 <= Goal && ratios.Item2 <= Goal && ratios.Item3 <= Goal;
                ok &= pass;
                var kb = Median(s.Select(x => x.PluginKb));
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-14} | {1,-10} | {2,-19} | {3,14:N3} | {4,13:N1} | {5,-17} | {6,9:N2} {7,9:N2} {8,9:N2}     | {9}  ({10:N2})", c.Name, Range(s.Select(x => x.Requests)), Range(s.Select(x => x.Rows)), cpu, store, kb.ToString("N0", CultureInfo.InvariantCulture) + " (" + Median(s.Select(x => (double)x.Gen0Collections)).ToString(CultureInfo.InvariantCulture) + ")", ratios.Item1, ratios.Item2, ratios.Item3, pass ? "PASS" : "FAIL", kb / baseKb));
            }

            return ok;
        }

        /// <summary>Rows read per table, last run of each case: where a growing row count comes from.</summary>
        public static void PrintRowsByTable(string title, IReadOnlyList<CaseResult> cases, Func<CaseResult, IReadOnlyList<StepSample>> samples)
        {
            var tables = cases.SelectMany(c => samples(c)[samples(c).Count - 1].RowsByTable.Keys).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
            int Rows(CaseResult c, string table) => samples(c)[samples(c).Count - 1].RowsByTable.TryGetValue(table, out var n) ? n : 0;
            Console.WriteLine("rows read by table (" + title + ", last run): " + string.Join("; ", cases.Select(c => c.Name + ": " + string.Join(", ", tables.Select(t => t + " " + Rows(c, t))))));
            var growing = tables.Where(t => cases.Select(c => Rows(c, t)).Distinct().Count() > 1).ToList();
            Console.WriteLine("  not flat (" + title + "): " + (growing.Count == 0 ? "none" : string.Join("; ", growing.Select(t => t + " " + string.Join(" -> ", cases.Select(c => Rows(c, t).ToString(CultureInfo.InvariantCulture)))))));
        }

        public static void PrintCases(IReadOnlyList<CaseResult> cases)
        {
            foreach (var c in cases)
            {
                var k = c.Check;
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-14} | {1} | seeded in {2,6:N1} s | after the runs: {3:N0} ledger rows of {4:N0} participants, {5} duplicate sequences, {6} participants with gaps, {7} open + {8} frozen statements, {9} not equal to the ledger{10}", c.Name, c.Shape, c.SeedSeconds, k.Credits, k.Participants, k.Duplicates, k.Gaps, k.OpenStatements, k.FrozenStatements, k.Short.Count, k.Short.Count > 0 ? " (first: " + k.Short[0] + ")" : string.Empty));
            }
        }

        private static string Range(IEnumerable<int> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            var median = sorted[sorted.Length / 2].ToString(CultureInfo.InvariantCulture);
            return sorted[0] == sorted[sorted.Length - 1] ? median : median + " (" + sorted[0].ToString(CultureInfo.InvariantCulture) + "-" + sorted[sorted.Length - 1].ToString(CultureInfo.InvariantCulture) + ")";
        }

        public static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted[sorted.Length / 2];
        }

        public static double Seconds(Stopwatch watch) => watch.Elapsed.TotalSeconds;
    }

    /// <summary>One run of one step: requests, rows handed back, Duration, the store's share of it, and the rest (the plug-in's own CPU).</summary>
    public sealed record StepSample(int Requests, int Rows, double StepMs, double StoreMs, double PluginMs, IReadOnlyDictionary<string, int> RowsByTable, IReadOnlyList<string> RequestNames, int Gen0Collections, double PluginKb, double PluginGcMs);

    public sealed record CaseResult(string Name, string Shape, double SeedSeconds, IReadOnlyList<StepSample> Syncs, IReadOnlyList<StepSample> RollUps, LedgerCheck Check);

    public sealed record LedgerCheck(int Credits, int Participants, int Duplicates, int Gaps, int OpenStatements, int FrozenStatements, IReadOnlyList<string> Short);
}
