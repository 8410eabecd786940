using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Spm.Benchmarks
{
    public static class Program
    {
        private const int Credits = SyntheticOrg.DealCount;

        public static int Main(string[] args)
        {
            // --plugin limits either mode to issue 4's figures: one opportunity win vs a full recalculation, through the steps.
            if (args.Contains("--scale"))
            {
                // Issue 9: requests, rows read and plug-in CPU of a win and its roll-up as history and org grow, plus the race run.
                // The in-memory store answers a query by scanning its table in this process; on a big org those scans fill the
                // young generation and collections land inside the plug-in's measured steps (Dataverse's store is out of
                // process). A large gen0 budget keeps the store's garbage out of the plug-in's figures; it is a startup setting,
                // so the run restarts itself with it.
                const string Gen0 = "DOTNET_GCgen0size";
                if (Environment.GetEnvironmentVariable(Gen0) == null && Environment.ProcessPath != null)
                {
                    var start = new ProcessStartInfo(Environment.ProcessPath) { UseShellExecute = false };
                    foreach (var arg in Environment.GetCommandLineArgs().Skip(1))
                    {
                        start.ArgumentList.Add(arg);
                    }

                    start.Environment[Gen0] = "0x30000000";
                    using var child = Process.Start(start)!;
                    child.WaitForExit();
                    return child.ExitCode;
                }

                return ScaleMode.Run(args);
            }

            var pluginOnly = args.Contains("--plugin");
            if (args.Contains("--quick"))
            {
                var engine = pluginOnly ? 0 : Quick();
                return engine != 0 ? engine : QuickPlugin();
            }

            var recalculation = pluginOnly ? null : BenchmarkRunner.Run<RecalculationBenchmarks>();
            var incremental = pluginOnly ? null : BenchmarkRunner.Run<IncrementalBenchmarks>();
            var plugin = BenchmarkRunner.Run<PluginWinBenchmarks>();
            if (recalculation != null && incremental != null)
            {
                var floor = Find(recalculation, nameof(RecalculationBenchmarks.Floor));
                var full = Find(recalculation, nameof(RecalculationBenchmarks.FullRecalculation));
                var inc = Find(incremental, nameof(IncrementalBenchmarks.Incremental));
                if (floor == null || full == null || inc == null || floor.ResultStatistics == null || full.ResultStatistics == null || inc.ResultStatistics == null)
                {
                    Console.WriteLine("A benchmark did not produce results; see the BenchmarkDotNet log above.");
                    return 1;
                }

                var fullBytes = full.GcStats.GetBytesAllocatedPerOperation(full.BenchmarkCase) ?? 0L;
                var incBytes = inc.GcStats.GetBytesAllocatedPerOperation(inc.BenchmarkCase) ?? 0L;
                Print("BenchmarkDotNet", floor.ResultStatistics.Mean, full.ResultStatistics.Mean, inc.ResultStatistics.Mean, fullBytes, incBytes);
            }

            var win = Find(plugin, nameof(PluginWinBenchmarks.Win));
            var recalc = Find(plugin, nameof(PluginWinBenchmarks.Recalculation));
            if (win?.ResultStatistics == null || recalc?.ResultStatistics == null)
            {
                Console.WriteLine("The plugin benchmark did not produce results; see the BenchmarkDotNet log above.");
                return 1;
            }

            // BenchmarkDotNet can time only the whole request and job; the steps' own time and requests need the in-process run.
            var report = PluginFigures.Measure(PluginOrg.Build(), warmup: 5, runs: 21);
            PluginFigures.Print("steps: in-process median of 21; whole request/job: BenchmarkDotNet median", report, win.ResultStatistics.Median, recalc.ResultStatistics.Median);
            return 0;
        }

        private static BenchmarkReport? Find(Summary summary, string method) =>
            summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);

        /// <summary>A fast sanity check: one process, Stopwatch timings, no BenchmarkDotNet.</summary>
        private static int Quick()
        {
            var load = Stopwatch.StartNew();
            var org = SyntheticOrg.Build();
            load.Stop();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Loaded {0:N0} participants, {1:N0} ledger credits in {2:N1} s (managed heap {3:N0} MB)", org.ParticipantIds.Length, org.CreditCount, load.Elapsed.TotalSeconds, GC.GetTotalMemory(true) / (1024 * 1024)));

            var sums = new decimal[org.ParticipantIds.Length];
            var floorNs = Median(9, () => Operations.Floor(org, sums));
            long fullBytes = 0;
            var fullNs = Median(5, () =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                Operations.FullRecalculation(org);
                fullBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            });

            // The first 20 changes while the rep's slice is still ~111 rows (includes some JIT), then time batches.
            // Each invocation appends a reversal and a new credit, so the changed rep's slice grows as the run goes on.
            var call = 0;
            var fresh = Stopwatch.StartNew();
            for (var i = 0; i < 20; i++)
            {
                                Operations.Incremental(org, call++);
            }

            fresh.Stop();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "incremental, first 20 changes (incl. JIT): {0:N1} us each", fresh.Elapsed.TotalMilliseconds * 1000d / 20));
            for (var i = 0; i < 30; i++)
            {
                                Operations.Incremental(org, call++);
            }

            const int batch = 200;
            long incBytes = 0;
            var incNs = Median(5, () =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < batch; i++)
                {
                                        Operations.Incremental(org, call++);
                }

                incBytes = (GC.GetAllocatedBytesForCurrentThread() - before) / batch;
            }) / batch;

            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0:N0} changes over {1:N0} deals of different reps; a changed rep's ledger slice now holds {2:N0} rows", call, org.IncrementalDeals.Length, org.Engine.Ledger.CreditsOf(org.IncrementalDeals[0].OwnerId).Count));
            Print("--quick (Stopwatch, median)", floorNs, fullNs, incNs, fullBytes, incBytes);
            return 0;
        }

        /// <summary>Issue 4's figures alone (--plugin), or after the engine's (--quick): seed the org, then median of 21 after 5 warm-up rounds.</summary>
        private static int QuickPlugin()
        {
            var load = Stopwatch.StartNew();
            var org = PluginOrg.Build();
            load.Stop();
            Console.WriteLine();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Seeded the plugin org through the pipeline ({0:N0} deals won, roll-ups run) in {1:N1} s", PluginOrg.MeasuredRepDeals + ((PluginOrg.Managers * PluginOrg.RepsPerManager) - 1) * PluginOrg.OtherRepDeals, load.Elapsed.TotalSeconds));
            PluginFigures.Print("--quick, in-process, median of 21", PluginFigures.Measure(org, warmup: 5, runs: 21));
            return 0;
        }

        private static double Median(int runs, Action action)
        {
            action();
            var times = new double[runs];
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                action();
                watch.Stop();
                times[i] = watch.Elapsed.TotalMilliseconds * 1_000_000d;
            }

            Array.Sort(times);
            return times[runs / 2];
        }

        private static void Print(string source, double floorNs, double fullNs, double incNs, long fullBytes, long incBytes)
        {
            Console.WriteLine();
            Console.WriteLine("=== SPM engine performance summary (" + source + ") ===");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "floor               = {0,12:N3} ms", floorNs / 1e6));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "full recalculation  = {0,12:N3} ms  ({1:N0} bytes allocated)", fullNs / 1e6, fullBytes));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "incremental         = {0,12:N3} us  ({1:N0} bytes allocated)", incNs / 1e3, incBytes));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "full/floor ratio = {0:N2} (goal <= 4)", fullNs / floorNs));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "full/incremental ratio = {0:N0} (goal >= 1000)", fullNs / incNs));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "allocated bytes per credit = {0:N2}", (double)fullBytes / Credits));
        }
    }
}
