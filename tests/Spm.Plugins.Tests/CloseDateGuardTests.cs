using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse;
using Spm.Plugins.Steps;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>Issue 9: a won deal's Actual Close Date dates its credit, so it cannot be cleared or moved outside the defined periods.</summary>
[TestClass]
public sealed class CloseDateGuardTests
{
    private static DateTime Day(int month, int day) => new(2026, month, day);

    [TestMethod]
    public void Clearing_the_close_date_of_a_won_deal_is_refused_and_nothing_changes()
    {
        var org = Create(Day(1, 5));
        var deal = org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        var ledgerBefore = org.Ledger(Ava).Count;
        org.Today(Day(4, 6));
        org.Pipeline.ClearRecords();

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.Opportunity.Table, deal) { [S.Opportunity.ActualCloseDate] = null, [S.Opportunity.Name] = "Contoso Analytics Suite (renamed)" }));

        Assert.Contains("Actual Close Date of 'Contoso Analytics Suite' cannot be cleared while the opportunity is won", error.Message);
        Assert.Contains("Reopen the opportunity first", error.Message);

        // Refused at PreOperation from the Target and the pre-image alone: no request, and the credit step never ran.
        var guard = org.Pipeline.Executions.Single(e => e.PluginTypeName.Contains(nameof(OpportunityCloseDateGuardPlugin), StringComparison.Ordinal));
        Assert.AreEqual(Spm.Dataverse.Registration.PipelineStage.PreOperation, guard.Stage);
        Assert.IsEmpty(guard.Requests);
        Assert.DoesNotContain(e => e.PluginTypeName.Contains(nameof(OpportunityCreditPlugin), StringComparison.Ordinal), org.Pipeline.Executions);
        var stored = org.Raw.Retrieve(S.Opportunity.Table, deal, new ColumnSet(S.Opportunity.ActualCloseDate, S.Opportunity.Name));
        Assert.AreEqual(Day(2, 10), stored.GetAttributeValue<DateTime?>(S.Opportunity.ActualCloseDate));
        Assert.AreEqual("Contoso Analytics Suite", stored.GetAttributeValue<string>(S.Opportunity.Name));
        Assert.HasCount(ledgerBefore, org.Ledger(Ava));
        Assert.AreEqual(120_000.00m, org.Credited(Ava, "FY2026-Q1"));
        Assert.AreEqual(12_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.IsNull(org.Statement(Ava, "FY2026-Q2"));
    }

    [TestMethod]
    public void A_won_deal_saved_on_two_later_days_keeps_its_credit_date()
    {
        var org = Create(Day(1, 5));
        var deal = org.WonDeal("Fabrikam Field Service", Ava, 48_250.00m, Day(2, 12));

        org.Today(Day(4, 6));
        Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.Opportunity.Table, deal) { [S.Opportunity.ActualCloseDate] = null }));
        org.Service.Update(new Entity(S.Opportunity.Table, deal) { [S.Opportunity.Category] = "Field Service" });
        org.Today(Day(5, 4));
        org.Service.Update(new Entity(S.Opportunity.Table, deal) { [S.Opportunity.Name] = "Fabrikam Field Service (FY26)" });

        // Every credit row of the deal, reversals included, is still dated 12 February: the credit never left Q1.
        var dates = org.Ledger(Ava).Select(r => r.GetAttributeValue<DateTime>(S.Credit.CreditDate)).Distinct().ToArray();
        Assert.AreSequenceEqual(new[] { Day(2, 12) }, dates);
        Assert.AreEqual(48_250.00m, org.Credited(Ava, "FY2026-Q1"));
        Assert.AreEqual(4_825.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreEqual(0m, org.Credited(Ava, "FY2026-Q2"));
    }

    [TestMethod]
    public void Moving_the_close_date_of_a_won_deal_outside_every_defined_period_is_refused_naming_the_deal_and_the_periods()
    {
        var org = Create(Day(1, 5));
        var deal = org.WonDeal("Tailspin Toys Rollout", Ben, 30_000.00m, Day(3, 3));
        org.Today(Day(3, 20));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Update(new Entity(S.Opportunity.Table, deal) { [S.Opportunity.ActualCloseDate] = new DateTime(2027, 2, 1) }));

        // Refused by the posting in the same transaction, with the domain's PeriodBook message: no extra read in the guard.
        Assert.Contains("Credit date (actual close date) of deal 'Tailspin Toys Rollout' 2027-02-01 falls in no defined period (defined: FY2026-Q1 2026-01-01 to FY2026-Q4 ending 2026-12-31)", error.Message);
        Assert.AreEqual(Day(3, 3), org.Raw.Retrieve(S.Opportunity.Table, deal, new ColumnSet(S.Opportunity.ActualCloseDate)).GetAttributeValue<DateTime?>(S.Opportunity.ActualCloseDate));
        Assert.AreEqual(3_000.00m, org.Payable(Ben, "FY2026-Q1"));
    }

    [TestMethod]
    public void Moving_the_close_date_of_a_won_deal_to_another_defined_period_moves_its_credit()
    {
        var org = Create(Day(1, 5));
        var deal = org.WonDeal("Tailspin Toys Rollout", Ben, 30_000.00m, Day(3, 30));
        org.Today(Day(4, 2));

        org.Service.Update(new Entity(S.Opportunity.Table, deal) { [S.Opportunity.ActualCloseDate] = Day(4, 1) });

        Assert.AreEqual(0m, org.Credited(Ben, "FY2026-Q1"));
        Assert.AreEqual(30_000.00m, org.Credited(Ben, "FY2026-Q2"));
        Assert.AreEqual(3_000.00m, org.Payable(Ben, "FY2026-Q2"));
    }

    [TestMethod]
    public void Reopening_a_won_deal_may_clear_its_close_date_in_the_same_save()
    {
        var org = Create(Day(1, 5));
        var deal = org.WonDeal("Adventure Works Upgrade", Ava, 60_000.00m, Day(2, 20));
        org.Today(Day(2, 25));

        org.Service.Update(new Entity(S.Opportunity.Table, deal)
        {
            [S.Opportunity.State] = new OptionSetValue(S.Opportunity.StateOpen),
            [S.Opportunity.Status] = new OptionSetValue(1),
            [S.Opportunity.ActualCloseDate] = null,
        });

        Assert.IsNull(org.Raw.Retrieve(S.Opportunity.Table, deal, new ColumnSet(S.Opportunity.ActualCloseDate)).GetAttributeValue<DateTime?>(S.Opportunity.ActualCloseDate));
        Assert.AreEqual(0m, org.Credited(Ava, "FY2026-Q1"));
        Assert.AreEqual(0m, org.Payable(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void The_close_date_of_an_open_deal_can_be_cleared()
    {
        var org = Create(Day(1, 5));
        var deal = org.CreateOpportunity("Lucerne Publishing Pilot", Ava, 25_000.00m, Day(3, 15));
        org.Service.Update(new Entity(S.Opportunity.Table, deal) { [S.Opportunity.ActualCloseDate] = Day(3, 1) });

        org.Service.Update(new Entity(S.Opportunity.Table, deal) { [S.Opportunity.ActualCloseDate] = null });

        Assert.IsNull(org.Raw.Retrieve(S.Opportunity.Table, deal, new ColumnSet(S.Opportunity.ActualCloseDate)).GetAttributeValue<DateTime?>(S.Opportunity.ActualCloseDate));
        Assert.IsEmpty(org.Ledger(Ava));
    }
}
