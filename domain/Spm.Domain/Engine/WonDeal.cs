namespace Spm.Domain.Engine
{
    /// <summary>A won deal's size in base currency, for "largest deal of the period".</summary>
    public sealed record WonDeal(string DealId, decimal Amount);
}
