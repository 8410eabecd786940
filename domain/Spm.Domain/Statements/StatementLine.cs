namespace Spm.Domain.Statements
{
    /// <summary>
    /// One explained line: what it is for, the basis it was computed on (credit in the band, deals, points), the tier
    /// and rate applied, the amount before rounding and the amount rounded once to the currency precision.
    /// </summary>
    public sealed record StatementLine(
        StatementLineKind Kind,
        string SourceId,
        string Description,
        decimal Basis,
        string? Tier,
        decimal Rate,
        decimal Amount,
        decimal UnroundedAmount)
    {
        /// <summary>For prior-period adjustments and redirected manual adjustments: the frozen period they correct.</summary>
        public string? ForPeriodId { get; init; }
    }
}
