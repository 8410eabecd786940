using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace Spm.Benchmarks
{
    /// <summary>
    /// --scale: issue 9's figures in one run. Options: --runs N (measured rounds per case, default 15), --warmup N (default 3),
    /// --history 1,4,12,20 (prior quarters, or none), --users 25,250,2500,10000 (or none; 10,000 gets 0 warm-up + 1 round), --large-runs N (default 3) and
    /// --large-from U (default 2500): orgs of U users or more get 1 warm-up and N measured rounds, because there each roll-up
    /// job folds the VP's whole quarter (see the rows-read table) and the in-memory store pages it by re-scanning the table.
    /// </summary>
    public static class ScaleMode
    {
        public static int Run(string[] args)
        {
            var total = Stopwatch.StartNew();
            var runs = Option(args, "--runs", new[] { 15 })[0];
            var warmup = Option(args, "--warmup", new[] { 3 })[0];
            var history = Option(args, "--history", new[] { 1, 4, 12, 20 });
            // 10,000 users gets one round (no warm-up): seeding it takes ~5 minutes and one round of its roll-up ~3, because
            // every roll-up folds the VP's whole quarter (the production cost problem the roll-up table shows) and the
            // in-memory store has no indexes and pages by re-evaluating the whole query. --users 25,250,2500 skips it.
            var users = Option(args, "--users", new[] { 25, 250, 2_500, 10_000 });
            var largeRuns = Option(args, "--large-runs", new[] { 3 })[0];
            var largeFrom = Option(args, "--large-from", new[] { 2_500 })[0];
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "--scale: {0} warm-up + {1} measured rounds per case (one new win of the measured rep, then its roll-up job); medians", warmup, runs));

            // Tiered JIT: without this the first cases run partly unoptimized code and their CPU looks higher than later ones.
            var jit = Stopwatch.StartNew();
            var (scratch, scratchRep, _) = ScaleFigures.BuildHistory(1);
            for (var i = 0; i < 60; i++)
            {
                ScaleFigures.Round(scratch, scratchRep, ScaleFigures.HistoryToday);
            }

            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "JIT warm-up: 60 rounds on a throwaway org in {0:N1} s", jit.Elapsed.TotalSeconds));
            scratch = null;

            var historyCases = new List<CaseResult>();
            foreach (var quarters in history)
            {
                var watch = Stopwatch.StartNew();
                var (org, rep, events) = ScaleFigures.BuildHistory(quarters);
                watch.Stop();
                var name = quarters == 1 ? "1 quarter" : quarters % 4 == 0 ? (quarters / 4) + (quarters == 4 ? " year" : " years") : quarters + " quarters";
                var shape = string.Format(CultureInfo.InvariantCulture, "{0} prior quarters locked+paid, {1} pipeline events", quarters, events);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "history {0}: seeded through the pipeline in {1:N1} s ({2}); measuring...", name, watch.Elapsed.TotalSeconds, shape));
                historyCases.Add(ScaleFigures.Measure(name, org, rep, ScaleFigures.HistoryToday, warmup, runs, watch.Elapsed.TotalSeconds, shape));
            }

            var orgCases = new List<CaseResult>();
            foreach (var size in users)
            {
                var watch = Stopwatch.StartNew();
                var (org, rep, deals) = ScaleFigures.BuildOrg(size);
                watch.Stop();
                var (d, m, t) = ScaleFigures.Shape(size);
                var shape = string.Format(CultureInfo.InvariantCulture, "1 VP, {0} directors, {1} managers, {2} team leads, {3} reps; {4:N0} Q1 deals in bulk", d, m, t, size - 1 - d - m - t, deals);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "org {0:N0} users: seeded in {1:N1} s ({2}; {3:N0} ledger rows); measuring...", size, watch.Elapsed.TotalSeconds, shape, org.Count("spm_credit")));
                Console.WriteLine("  seeding: " + string.Join(", ", org.SeedPhases.Select(p => p.Phase + " " + p.Seconds.ToString("N1", CultureInfo.InvariantCulture) + " s")));
                var measure = Stopwatch.StartNew();
                var (w, n) = size >= 10_000 ? (0, 1) : size >= largeFrom ? (Math.Min(warmup, 1), Math.Min(runs, largeRuns)) : (warmup, runs);
                orgCases.Add(ScaleFigures.Measure(size.ToString("N0", CultureInfo.InvariantCulture) + " users", org, rep, ScaleFigures.OrgToday, w, n, watch.Elapsed.TotalSeconds, shape + string.Format(CultureInfo.InvariantCulture, "; {0} warm-up + {1} runs", w, n)));
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  measured in {0:N1} s", measure.Elapsed.TotalSeconds));
            }

            var ok = true;
            if (historyCases.Count > 0)
            {
                ok &= ScaleFigures.Print("Sync win (OpportunityCreditPlugin) as the rep's history grows", "prior history", historyCases, c => c.Syncs);
                ok &= ScaleFigures.Print("Async roll-up (OpportunityRollUpPlugin, rep + 4 managers) as the rep's history grows", "prior history", historyCases, c => c.RollUps);
                ScaleFigures.PrintRowsByTable("sync", historyCases, c => c.Syncs);
                ScaleFigures.PrintRowsByTable("roll-up", historyCases, c => c.RollUps);
                ScaleFigures.PrintCases(historyCases);
            }

            if (orgCases.Count > 0)
            {
                ok &= ScaleFigures.Print("Sync win (OpportunityCreditPlugin) as the org grows", "org", orgCases, c => c.Syncs);
                ok &= ScaleFigures.Print("Async roll-up (OpportunityRollUpPlugin, rep + 4 managers) as the org grows", "org", orgCases, c => c.RollUps);
                ScaleFigures.PrintRowsByTable("sync", orgCases, c => c.Syncs);
                ScaleFigures.PrintRowsByTable("roll-up", orgCases, c => c.RollUps);
                ScaleFigures.PrintCases(orgCases);
            }

            var first = historyCases.Concat(orgCases).FirstOrDefault();
            if (first != null)
            {
                Console.WriteLine("sync requests:    " + string.Join(", ", first.Syncs[first.Syncs.Count - 1].RequestNames));
                Console.WriteLine("roll-up requests: " + string.Join(", ", first.RollUps[first.RollUps.Count - 1].RequestNames));
            }

            var checks = historyCases.Concat(orgCases).All(c => c.Check.Duplicates == 0 && c.Check.Gaps == 0 && c.Check.Short.Count == 0);
            var race = RaceRun.Run(creditKeys: true);
            race &= RaceRun.Run(creditKeys: false);
            Console.WriteLine();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "=== --scale verdict: ratios {0}; seeded ledgers and statements {1}; race {2}; whole run {3:N0} s ===", ok ? "all <= 1.2" : "NOT all <= 1.2", checks ? "consistent" : "INCONSISTENT", race ? "PASS" : "FAIL", total.Elapsed.TotalSeconds));
            return ok && checks && race ? 0 : 1;
        }

        private static int[] Option(string[] args, string name, int[] fallback)
        {
            var at = Array.IndexOf(args, name);
            return at < 0 || at + 1 >= args.Length ? fallback : args[at + 1] == "none" ? Array.Empty<int>() : args[at + 1].Split(',').Select(s => int.Parse(s.Replace("_", string.Empty), CultureInfo.InvariantCulture)).ToArray();
        }
    }
}
