using Spm.Domain.Recognition;
using Spm.Domain.Tests.Engine;
using static Spm.Domain.Tests.Engine.DemoOrg;

namespace Spm.Domain.Tests.Recognition;

[TestClass]
public sealed class RecognitionTests
{
    private static List<RecognitionEvent> Of(IEnumerable<RecognitionEvent> events, RecognitionKind kind, string participantId) =>
        events.Where(e => e.Kind == kind && e.ParticipantId == participantId).ToList();

    [TestMethod]
    public void Crossing_50_and_100_percent_of_quota_each_announce_one_milestone_and_reapplying_announces_nothing()
    {
        var org = DemoOrg.Build();

        // 110,000.00 / 200,000.00 = 55% → crosses 50%.
        var first = org.Engine.ApplyDeal(Won("OPP-5001", "Northwind Logistics Renewal", Ava, 110_000.00m, Day(2, 3)), Day(2, 3));
        var half = Assert.ContainsSingle(Of(first.Recognitions, RecognitionKind.AttainmentMilestone, Ava));
        Assert.AreEqual(0.5m, half.Value);
        Assert.AreEqual("FY2026-Q1", half.PeriodId);
        Assert.AreEqual("OPP-5001", half.DealId);

        // + 95,000.00 = 205,000.00 / 200,000.00 = 102.5% → crosses 100% (and Marco 205,000.00 / 400,000.00 = 51.25% crosses 50%).
        var second = Won("OPP-5002", "Contoso Fleet Expansion", Ava, 95_000.00m, Day(2, 17));
        var change = org.Engine.ApplyDeal(second, Day(2, 17));
        var full = Assert.ContainsSingle(Of(change.Recognitions, RecognitionKind.AttainmentMilestone, Ava));
        Assert.AreEqual(1.0m, full.Value);
        Assert.AreEqual(0.5m, Assert.ContainsSingle(Of(change.Recognitions, RecognitionKind.AttainmentMilestone, Marco)).Value);

        var again = org.Engine.ApplyDeal(second, Day(2, 18));
        Assert.IsEmpty(again.Recognitions);
    }

    [TestMethod]
    public void A_reps_first_won_deal_is_recognised_once()
    {
        var org = DemoOrg.Build();

        var first = org.Engine.ApplyDeal(Won("OPP-5101", "Tailspin Analytics Suite", Ben, 42_750.00m, Day(1, 20)), Day(1, 20));
        var second = org.Engine.ApplyDeal(Won("OPP-5102", "Litware Security Bundle", Ben, 18_300.00m, Day(2, 24)), Day(2, 24));

        var firstDeal = Assert.ContainsSingle(first.Recognitions.Where(e => e.Kind == RecognitionKind.FirstDeal));
        Assert.AreEqual(Ben, firstDeal.ParticipantId);
        Assert.AreEqual(42_750.00m, firstDeal.Value);
        Assert.IsEmpty(second.Recognitions.Where(e => e.Kind == RecognitionKind.FirstDeal));
    }

    [TestMethod]
    public void Largest_deal_of_the_period_is_recognised_only_when_it_beats_an_earlier_deal()
    {
        var org = DemoOrg.Build();

        var opening = org.Engine.ApplyDeal(Won("OPP-5201", "Adventure Works POS", Ben, 82_000.00m, Day(1, 15)), Day(1, 15));
        var bigger = org.Engine.ApplyDeal(Won("OPP-5202", "Fabrikam Data Platform", Ava, 96_500.00m, Day(2, 2)), Day(2, 2));
        var smaller = org.Engine.ApplyDeal(Won("OPP-5203", "Wingtip Toys Rollout", Ben, 50_000.00m, Day(2, 9)), Day(2, 9));

        Assert.IsEmpty(opening.Recognitions.Where(e => e.Kind == RecognitionKind.LargestDealOfPeriod));
        var largest = Assert.ContainsSingle(bigger.Recognitions.Where(e => e.Kind == RecognitionKind.LargestDealOfPeriod));
        Assert.AreEqual(Ava, largest.ParticipantId);
        Assert.AreEqual(96_500.00m, largest.Value);
        Assert.AreEqual("FY2026-Q1", largest.PeriodId);
        Assert.IsEmpty(smaller.Recognitions.Where(e => e.Kind == RecognitionKind.LargestDealOfPeriod));
        Assert.AreEqual(new Spm.Domain.Engine.WonDeal("OPP-5202", 96_500.00m), org.Engine.LargestWonDeal(Day(3, 1)));
    }

    [TestMethod]
    public void Winning_in_three_consecutive_weeks_announces_a_3_week_streak_on_the_third_win()
    {
        var org = DemoOrg.Build();

        // Jan 5, Jan 14 and Jan 23 2026 fall in three consecutive (Monday-based) weeks.
        var week1 = org.Engine.ApplyDeal(Won("OPP-5301", "Proseware Migration", Ava, 12_400.00m, Day(1, 5)), Day(1, 5));
        var week2 = org.Engine.ApplyDeal(Won("OPP-5302", "Litware Security Bundle", Ava, 18_650.00m, Day(1, 14)), Day(1, 14));
        var week3 = org.Engine.ApplyDeal(Won("OPP-5303", "Contoso Fleet Expansion", Ava, 9_975.00m, Day(1, 23)), Day(1, 23));

        Assert.IsEmpty(Of(week1.Recognitions, RecognitionKind.WinStreak, Ava));
        Assert.IsEmpty(Of(week2.Recognitions, RecognitionKind.WinStreak, Ava));
        var streak = Assert.ContainsSingle(Of(week3.Recognitions, RecognitionKind.WinStreak, Ava));
        Assert.AreEqual(3m, streak.Value);
        Assert.AreEqual("OPP-5303", streak.DealId);
    }

    [TestMethod]
    public void Two_wins_in_the_same_week_do_not_extend_a_streak()
    {
        var org = DemoOrg.Build();

        org.Engine.ApplyDeal(Won("OPP-5401", "Proseware Migration", Ava, 12_400.00m, Day(1, 5)), Day(1, 5));
        org.Engine.ApplyDeal(Won("OPP-5402", "Litware Security Bundle", Ava, 18_650.00m, Day(1, 6)), Day(1, 6));
        var change = org.Engine.ApplyDeal(Won("OPP-5403", "Contoso Fleet Expansion", Ava, 9_975.00m, Day(1, 13)), Day(1, 13));

        Assert.IsEmpty(Of(change.Recognitions, RecognitionKind.WinStreak, Ava));
    }
}
