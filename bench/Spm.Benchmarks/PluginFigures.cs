extern alias SpmPlugins;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using SpmPlugins::Spm.Plugins.Steps;

namespace Spm.Benchmarks
{
    /// <summary>
    /// Issue 4: one opportunity win vs a full recalculation of the same participant, through the shipped steps. A step's CPU
    /// is its <see cref="ExecutionRecord.Duration"/> (one thread, no I/O in the box), split into the in-memory store answering
    /// its requests (<see cref="TimedStore"/>) and the rest; the whole request or async job is timed around it.
    /// </summary>
    public static class PluginFigures
    {
        /// <summary>Wins a fresh open deal of the measured rep; the roll-up job it queues runs afterwards, untimed, as the async service would.</summary>
        public static PluginSample Win(PluginOrg org)
        {
            var opportunity = org.NewOpenOpportunity();
            org.Pipeline.ClearRecords();
            org.Timed.Reset();
            var watch = Stopwatch.StartNew();
            org.Win(opportunity);
            watch.Stop();
            var step = org.Step(nameof(OpportunityCreditPlugin), "Win", StepMode.Synchronous);

            // The first request the store answered is the Win itself (the core operation); the rest are the step's.
            var store = StoreTime(org, step, skip: 1);
            org.Pipeline.RunAsyncSteps();
            org.EnsureNoFailures();
            return new PluginSample(step, store, watch.Elapsed);
        }

        /// <summary>
        /// What a plan change costs for one participant: a tier rate of the measured rep's own plan changes, and CompPlanPlugin's
        /// queued job re-derives every open statement of everyone on that plan (here just the rep) from their whole ledger.
        /// </summary>
        public static PluginSample Recalculate(PluginOrg org)
        {
            org.ChangeMeasuredPlanRate();
            org.Pipeline.ClearRecords();
            org.Timed.Reset();
            var watch = Stopwatch.StartNew();
            org.Pipeline.RunAsyncSteps();
            watch.Stop();
            org.EnsureNoFailures();
            var step = org.Step(nameof(CompPlanPlugin), "Update", StepMode.Asynchronous);
            return new PluginSample(step, StoreTime(org, step, skip: 0), watch.Elapsed);
        }

        /// <summary>
        /// The time the in-memory store spent answering the step's requests: the contiguous run of calls that matches the
        /// step's request list (other jobs of the same drain, such as sharing new rows, answer requests too).
        /// </summary>
        private static TimeSpan StoreTime(PluginOrg org, ExecutionRecord step, int skip)
        {
            var calls = org.Timed.Calls;
            var start = Enumerable.Range(skip, Math.Max(0, calls.Count - step.RequestCount - skip + 1))
                .FirstOrDefault(i => step.Requests.Select((r, k) => r.StartsWith(calls[i + k].Request, StringComparison.Ordinal) && r.EndsWith(calls[i + k].Table, StringComparison.Ordinal)).All(ok => ok), -1);
            if (start < 0)
            {
                throw new InvalidOperationException($"The store answered {calls.Count - skip} requests, none of whose runs is the step's {step.RequestCount}.");
            }

            var total = TimeSpan.Zero;
            for (var i = start; i < start + step.RequestCount; i++)
            {
                total += calls[i].Elapsed;
            }

            return total;
        }

        /// <summary>Warm-up rounds, then measured rounds of one win and one recalculation each, so both see the same ledger size.</summary>
        public static PluginReport Measure(PluginOrg org, int warmup, int runs)
        {
            for (var i = 0; i < warmup; i++)
            {
                Win(org);
                Recalculate(org);
            }

            var ledgerBefore = org.LedgerRows(org.MeasuredRep);
            var wins = new List<PluginSample>(runs);
            var recalculations = new List<PluginSample>(runs);
            for (var i = 0; i < runs; i++)
            {
                wins.Add(Win(org));
                recalculations.Add(Recalculate(org));
            }

            return new PluginReport(org.ParticipantCount, ledgerBefore, org.LedgerRows(org.MeasuredRep), org.Statements(org.MeasuredRep), wins, recalculations);
        }

        public static void Print(string source, PluginReport report, double? winRequestNs = null, double? recalculationJobNs = null)
        {
            var win = report.Wins;
            var recalculation = report.Recalculations;
            var winStep = Median(win.Select(s => s.Step.Duration.TotalMilliseconds));
            var recalculationStep = Median(recalculation.Select(s => s.Step.Duration.TotalMilliseconds));
            var winOwn = Median(win.Select(s => (s.Step.Duration - s.Store).TotalMilliseconds));
            var recalculationOwn = Median(recalculation.Select(s => (s.Step.Duration - s.Store).TotalMilliseconds));
            var winRequest = winRequestNs / 1e6 ?? Median(win.Select(s => s.Request.TotalMilliseconds));
            var recalculationJob = recalculationJobNs / 1e6 ?? Median(recalculation.Select(s => s.Request.TotalMilliseconds));
            Console.WriteLine();
            Console.WriteLine("=== Plugin: one opportunity win vs a full recalculation of the same participant (" + source + ") ===");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "org: {0} participants; measured rep's ledger {1:N0} -> {2:N0} rows over the measured runs, {3} statements", report.Participants, report.LedgerBefore, report.LedgerAfter, report.Statements));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "win (OpportunityCreditPlugin, sync step)     = {0,7:N3} ms CPU, {1:N3} ms of it outside the store; {2} requests; whole Win request {3:N3} ms", winStep, winOwn, Requests(win), winRequest));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "recalculation (CompPlanPlugin, 1 rep, async) = {0,7:N3} ms CPU, {1:N3} ms of it outside the store; {2} requests; whole async job {3:N3} ms", recalculationStep, recalculationOwn, Requests(recalculation), recalculationJob));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "recalculation/win ratio = {0:N2} (step CPU), {1:N2} (outside the store), {2:N2} (whole request/job)", recalculationStep / winStep, recalculationOwn / winOwn, recalculationJob / winRequest));
            Console.WriteLine("win requests:           " + string.Join(", ", win[win.Count - 1].Step.Requests));
            Console.WriteLine("recalculation requests: " + string.Join(", ", recalculation[recalculation.Count - 1].Step.Requests));
        }

        /// <summary>The median count, with the range when runs differ (a milestone adds a recognition row now and then).</summary>
        private static string Requests(IReadOnlyList<PluginSample> samples)
        {
            var counts = samples.Select(s => s.Step.RequestCount).OrderBy(c => c).ToArray();
            var median = counts[counts.Length / 2].ToString(CultureInfo.InvariantCulture);
            return counts[0] == counts[counts.Length - 1] ? median : string.Format(CultureInfo.InvariantCulture, "{0} ({1}-{2})", median, counts[0], counts[counts.Length - 1]);
        }

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted[sorted.Length / 2];
        }
    }

    /// <summary>One measured run: the step's record, the store's share of its Duration, and the request or async job around it.</summary>
    public sealed record PluginSample(ExecutionRecord Step, TimeSpan Store, TimeSpan Request);

    public sealed record PluginReport(int Participants, int LedgerBefore, int LedgerAfter, int Statements, IReadOnlyList<PluginSample> Wins, IReadOnlyList<PluginSample> Recalculations);
}
