using Spm.Domain;
using Spm.Domain.Money;
using Spm.Domain.Plans;
using Spm.Domain.Quotas;

namespace Spm.Domain.Tests.Plans;

[TestClass]
public sealed class PlanValidationTests
{
    [TestMethod]
    public void Overlapping_tiers_are_rejected_naming_both_tiers_and_the_overlap()
    {
        var error = Assert.ThrowsExactly<SpmRuleException>(() => new RateTable(new[] { new Tier("Base", 0m, 1.1m, 0.05m), new Tier("Accelerator", 1.0m, null, 0.08m) }));

        Assert.Contains("'Base'", error.Message);
        Assert.Contains("'Accelerator'", error.Message);
        Assert.Contains("overlap between 100% and 110%", error.Message);
        Assert.AreEqual("Tier 'Accelerator' From", error.Field);
    }

    [TestMethod]
    public void Gapped_tiers_are_rejected_naming_the_gap()
    {
        var error = Assert.ThrowsExactly<SpmRuleException>(() => new RateTable(new[] { new Tier("Base", 0m, 1.0m, 0.05m), new Tier("Accelerator", 1.1m, null, 0.08m) }));

        Assert.Contains("gap between tier 'Base' (ends at 100%) and tier 'Accelerator' (starts at 110%)", error.Message);
    }

    [TestMethod]
    public void Negative_rate_is_rejected_naming_the_tier()
    {
        var error = Assert.ThrowsExactly<SpmRuleException>(() => new Tier("Base", 0m, null, -0.01m));

        Assert.AreEqual("Tier 'Base' Rate", error.Field);
        Assert.AreEqual(-0.01m, error.Value);
    }

    [TestMethod]
    public void First_tier_must_start_at_zero_and_last_must_be_open_ended()
    {
        Assert.Contains("must start at 0%", Assert.ThrowsExactly<SpmRuleException>(() => new RateTable(new[] { new Tier("Late", 0.5m, null, 0.05m) })).Message);
        Assert.Contains("must be open-ended", Assert.ThrowsExactly<SpmRuleException>(() => new RateTable(new[] { new Tier("Closed", 0m, 2m, 0.05m) })).Message);
    }

    [TestMethod]
    public void Attainment_cap_below_threshold_is_rejected()
    {
        var error = Assert.ThrowsExactly<SpmRuleException>(() => new CommissionComponent("rev", "New business", Measure.Revenue, RateTable.Flat(0.05m), threshold: 0.5m, attainmentCap: 0.4m));

        Assert.Contains("caps counted attainment at 40%, below its 50% threshold", error.Message);
    }

    [TestMethod]
    public void Negative_quota_is_rejected_naming_participant_and_period()
    {
        var q1 = Spm.Domain.Calendar.FiscalCalendar.CalendarYear.Period(Spm.Domain.Calendar.PeriodKind.Quarter, 2026, 1);

        var error = Assert.ThrowsExactly<SpmRuleException>(() => new Quota("ana", q1, Measure.Revenue, -250000m));

        Assert.Contains("ana FY2026-Q1 Revenue", error.Field);
        Assert.AreEqual(-250000m, error.Value);
    }

    [TestMethod]
    public void A_plan_that_can_never_pay_is_rejected()
    {
        var error = Assert.ThrowsExactly<SpmRuleException>(() => new CompPlan("p", "Empty plan", MoneyRounding.Commercial(Currency.Usd), Array.Empty<PlanComponent>()));

        Assert.Contains("can never pay", error.Message);
    }

    [TestMethod]
    public void A_draft_table_may_still_lack_its_open_ended_top_tier()
    {
        var tiers = RateTable.CheckDraft(new[] { new Tier("Accelerator", 1m, 1.2m, 0.15m), new Tier("Base", 0m, 1m, 0.10m) });

        Assert.AreSequenceEqual(new[] { "Base", "Accelerator" }, tiers.Select(t => t.Label).ToArray());
    }

    [TestMethod]
    public void A_draft_table_is_held_to_every_other_rule_of_a_complete_one()
    {
        Assert.Contains("must start at 0%", Assert.ThrowsExactly<SpmRuleException>(() => RateTable.CheckDraft(new[] { new Tier("Late", 0.5m, 1m, 0.05m) })).Message);
        Assert.Contains("gap between tier 'Base' (ends at 100%) and tier 'Accelerator' (starts at 120%)", Assert.ThrowsExactly<SpmRuleException>(() => RateTable.CheckDraft(new[] { new Tier("Base", 0m, 1m, 0.10m), new Tier("Accelerator", 1.2m, 1.5m, 0.15m) })).Message);
        Assert.Contains("tiers overlap", Assert.ThrowsExactly<SpmRuleException>(() => RateTable.CheckDraft(new[] { new Tier("Base", 0m, null, 0.10m), new Tier("Accelerator", 1m, 1.5m, 0.15m) })).Message);
        Assert.Contains("at least one tier", Assert.ThrowsExactly<SpmRuleException>(() => RateTable.CheckDraft(Array.Empty<Tier>())).Message);
    }
}
