namespace Spm.Domain.Recognition
{
    public enum RecognitionKind
    {
        FirstDeal = 0,
        AttainmentMilestone = 1,
        LargestDealOfPeriod = 2,
        WinStreak = 3,
    }
}
