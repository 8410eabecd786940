using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse;
using Spm.Plugins.Steps;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>
/// Issue 9: moving, adding or deleting a plan assignment, or re-pointing a quota to another participant or period,
/// re-derives the open statements on both sides at once. Locked periods stay as they were locked.
/// </summary>
[TestClass]
public sealed class PlanAssignmentAndQuotaTests
{
    private static DateTime Day(int month, int day) => new(2026, month, day);

    [TestMethod]
    public void Moving_a_plan_assignment_from_Ava_to_Ben_moves_the_earnings_with_it()
    {
        var org = Create(Day(1, 5));
        org.Raw.Delete(S.PlanAssignment.Table, Assignment(org, Ben));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        org.WonDeal("Margie's Travel Renewal", Ben, 50_000.00m, Day(2, 12));
        Assert.AreEqual(12_000.00m, org.Payable(Ava, "FY2026-Q1"));
        // Ben has no plan yet: his statement shows the credit and nothing payable (it also carries his totals snapshot).
        Assert.AreEqual(50_000.00m, org.Credited(Ben, "FY2026-Q1"));
        Assert.AreEqual(0.00m, org.Payable(Ben, "FY2026-Q1"));
        Assert.IsNull(org.Statement(Ben, "FY2026-Q1")!.GetAttributeValue<EntityReference>(S.Statement.Plan));

        org.Today(Day(3, 2));
        org.Service.Update(new Entity(S.PlanAssignment.Table, Assignment(org, Ava)) { [S.PlanAssignment.Participant] = new EntityReference(S.SystemUser.Table, Ben) });

        // Ava keeps her credit but has no plan in Q1: nothing earned, nothing payable, no plan on the statement.
        var ava = org.Statement(Ava, "FY2026-Q1")!;
        Assert.AreEqual(120_000.00m, ava.GetAttributeValue<Money>(S.Statement.Credited).Value);
        Assert.AreEqual(0m, ava.GetAttributeValue<Money>(S.Statement.Earned).Value);
        Assert.AreEqual(0m, ava.GetAttributeValue<Money>(S.Statement.TotalPayable).Value);
        Assert.IsNull(PlanOf(org, ava));

        // Ben: 50,000.00 of 200,000.00 = 25% at 10% = 5,000.00, on AE-2026.
        var ben = org.Statement(Ben, "FY2026-Q1")!;
        Assert.AreEqual(50_000.00m, ben.GetAttributeValue<Money>(S.Statement.Credited).Value);
        Assert.AreEqual(25.00m, ben.GetAttributeValue<decimal?>(S.Statement.AttainmentPercent));
        Assert.AreEqual(5_000.00m, ben.GetAttributeValue<Money>(S.Statement.TotalPayable).Value);
        Assert.AreEqual(Plan, PlanOf(org, ben));
    }

