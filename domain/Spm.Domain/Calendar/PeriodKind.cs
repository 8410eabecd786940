namespace Spm.Domain.Calendar
{
    public enum PeriodKind
    {
        Month = 1,
        Quarter = 3,
        Year = 12,
    }
}
