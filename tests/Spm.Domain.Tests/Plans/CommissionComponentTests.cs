using Spm.Domain;
using Spm.Domain.Money;
using Spm.Domain.Plans;
using Spm.Domain.Quotas;
using Spm.Domain.Statements;

namespace Spm.Domain.Tests.Plans;

[TestClass]
public sealed class CommissionComponentTests
{
    private static readonly MoneyRounding Usd = MoneyRounding.Commercial(Currency.Usd);

    private static RateTable Accelerating() => new(new[]
    {
        new Tier("Base", 0m, 1.0m, 0.05m),
        new Tier("Accelerator", 1.0m, 1.5m, 0.08m),
        new Tier("Super", 1.5m, null, 0.10m),
    });

    private static decimal Pay(PlanComponent component, decimal credited, decimal? quota, List<StatementLine>? lines = null) =>
        component.Compute(credited, quota, Usd, lines);

    [TestMethod]
    [DataRow(50000, 2500)]       // 50,000 × 5%
    [DataRow(100000, 5000)]      // 100,000 × 5%
    [DataRow(130000, 7400)]      // 5,000 + 30,000 × 8%
    [DataRow(180000, 12000)]     // 5,000 + 50,000 × 8% + 30,000 × 10%
    public void Graduated_tiers_pay_each_band_at_its_own_rate(int credited, int expected)
    {
        var component = new CommissionComponent("rev", "New business", Measure.Revenue, Accelerating());

        Assert.AreEqual((decimal)expected, Pay(component, credited, 100000m));
    }

    [TestMethod]
    [DataRow(50000, 2500)]       // all at 5%
    [DataRow(130000, 10400)]     // all 130,000 at the reached 8%
    [DataRow(180000, 18000)]     // all 180,000 at 10%
    public void Retroactive_tier_pays_whole_amount_at_reached_rate(int credited, int expected)
    {
        var component = new CommissionComponent("rev", "New business", Measure.Revenue, Accelerating(), TierMode.Retroactive);

        Assert.AreEqual((decimal)expected, Pay(component, credited, 100000m));
    }

    [TestMethod]
    public void Decelerator_pays_less_above_quota()
    {
        var table = new RateTable(new[] { new Tier("Base", 0m, 1.0m, 0.05m), new Tier("Decelerated", 1.0m, null, 0.03m) });
        var component = new CommissionComponent("rev", "Renewals", Measure.Revenue, table);
        var lines = new List<StatementLine>();

        // 100,000 × 5% + 50,000 × 3%
        Assert.AreEqual(6500m, Pay(component, 150000m, 100000m, lines));
        Assert.Contains("decelerator", lines[1].Description);
    }

    [TestMethod]
    public void Below_threshold_nothing_is_payable_and_the_line_says_why()
    {
        var component = new CommissionComponent("rev", "New business", Measure.Revenue, Accelerating(), threshold: 0.5m);
        var lines = new List<StatementLine>();

        Assert.AreEqual(0m, Pay(component, 40000m, 100000m, lines));
        Assert.Contains("below the 50% threshold", lines[0].Description);
        Assert.AreEqual(2500m, Pay(component, 50000m, 100000m));
    }

    [TestMethod]
    public void Attainment_cap_stops_counting_credit_above_it()
    {
        var component = new CommissionComponent("rev", "New business", Measure.Revenue, Accelerating(), attainmentCap: 1.2m);

        // counted 120,000: 5,000 + 20,000 × 8%
        Assert.AreEqual(6600m, Pay(component, 130000m, 100000m));
    }

    [TestMethod]
    public void Payout_cap_adds_a_negative_cap_line()
    {
        var component = new CommissionComponent("rev", "New business", Measure.Revenue, Accelerating(), payoutCap: 6000m);
        var lines = new List<StatementLine>();

        Assert.AreEqual(6000m, Pay(component, 130000m, 100000m, lines));
        Assert.AreEqual(StatementLineKind.PayoutCap, lines[^1].Kind);
        Assert.AreEqual(-1400m, lines[^1].Amount);
        Assert.AreEqual(6000m, lines.Sum(l => l.Amount));
    }

    [TestMethod]
    public void Percent_of_revenue_needs_no_quota_and_rounds_once_per_line()
    {
        var component = new CommissionComponent("por", "Percent of revenue", Measure.Revenue, RateTable.Flat(0.05m));
        var lines = new List<StatementLine>();

        // 12,345.67 × 5% = 617.2835 → 617.28
        Assert.AreEqual(617.28m, Pay(component, 12345.67m, null, lines));
        Assert.AreEqual(617.2835m, lines[0].UnroundedAmount);
    }

    [TestMethod]
    public void Target_incentive_pays_ote_times_attainment_times_multiplier()
    {
        var multipliers = new RateTable(new[] { new Tier("Target", 0m, 1.0m, 1.0m), new Tier("Accelerator", 1.0m, null, 2.0m) });
        var component = new TargetIncentiveComponent("ti", "Team target", Measure.Revenue, 20000m, multipliers);

        // 20,000 × 100% × 1 + 20,000 × 12% × 2 = 20,000 + 4,800
        Assert.AreEqual(24800m, Pay(component, 1120000m, 1000000m));
        // retroactive: 20,000 × 112% × 2
        var retro = new TargetIncentiveComponent("ti", "Team target", Measure.Revenue, 20000m, multipliers, TierMode.Retroactive);
        Assert.AreEqual(44800m, Pay(retro, 1120000m, 1000000m));
    }

    [TestMethod]
    public void For_accelerating_tiers_graduated_never_pays_more_than_retroactive()
    {
        var graduated = new CommissionComponent("g", "g", Measure.Revenue, Accelerating());
        var retroactive = new CommissionComponent("r", "r", Measure.Revenue, Accelerating(), TierMode.Retroactive);

        for (var credited = 0m; credited <= 250000m; credited += 1234.57m)
        {
            Assert.IsLessThanOrEqualTo(Pay(retroactive, credited, 100000m), Pay(graduated, credited, 100000m), $"credited {credited}");
        }
    }

    [TestMethod]
    public void Explained_lines_always_sum_to_the_computed_pay()
    {
        var component = new CommissionComponent("rev", "New business", Measure.Revenue, Accelerating(), payoutCap: 9000m);
        for (var credited = 0m; credited <= 250000m; credited += 777.77m)
        {
            var lines = new List<StatementLine>();
            var pay = Pay(component, credited, 98765m, lines);

            Assert.AreEqual(pay, lines.Sum(l => l.Amount), $"credited {credited}");
        }
    }
}
