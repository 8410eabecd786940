namespace Spm.Domain.Calendar
{
    /// <summary>Open → Locked → Paid, never backwards. Locked and paid periods are immutable.</summary>
    public enum PeriodStatus
    {
        Open = 0,
        Locked = 1,
        Paid = 2,
    }
}
