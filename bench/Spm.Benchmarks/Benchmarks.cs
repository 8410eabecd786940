using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Spm.Domain.Engine;

namespace Spm.Benchmarks
{
    /// <summary>Floor (baseline) vs a from-scratch recalculation of all 10,000 participants over 1,000,000 credits.</summary>
    [MemoryDiagnoser]
    [SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
    public class RecalculationBenchmarks
    {
        private SyntheticOrg _org = null!;
        private decimal[] _sums = null!;

        [GlobalSetup]
        public void Setup()
        {
            _org = SyntheticOrg.Build();
            _sums = new decimal[_org.ParticipantIds.Length];
        }

        [Benchmark(Baseline = true)]
        public decimal[] Floor() => Operations.Floor(_org, _sums);

        [Benchmark]
        public IReadOnlyList<ParticipantPeriodResult> FullRecalculation() => Operations.FullRecalculation(_org);
    }

    /// <summary>
    /// One deal changes and only the participants it moves are re-derived. Monitoring with a fixed invocation count,
    /// because every invocation appends a reversal and a new credit (the ledger is append-only) and the
    /// per-rep work in ApplyDeal grows with the rep's rows; a fixed count keeps that growth small and bounded.
    /// </summary>
    [MemoryDiagnoser]
    [SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 10, invocationCount: 200)]
    public class IncrementalBenchmarks
    {
        private SyntheticOrg _org = null!;
        private int _call;

        [GlobalSetup]
        public void Setup()
        {
            _org = SyntheticOrg.Build();

            // A running system has its folds cached; prime them like the first full run would.
            _org.Engine.RecalculateAll(_org.Q1, _org.AsOf, fromScratch: true);
        }

        [Benchmark]
        public IReadOnlyList<ParticipantPeriodResult> Incremental()
        {
            return Operations.Incremental(_org, _call++);
        }
    }
}
