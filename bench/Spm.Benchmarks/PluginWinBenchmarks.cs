using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Spm.Benchmarks
{
    /// <summary>
    /// Issue 4 under BenchmarkDotNet: the whole Win request of a fresh deal vs the whole CompPlanPlugin job recalculating the
    /// same rep (see <see cref="PluginOrg"/>). One invocation per iteration, because each needs its own setup: a new open
    /// deal to win, or a plan change to queue the recalculation. The steps' own time and request counts come from
    /// <see cref="PluginFigures"/>, since BenchmarkDotNet can only time the whole call.
    /// </summary>
    [MemoryDiagnoser]
    [SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 5, iterationCount: 21)]
    [InvocationCount(1)]
    public class PluginWinBenchmarks
    {
        private PluginOrg _org = null!;
        private System.Guid _opportunity;

        [GlobalSetup]
        public void Setup() => _org = PluginOrg.Build();

        [IterationSetup(Target = nameof(Win))]
        public void OpenDeal() => _opportunity = _org.NewOpenOpportunity();

        [Benchmark(Baseline = true)]
        public void Win() => _org.Win(_opportunity);

        // The roll-up job the win queued runs after it, as the async service would, so the next win starts from a settled org.
        [IterationCleanup(Target = nameof(Win))]
        public void RollUps()
        {
            _org.Pipeline.RunAsyncSteps();
            _org.EnsureNoFailures();
        }

        // A win first, so the rep's ledger grows run by run exactly as in the Win benchmark; then the plan change queues the job.
        [IterationSetup(Target = nameof(Recalculation))]
        public void WinThenChangePlan()
        {
            _org.Win(_org.NewOpenOpportunity());
            _org.Pipeline.RunAsyncSteps();
            _org.ChangeMeasuredPlanRate();
        }

        [Benchmark]
        public int Recalculation() => _org.Pipeline.RunAsyncSteps();

        [IterationCleanup(Target = nameof(Recalculation))]
        public void Check() => _org.EnsureNoFailures();
    }
}
