using Spm.Domain.Credits;

namespace Spm.Domain.Engine
{
    /// <summary>A ledger row behind a statement line, with why it counts there.</summary>
    public sealed record CreditDetail(Credit Credit, string Reason);
}
