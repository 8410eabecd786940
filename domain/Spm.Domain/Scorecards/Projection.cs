namespace Spm.Domain.Scorecards
{
    /// <summary>
    /// Where the period is heading. RunRate extends credit so far at its daily rate to the period end; Pipeline adds
    /// the probability-weighted value of open deals expected to close before the period ends. Projected is the
    /// average of the two forecasts (run rate ignores the pipeline, pipeline ignores deals not yet created), or the run
    /// rate alone when there is no open pipeline.
    /// </summary>
    public sealed record Projection(decimal Credited, decimal RunRateCredit, decimal WeightedPipeline, decimal? Quota)
    {
        public decimal PipelineCredit => Credited + WeightedPipeline;

        public decimal ProjectedCredit => WeightedPipeline > 0m ? (RunRateCredit + PipelineCredit) / 2m : RunRateCredit;

        public decimal? ProjectedAttainment => Quota.HasValue ? ProjectedCredit / Quota.Value : (decimal?)null;
    }
}
