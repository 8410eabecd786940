using Spm.Domain.Tests.Engine;
using static Spm.Domain.Tests.Engine.DemoOrg;

namespace Spm.Domain.Tests.Scorecards;

[TestClass]
public sealed class ScorecardTests
{
    // Q1 FY2026 runs Jan 1 – Mar 31 (90 days); Feb 14 is day 45, exactly half way.
    private static readonly DateTime MidQuarter = Day(2, 14);

    private static DemoOrg WithWestTeamDeals()
    {
        var org = DemoOrg.Build();
        org.Engine.ApplyDeal(Won("OPP-6001", "Northwind Logistics Renewal", Ava, 110_000.00m, Day(1, 27)), Day(1, 27));
        org.Engine.ApplyDeal(Won("OPP-6002", "Adventure Works POS", Ben, 140_000.00m, Day(2, 4)), Day(2, 4));
        return org;
    }

    [TestMethod]
    public void Pace_at_mid_quarter_compares_attainment_with_half_the_quarter_elapsed()
    {
        var org = WithWestTeamDeals();

        var pace = org.Engine.Scorecard(Ava, org.Q1, MidQuarter).Pace;

        // 45 / 90 days = 50% expected; 110,000.00 / 200,000.00 = 55% actual; index 55 / 50 = 1.1.
        Assert.AreEqual(0.5m, pace.ElapsedFraction);
        Assert.AreEqual(0.5m, pace.ExpectedAttainment);
        Assert.AreEqual(0.55m, pace.Attainment);
        Assert.AreEqual(1.1m, pace.Index);
        Assert.IsTrue(pace.OnPace);
    }

    [TestMethod]
    public void Next_tier_names_the_exact_credit_still_needed_to_reach_the_accelerator()
    {
        var org = WithWestTeamDeals();

        var next = org.Engine.Scorecard(Ava, org.Q1, MidQuarter).NextTier;

        // Accelerator starts at 100% of 200,000.00: 200,000.00 − 110,000.00 = 90,000.00 more.
        Assert.IsNotNull(next);
        Assert.AreEqual("Accelerator", next.TierLabel);
        Assert.AreEqual(0.15m, next.Rate);
        Assert.AreEqual(1.0m, next.AttainmentNeeded);
        Assert.AreEqual(90_000.00m, next.CreditNeeded);
        Assert.Contains("$90,000.00", next.Text);
    }

    [TestMethod]
    public void Next_tier_is_absent_once_the_top_tier_is_reached()
    {
        var org = WithWestTeamDeals();
        org.Engine.ApplyDeal(Won("OPP-6003", "Fabrikam Data Platform", Ava, 95_000.00m, Day(2, 10)), Day(2, 10));

        Assert.IsNull(org.Engine.Scorecard(Ava, org.Q1, MidQuarter).NextTier);
    }

    [TestMethod]
    [DataRow(Ava, 2)]
    [DataRow(Ben, 1)]
    public void Rank_orders_the_team_by_attainment(string participantId, int expectedRank)
    {
        var org = WithWestTeamDeals();

        var card = org.Engine.Scorecard(participantId, org.Q1, MidQuarter);

        // Ben 140,000.00 / 200,000.00 = 70% ranks above Ava at 55%; the West team has two reps.
        Assert.AreEqual(expectedRank, card.Rank);
        Assert.AreEqual(2, card.TeamSize);
    }

    [TestMethod]
    public void Kpis_report_win_rate_and_average_won_deal_size()
    {
        var org = DemoOrg.Build();
        org.Engine.ApplyDeal(Won("OPP-6101", "Northwind Logistics Renewal", Ava, 110_000.00m, Day(1, 27)), Day(1, 27));
        org.Engine.ApplyDeal(Won("OPP-6102", "Litware Security Bundle", Ava, 50_000.00m, Day(2, 10)), Day(2, 10));
        org.Engine.ApplyDeal(Won("OPP-6103", "Tailspin Analytics Suite", Ava, 45_500.00m, Day(3, 2)), Day(3, 2));
        org.Engine.ApplyDeal(Lost("OPP-6104", "Proseware Migration", Ava, 40_000.00m, Day(3, 9)), Day(3, 9));

        var kpis = org.Engine.Scorecard(Ava, org.Q1, Day(3, 15)).Kpis;

        // 3 won of 4 closed = 75%; (110,000.00 + 50,000.00 + 45,500.00) / 3 = 68,500.00; each deal took 30 days.
        Assert.AreEqual(3, kpis.Won);
        Assert.AreEqual(1, kpis.Lost);
        Assert.AreEqual(0.75m, kpis.WinRate);
        Assert.AreEqual(68_500.00m, kpis.AverageDealSize);
        Assert.AreEqual(30m, kpis.AverageCycleDays);
    }

    [TestMethod]
    public void Earnings_this_period_match_the_statement()
    {
        var org = WithWestTeamDeals();

        var card = org.Engine.Scorecard(Ben, org.Q1, MidQuarter);

        // 140,000.00 × 10% = 14,000.00; Q1 is the first quarter, so year to date is the same.
        Assert.AreEqual(14_000.00m, card.EarningsThisPeriod);
        Assert.AreEqual(14_000.00m, card.EarningsYearToDate);
        Assert.AreEqual(140_000.00m, card.Attainment.Credited);
    }
}
