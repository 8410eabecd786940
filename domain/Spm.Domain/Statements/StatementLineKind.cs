namespace Spm.Domain.Statements
{
    public enum StatementLineKind
    {
        Commission = 0,
        TargetIncentive = 1,
        PayoutCap = 2,
        Spiff = 3,

        /// <summary>The change a late credit or reversal makes to a locked or paid period, booked in the next open period.</summary>
        PriorPeriodAdjustment = 4,

        /// <summary>A one-off amount sales ops entered with a reason.</summary>
        ManualAdjustment = 5,
        DrawTopUp = 6,
        DrawRecovery = 7,
    }
}
