namespace Spm.Domain.Scorecards
{
    /// <summary>How far to the next better tier: "$12,400 more to reach the 8% Accelerator tier".</summary>
    public sealed record NextTier(string ComponentName, string TierLabel, decimal Rate, decimal AttainmentNeeded, decimal CreditNeeded, string Text);
}
