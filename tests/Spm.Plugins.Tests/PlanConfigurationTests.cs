using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>
/// Issue 9, finding 7: plan configuration is validated when it is saved, so a broken rate table never lands and later
/// wins keep posting. AE-2026's "New business commission" pays 10% up to 100% of quota and 15% above.
/// </summary>
[TestClass]
public sealed class PlanConfigurationTests
{
    private static DateTime Day(int month, int day) => new(2026, month, day);

    [TestMethod]
    public void Adding_a_tier_that_overlaps_the_open_ended_top_tier_is_refused_naming_plan_component_tier_and_value()
    {
        var org = Create(Day(2, 1));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Create(NewTier(Component, "Super accelerator", 150m, null, 20m)));

        Assert.Contains("AE-2026", error.Message);
        Assert.Contains("New business commission", error.Message);
        Assert.Contains("Super accelerator", error.Message);
        Assert.Contains("overlap", error.Message);
        Assert.Contains("spm_topercent", error.Message);
        Assert.Contains("150", error.Message);
        Assert.Contains("first give 'Accelerator' an upper bound", error.Message);
        Assert.AreEqual(2, org.Store.Count(S.PlanTier.Table), "nothing was saved");
    }

    [TestMethod]
    public void Updating_a_tier_rate_to_a_negative_value_is_refused_and_the_stored_rate_is_kept()
    {
        var org = Create(Day(2, 1));
        var baseTier = TierNamed(org, "Base");

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.PlanTier.Table, baseTier.Id) { [S.PlanTier.Rate] = -5m }));

        Assert.Contains("AE-2026", error.Message);
        Assert.Contains("New business commission", error.Message);
        Assert.Contains("'Base'", error.Message);
        Assert.Contains("spm_rate = -5", error.Message);
        Assert.AreEqual(10m, TierNamed(org, "Base").GetAttributeValue<decimal?>(S.PlanTier.Rate));
    }

    [TestMethod]
    public void A_tier_that_ends_where_it_starts_is_refused()
    {
        var org = Create(Day(2, 1));
        var baseTier = TierNamed(org, "Base");

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.PlanTier.Table, baseTier.Id) { [S.PlanTier.ToPercent] = 0m }));

        Assert.Contains("spm_topercent = 0", error.Message);
        Assert.AreEqual(100m, TierNamed(org, "Base").GetAttributeValue<decimal?>(S.PlanTier.ToPercent));
    }

    [TestMethod]
    public void Moving_the_top_tier_up_so_a_gap_opens_below_it_is_refused()
    {
        var org = Create(Day(2, 1));
        var accelerator = TierNamed(org, "Accelerator");

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.PlanTier.Table, accelerator.Id) { [S.PlanTier.FromPercent] = 110m }));

        Assert.Contains("AE-2026", error.Message);
        Assert.Contains("gap", error.Message);
        Assert.Contains("spm_frompercent = 110", error.Message);
        Assert.AreEqual(100m, TierNamed(org, "Accelerator").GetAttributeValue<decimal?>(S.PlanTier.FromPercent));
    }

    [TestMethod]
    public void Deleting_a_middle_tier_that_would_leave_a_gap_is_refused()
    {
        var org = Create(Day(2, 1));
        org.Raw.Update(new Entity(S.PlanTier.Table, TierNamed(org, "Accelerator").Id) { [S.PlanTier.ToPercent] = 150m });
        org.Raw.Create(NewTier(Component, "Super accelerator", 150m, null, 20m));
        var middle = TierNamed(org, "Accelerator");

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Delete(S.PlanTier.Table, middle.Id));

        Assert.Contains("AE-2026", error.Message);
        Assert.Contains("New business commission", error.Message);
        Assert.Contains("deleting tier 'Accelerator'", error.Message);
        Assert.Contains("gap", error.Message);
        Assert.AreEqual(3, org.Store.Count(S.PlanTier.Table), "the tier is still there");
    }

    [TestMethod]
    public void Deleting_the_base_tier_is_refused_because_no_tier_would_start_at_zero()
    {
        var org = Create(Day(2, 1));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Delete(S.PlanTier.Table, TierNamed(org, "Base").Id));

        Assert.Contains("must start at 0%", error.Message);
        Assert.AreEqual(2, org.Store.Count(S.PlanTier.Table));
    }

    [TestMethod]
    public void Deleting_the_only_tier_of_a_component_is_refused()
    {
        var org = Create(Day(2, 1));
        org.Raw.Delete(S.PlanTier.Table, TierNamed(org, "Accelerator").Id);
        org.Raw.Update(new Entity(S.PlanTier.Table, TierNamed(org, "Base").Id) { [S.PlanTier.ToPercent] = null });

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Delete(S.PlanTier.Table, TierNamed(org, "Base").Id));

        Assert.Contains("AE-2026", error.Message);
        Assert.Contains("only tier", error.Message);
        Assert.AreEqual(1, org.Store.Count(S.PlanTier.Table));
    }

    [TestMethod]
    public void The_first_tier_of_a_new_component_must_start_at_zero()
    {
        var org = Create(Day(2, 1));
        var renewals = org.Service.Create(NewComponent("Renewal commission", 2));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Create(NewTier(renewals, "Renewal base", 50m, null, 4m)));

        Assert.Contains("Renewal commission", error.Message);
        Assert.Contains("must start at 0%", error.Message);
        Assert.Contains("spm_frompercent = 50", error.Message);
    }

    [TestMethod]
    public void A_component_is_built_one_tier_at_a_time_from_zero_upwards()
    {
        var org = Create(Day(2, 1));

        // A new component with no tiers yet, then a bounded base, then the open-ended top: each save is accepted.
        var renewals = org.Service.Create(NewComponent("Renewal commission", 2));
        org.Service.Create(NewTier(renewals, "Renewal base", 0m, 100m, 4m));
        org.Service.Create(NewTier(renewals, "Renewal accelerator", 100m, null, 6m));

        Assert.AreEqual(4, org.Store.Count(S.PlanTier.Table));
    }

    [TestMethod]
    public void Adding_a_tier_above_a_gap_is_refused_and_names_where_the_next_tier_must_start()
    {
        var org = Create(Day(2, 1));
        var renewals = org.Service.Create(NewComponent("Renewal commission", 2));
        org.Service.Create(NewTier(renewals, "Renewal base", 0m, 100m, 4m));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Create(NewTier(renewals, "Renewal accelerator", 120m, null, 6m)));

        Assert.Contains("gap", error.Message);
        Assert.Contains("100%", error.Message);
        Assert.Contains("spm_frompercent = 120", error.Message);
    }

    [TestMethod]
    public void Bounding_the_top_tier_and_adding_a_new_top_tier_is_accepted_and_recalculates_a_won_deal()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Alpine Ski House Platform", Ava, 250_000.00m, Day(2, 17));
        // 200,000 × 10% + 50,000 × 15% = 27,500.00.
        Assert.AreEqual(27_500.00m, org.Payable(Ava, "FY2026-Q1"));

        org.Service.Update(new Entity(S.PlanTier.Table, TierNamed(org, "Accelerator").Id) { [S.PlanTier.ToPercent] = 120m });
        org.Service.Create(NewTier(Component, "Super accelerator", 120m, null, 20m));
        org.Pipeline.RunAsyncSteps();

        // 200,000 × 10% + 40,000 × 15% + 10,000 × 20% = 20,000.00 + 6,000.00 + 2,000.00 = 28,000.00.
        Assert.AreEqual(28_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.IsEmpty(org.Pipeline.FailedAsyncOperations);
    }

    [TestMethod]
    public void Changing_a_rate_from_10_to_12_percent_is_accepted_and_recalculates_a_won_deal()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Tailspin Toys Analytics", Ava, 150_000.00m, Day(2, 20));
        Assert.AreEqual(15_000.00m, org.Payable(Ava, "FY2026-Q1"));

        org.Service.Update(new Entity(S.PlanTier.Table, TierNamed(org, "Base").Id) { [S.PlanTier.Rate] = 12m });
        org.Pipeline.RunAsyncSteps();

        // 150,000 × 12% = 18,000.00.
        Assert.AreEqual(18_000.00m, org.Payable(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void Removing_the_accelerator_takes_two_saves_and_recalculates_a_won_deal()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Fourth Coffee Point of Sale", Ava, 250_000.00m, Day(2, 18));
        Assert.AreEqual(27_500.00m, org.Payable(Ava, "FY2026-Q1"));

        // Deleting the open-ended top tier leaves a bounded top (accepted while the table is edited); unbounding Base completes it.
        org.Service.Delete(S.PlanTier.Table, TierNamed(org, "Accelerator").Id);
        org.Service.Update(new Entity(S.PlanTier.Table, TierNamed(org, "Base").Id) { [S.PlanTier.ToPercent] = null });
        org.Pipeline.RunAsyncSteps();

        // 250,000 × 10% = 25,000.00.
        Assert.AreEqual(25_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreEqual(1, org.Store.Count(S.PlanTier.Table));
    }

    [TestMethod]
    public void Checking_a_tier_save_reads_the_component_and_its_tiers_in_two_requests()
    {
        var org = Create(Day(2, 1));
        org.Pipeline.ClearRecords();

        org.Service.Update(new Entity(S.PlanTier.Table, TierNamed(org, "Accelerator").Id) { [S.PlanTier.Rate] = 16m });

        var guard = org.Pipeline.Executions.Single(e => e.PluginTypeName.EndsWith(".PlanConfigurationGuardPlugin", StringComparison.Ordinal));
        Assert.AreEqual(Spm.Dataverse.Registration.PipelineStage.PreOperation, guard.Stage);
        Assert.AreSequenceEqual(new[] { "RetrieveMultiple spm_plantier", "RetrieveMultiple spm_plancomponent" }, guard.Requests.ToArray(), string.Join(Environment.NewLine, guard.Requests));
    }

    [TestMethod]
    public void After_refused_plan_saves_the_next_win_posts_normally()
    {
        var org = Create(Day(2, 1));
        Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Create(NewTier(Component, "Super accelerator", 150m, null, 20m)));
        Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.PlanTier.Table, TierNamed(org, "Base").Id) { [S.PlanTier.Rate] = -5m }));
        Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Delete(S.PlanTier.Table, TierNamed(org, "Base").Id));
        Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.PlanComponent.Table, Component) { [S.PlanComponent.PayoutCap] = new Money(-1_000m) }));
        org.Pipeline.RunAsyncSteps();

        org.WonDeal("Wide World Importers Logistics", Ava, 120_000.00m, Day(2, 24));

        // 120,000 of 200,000 = 60% at 10% = 12,000.00; no asynchronous recalculation was queued by the refused saves.
        Assert.AreEqual(12_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.HasCount(1, org.Ledger(Ava));
        Assert.AreEqual(2, org.Store.Count(S.PlanTier.Table));
        Assert.IsEmpty(org.Pipeline.FailedAsyncOperations);
    }

    [TestMethod]
    public void A_negative_payout_cap_is_refused_naming_the_column_and_value()
    {
        var org = Create(Day(2, 1));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.PlanComponent.Table, Component) { [S.PlanComponent.PayoutCap] = new Money(-1_000m) }));

        Assert.Contains("AE-2026", error.Message);
        Assert.Contains("New business commission", error.Message);
        Assert.Contains("spm_payoutcap = -1000", error.Message);
    }

    [TestMethod]
    public void An_attainment_cap_below_the_threshold_is_refused()
    {
        var org = Create(Day(2, 1));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.PlanComponent.Table, Component) { [S.PlanComponent.Threshold] = 80m, [S.PlanComponent.AttainmentCap] = 50m }));

        Assert.Contains("below its 80% threshold", error.Message);
        Assert.Contains("spm_attainmentcappercent = 50", error.Message);
        Assert.IsNull(org.Raw.Retrieve(S.PlanComponent.Table, Component, new ColumnSet(S.PlanComponent.AttainmentCap)).GetAttributeValue<decimal?>(S.PlanComponent.AttainmentCap));
    }

    [TestMethod]
    public void A_target_incentive_component_without_a_target_amount_is_refused()
    {
        var org = Create(Day(2, 1));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.PlanComponent.Table, Component) { [S.PlanComponent.Kind] = new OptionSetValue(S.PlanComponent.KindTargetIncentive) }));

        Assert.Contains("target incentive", error.Message);
        Assert.Contains("spm_targetincentive", error.Message);
    }

    [TestMethod]
    public void Switching_to_retroactive_tiers_with_a_threshold_is_accepted_and_recalculates()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Coho Winery Expansion", Ava, 250_000.00m, Day(2, 25));

        org.Service.Update(new Entity(S.PlanComponent.Table, Component) { [S.PlanComponent.TierMode] = new OptionSetValue(S.PlanComponent.ModeRetroactive), [S.PlanComponent.Threshold] = 50m });
        org.Pipeline.RunAsyncSteps();

        // 125% attainment reaches the 15% tier, retroactively on all 250,000 = 37,500.00.
        Assert.AreEqual(37_500.00m, org.Payable(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_spiff_whose_last_day_is_before_its_first_day_is_refused()
    {
        var org = Create(Day(2, 1));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Create(NewSpiff("Q1 New Logo Blitz", Day(3, 31), Day(2, 1), 1_000m)));

        Assert.Contains("AE-2026", error.Message);
        Assert.Contains("Q1 New Logo Blitz", error.Message);
        Assert.Contains("spm_lastday = 2026-02-01", error.Message);
        Assert.AreEqual(0, org.Store.Count(S.Spiff.Table));
    }

    [TestMethod]
    public void A_spiff_bonus_edited_to_a_negative_amount_is_refused_and_the_stored_bonus_is_kept()
    {
        var org = Create(Day(2, 1));
        var spiff = org.Service.Create(NewSpiff("Q1 New Logo Blitz", Day(2, 1), Day(3, 31), 1_000m));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.Spiff.Table, spiff) { [S.Spiff.BonusPerDeal] = new Money(-500m) }));

        Assert.Contains("Q1 New Logo Blitz", error.Message);
        Assert.Contains("spm_bonusperdeal = -500", error.Message);
        Assert.AreEqual(1_000m, org.Raw.Retrieve(S.Spiff.Table, spiff, new ColumnSet(S.Spiff.BonusPerDeal)).GetAttributeValue<Money>(S.Spiff.BonusPerDeal).Value);
    }

    [TestMethod]
    public void A_valid_spiff_is_accepted_and_pays_on_a_qualifying_win()
    {
        var org = Create(Day(2, 1));
        org.Service.Create(NewSpiff("Q1 New Logo Blitz", Day(2, 1), Day(3, 31), 1_000m));
        org.Pipeline.RunAsyncSteps();

        org.WonDeal("Litware Onboarding", Ava, 50_000.00m, Day(2, 26));

        // 50,000 × 10% = 5,000.00 plus the 1,000.00 SPIFF.
        Assert.AreEqual(6_000.00m, org.Payable(Ava, "FY2026-Q1"));
    }

    private static Entity TierNamed(SpmOrganization org, string name) =>
        org.Raw.RetrieveMultiple(new QueryExpression(S.PlanTier.Table)
        {
            ColumnSet = new ColumnSet(S.PlanTier.Name, S.PlanTier.FromPercent, S.PlanTier.ToPercent, S.PlanTier.Rate),
            Criteria = { Conditions = { new ConditionExpression(S.PlanTier.Name, ConditionOperator.Equal, name) } },
        }).Entities.Single();

    private static Entity NewTier(Guid component, string name, decimal from, decimal? to, decimal rate)
    {
        var tier = new Entity(S.PlanTier.Table);
        tier[S.PlanTier.Component] = new EntityReference(S.PlanComponent.Table, component);
        tier[S.PlanTier.Name] = name;
        tier[S.PlanTier.FromPercent] = from;
        tier[S.PlanTier.ToPercent] = to;
        tier[S.PlanTier.Rate] = rate;
        return tier;
    }

    private static Entity NewComponent(string name, int order)
    {
        var component = new Entity(S.PlanComponent.Table);
        component[S.PlanComponent.Plan] = new EntityReference(S.CompPlan.Table, Plan);
        component[S.PlanComponent.Name] = name;
        component[S.PlanComponent.Kind] = new OptionSetValue(S.PlanComponent.KindCommission);
        component[S.PlanComponent.Measure] = new OptionSetValue(S.Quota.MeasureBase);
        component[S.PlanComponent.TierMode] = new OptionSetValue(S.PlanComponent.ModeGraduated);
        component[S.PlanComponent.Order] = order;
        return component;
    }

    private static Entity NewSpiff(string name, DateTime firstDay, DateTime lastDay, decimal bonus)
    {
        var spiff = new Entity(S.Spiff.Table);
        spiff[S.Spiff.Plan] = new EntityReference(S.CompPlan.Table, Plan);
        spiff[S.Spiff.Name] = name;
        spiff[S.Spiff.FirstDay] = firstDay;
        spiff[S.Spiff.LastDay] = lastDay;
        spiff[S.Spiff.BonusPerDeal] = new Money(bonus);
        return spiff;
    }
}