    [TestMethod]
    public void Deleting_a_plan_assignment_clears_the_earnings_of_the_open_statements()
    {
        var org = Create(Day(1, 5));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        org.WonDeal("Northwind Retail POS", Ava, 30_000.00m, Day(5, 5));
        Assert.AreEqual(12_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreEqual(3_000.00m, org.Payable(Ava, "FY2026-Q2"));

        org.Today(Day(5, 10));
        org.Service.Delete(S.PlanAssignment.Table, Assignment(org, Ava));

        foreach (var period in new[] { "FY2026-Q1", "FY2026-Q2" })
        {
            var statement = org.Statement(Ava, period)!;
            Assert.AreEqual(0m, statement.GetAttributeValue<Money>(S.Statement.Earned).Value, period);
            Assert.AreEqual(0m, statement.GetAttributeValue<Money>(S.Statement.TotalPayable).Value, period);
            Assert.IsNull(PlanOf(org, statement), period);
        }

        Assert.AreEqual(120_000.00m, org.Credited(Ava, "FY2026-Q1"));
        Assert.AreEqual(30_000.00m, org.Credited(Ava, "FY2026-Q2"));
    }

    [TestMethod]
    public void Moving_an_assignment_start_into_the_next_quarter_clears_the_earlier_quarter_only()
    {
        var org = Create(Day(1, 5));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        org.WonDeal("Northwind Retail POS", Ava, 30_000.00m, Day(5, 5));

        org.Today(Day(5, 10));
        org.Service.Update(new Entity(S.PlanAssignment.Table, Assignment(org, Ava)) { [S.PlanAssignment.EffectiveFrom] = Day(4, 1) });

        Assert.AreEqual(0m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreEqual(3_000.00m, org.Payable(Ava, "FY2026-Q2"));
    }

    [TestMethod]
    public void Assigning_a_plan_derives_the_reps_open_statements_at_once()
    {
        var org = Create(Day(1, 5));
        org.Raw.Delete(S.PlanAssignment.Table, Assignment(org, Ben));
        org.WonDeal("Margie's Travel Renewal", Ben, 50_000.00m, Day(2, 12));
        Assert.AreEqual(0.00m, org.Payable(Ben, "FY2026-Q1"), "no plan, nothing payable yet");

        org.Today(Day(2, 20));
        var assignment = new Entity(S.PlanAssignment.Table);
        assignment[S.PlanAssignment.Participant] = new EntityReference(S.SystemUser.Table, Ben);
        assignment[S.PlanAssignment.Plan] = new EntityReference(S.CompPlan.Table, Plan);
        assignment[S.PlanAssignment.EffectiveFrom] = Day(1, 1);
        org.Service.Create(assignment);

        Assert.AreEqual(50_000.00m, org.Credited(Ben, "FY2026-Q1"));
        Assert.AreEqual(5_000.00m, org.Payable(Ben, "FY2026-Q1"));
    }

    [TestMethod]
    public void Assigning_a_plan_before_the_later_quarters_have_quotas_derives_only_the_quarters_with_credit()
    {
        var org = Create(Day(1, 5));
        org.Raw.Delete(S.PlanAssignment.Table, Assignment(org, Ben));
        org.Raw.Delete(S.Quota.Table, Quota(org, Ben, "FY2026-Q3"));
        org.Raw.Delete(S.Quota.Table, Quota(org, Ben, "FY2026-Q4"));
        org.WonDeal("Margie's Travel Renewal", Ben, 50_000.00m, Day(2, 12));

        org.Today(Day(2, 20));
        var assignment = new Entity(S.PlanAssignment.Table);
        assignment[S.PlanAssignment.Participant] = new EntityReference(S.SystemUser.Table, Ben);
        assignment[S.PlanAssignment.Plan] = new EntityReference(S.CompPlan.Table, Plan);
        assignment[S.PlanAssignment.EffectiveFrom] = Day(1, 1);
        org.Service.Create(assignment);

        // Q3 and Q4 have neither credit nor a statement yet, so their missing quotas are not needed today.
        Assert.AreEqual(5_000.00m, org.Payable(Ben, "FY2026-Q1"));
        Assert.IsNull(org.Statement(Ben, "FY2026-Q3"));
        Assert.IsNull(org.Statement(Ben, "FY2026-Q4"));
    }

    [TestMethod]
    public void Deleting_an_assignment_never_rewrites_a_locked_periods_statement()
    {
        var org = Create(Day(1, 5));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        org.WonDeal("Northwind Retail POS", Ava, 30_000.00m, Day(5, 5));
        org.SetPeriodStatus("FY2026-Q1", S.Period.StatusLocked, Day(4, 2));
        org.Pipeline.RunAsyncSteps();

        org.Today(Day(5, 10));
        org.Service.Delete(S.PlanAssignment.Table, Assignment(org, Ava));

        var locked = org.Statement(Ava, "FY2026-Q1")!;
        Assert.IsTrue(locked.GetAttributeValue<bool>(S.Statement.Frozen));
        Assert.AreEqual(12_000.00m, locked.GetAttributeValue<Money>(S.Statement.TotalPayable).Value);
        Assert.AreEqual(0m, org.Payable(Ava, "FY2026-Q2"));
    }

    [TestMethod]
    public void Saving_an_assignment_without_a_change_writes_nothing()
    {
        var org = Create(Day(1, 5));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        org.Pipeline.ClearRecords();

        org.Service.Update(new Entity(S.PlanAssignment.Table, Assignment(org, Ava)) { [S.PlanAssignment.Participant] = new EntityReference(S.SystemUser.Table, Ava), [S.PlanAssignment.EffectiveFrom] = Day(1, 1) });

        var step = org.Pipeline.Executions.Single(e => e.PluginTypeName.Contains(nameof(PlanAssignmentPlugin), StringComparison.Ordinal));
        Assert.IsEmpty(step.Requests, string.Join(Environment.NewLine, step.Requests));
        Assert.AreEqual(12_000.00m, org.Payable(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void Repointing_a_quota_from_Ava_to_Ben_rederives_both_statements()
    {
        var org = Create(Day(1, 5));
        MakePlanFlat(org);
        org.Raw.Delete(S.Quota.Table, Quota(org, Ben, "FY2026-Q1"));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        org.WonDeal("Margie's Travel Renewal", Ben, 50_000.00m, Day(2, 12));
        Assert.AreEqual(60.00m, org.Statement(Ava, "FY2026-Q1")!.GetAttributeValue<decimal?>(S.Statement.AttainmentPercent));
        Assert.IsNull(org.Statement(Ben, "FY2026-Q1")!.GetAttributeValue<Money>(S.Statement.Quota));

        org.Today(Day(3, 2));
        org.Service.Update(new Entity(S.Quota.Table, Quota(org, Ava, "FY2026-Q1")) { [S.Quota.Participant] = new EntityReference(S.SystemUser.Table, Ben) });

        // A flat 10% plan pays the same either way; the quota and attainment follow the row to Ben.
        var ava = org.Statement(Ava, "FY2026-Q1")!;
        Assert.IsNull(ava.GetAttributeValue<Money>(S.Statement.Quota));
        Assert.IsNull(ava.GetAttributeValue<decimal?>(S.Statement.AttainmentPercent));
        Assert.AreEqual(12_000.00m, ava.GetAttributeValue<Money>(S.Statement.TotalPayable).Value);
        var ben = org.Statement(Ben, "FY2026-Q1")!;
        Assert.AreEqual(200_000.00m, ben.GetAttributeValue<Money>(S.Statement.Quota).Value);
        Assert.AreEqual(25.00m, ben.GetAttributeValue<decimal?>(S.Statement.AttainmentPercent));
        Assert.AreEqual(5_000.00m, ben.GetAttributeValue<Money>(S.Statement.TotalPayable).Value);
    }

    [TestMethod]
    public void Repointing_away_the_only_quota_of_a_rep_whose_plan_needs_one_is_refused_naming_her()
    {
        var org = Create(Day(1, 5));
        org.Raw.Delete(S.Quota.Table, Quota(org, Ben, "FY2026-Q1"));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        var quota = Quota(org, Ava, "FY2026-Q1");

        org.Today(Day(3, 2));
        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.Quota.Table, quota) { [S.Quota.Participant] = new EntityReference(S.SystemUser.Table, Ben) }));

        Assert.Contains("Ava Chen has no Revenue quota for FY2026-Q1", error.Message);
        Assert.AreEqual(Ava, org.Raw.Retrieve(S.Quota.Table, quota, new ColumnSet(S.Quota.Participant)).GetAttributeValue<EntityReference>(S.Quota.Participant).Id);
        Assert.AreEqual(12_000.00m, org.Payable(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void Repointing_a_quota_out_of_a_locked_period_is_refused()
    {
        var org = Create(Day(1, 5));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        org.SetPeriodStatus("FY2026-Q1", S.Period.StatusLocked, Day(4, 2));
        org.Pipeline.RunAsyncSteps();
        org.Raw.Delete(S.Quota.Table, Quota(org, Ava, "FY2026-Q2"));
        var quota = Quota(org, Ava, "FY2026-Q1");

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.Quota.Table, quota) { [S.Quota.Period] = new EntityReference(S.Period.Table, org.Periods["FY2026-Q2"]) }));

        Assert.Contains("FY2026-Q1 is Locked: its quotas and statements are final. Record the change as an adjustment in FY2026-Q2 instead.", error.Message);
        Assert.AreEqual(org.Periods["FY2026-Q1"], org.Raw.Retrieve(S.Quota.Table, quota, new ColumnSet(S.Quota.Period)).GetAttributeValue<EntityReference>(S.Quota.Period).Id);
        Assert.AreEqual(12_000.00m, org.Payable(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void Repointing_a_quota_into_a_locked_period_is_refused()
    {
        var org = Create(Day(1, 5));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        org.SetPeriodStatus("FY2026-Q1", S.Period.StatusLocked, Day(4, 2));
        org.Pipeline.RunAsyncSteps();
        org.Raw.Delete(S.Quota.Table, Quota(org, Ben, "FY2026-Q1"));
        var quota = Quota(org, Ava, "FY2026-Q2");

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.Quota.Table, quota)
        {
            [S.Quota.Participant] = new EntityReference(S.SystemUser.Table, Ben),
            [S.Quota.Period] = new EntityReference(S.Period.Table, org.Periods["FY2026-Q1"]),
        }));

        Assert.Contains("FY2026-Q1 is Locked: its quotas and statements are final.", error.Message);
        Assert.AreEqual(Ava, org.Raw.Retrieve(S.Quota.Table, quota, new ColumnSet(S.Quota.Participant)).GetAttributeValue<EntityReference>(S.Quota.Participant).Id);
    }

    private static Guid Assignment(SpmOrganization org, Guid participant) =>
        org.Raw.RetrieveMultiple(new QueryExpression(S.PlanAssignment.Table)
        {
            Criteria = { Conditions = { new ConditionExpression(S.PlanAssignment.Participant, ConditionOperator.Equal, participant) } },
        }).Entities.Single().Id;

    private static Guid Quota(SpmOrganization org, Guid participant, string period) =>
        org.Raw.RetrieveMultiple(new QueryExpression(S.Quota.Table)
        {
            Criteria =
            {
                Conditions =
                {
                    new ConditionExpression(S.Quota.Participant, ConditionOperator.Equal, participant),
                    new ConditionExpression(S.Quota.Period, ConditionOperator.Equal, org.Periods[period]),
                },
            },
        }).Entities.Single().Id;

    private static Guid? PlanOf(SpmOrganization org, Entity statement) =>
        org.Raw.Retrieve(S.Statement.Table, statement.Id, new ColumnSet(S.Statement.Plan)).GetAttributeValue<EntityReference>(S.Statement.Plan)?.Id;

    /// <summary>AE-2026 as a flat 10% of revenue: one tier with no upper bound, so no quota is needed to pay it.</summary>
    private static void MakePlanFlat(SpmOrganization org)
    {
        foreach (var tier in org.Raw.RetrieveMultiple(new QueryExpression(S.PlanTier.Table) { ColumnSet = new ColumnSet(S.PlanTier.FromPercent) }).Entities)
        {
            if (tier.GetAttributeValue<decimal?>(S.PlanTier.FromPercent) == 0m)
            {
                org.Raw.Update(new Entity(S.PlanTier.Table, tier.Id) { [S.PlanTier.ToPercent] = null });
            }
            else
            {
                org.Raw.Delete(S.PlanTier.Table, tier.Id);
            }
        }
    }
}
