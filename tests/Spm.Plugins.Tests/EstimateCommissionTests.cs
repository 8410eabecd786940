using System.Text.Json;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse;
using Spm.Plugins.Steps;
using static Spm.Plugins.Tests.SpmOrganization;

namespace Spm.Plugins.Tests;

[TestClass]
public sealed class EstimateCommissionTests
{
    private static DateTime Day(int month, int day) => new(2026, month, day);

    private static OrganizationRequest WhatIf(decimal amount, DateTime close, Guid? participant = null, Guid? opportunity = null)
    {
        var request = new OrganizationRequest(EstimateCommissionPlugin.MessageName) { ["Amount"] = amount, ["CloseDate"] = close };
        if (participant.HasValue)
        {
            request["ParticipantId"] = participant.Value;
        }

        if (opportunity.HasValue)
        {
            request["OpportunityId"] = opportunity.Value;
        }

        return request;
    }

    [TestMethod]
    public void A_deal_that_crosses_quota_is_estimated_at_the_accelerated_rate_and_nothing_is_written()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        var ledger = org.Ledger().Count;
        org.Pipeline.ClearRecords();

        var response = org.ServiceAs(Ava).Execute(WhatIf(100_000.00m, Day(3, 20)));

        // Today 120,000 = 60% → 12,000.00. With the deal 220,000 = 110%: 200,000 × 10% + 20,000 × 15% = 23,000.00.
        Assert.AreEqual(60.00m, response["CurrentAttainment"]);
        Assert.AreEqual(110.00m, response["ProjectedAttainment"]);
        Assert.AreEqual(12_000.00m, response["CurrentEarnings"]);
        Assert.AreEqual(23_000.00m, response["ProjectedEarnings"]);
        Assert.AreEqual(11_000.00m, response["AdditionalEarnings"]);
        using var lines = JsonDocument.Parse((string)response["Explanation"]);
        Assert.AreEqual(23_000.00m, lines.RootElement.EnumerateArray().Sum(l => l.GetProperty("amount").GetDecimal()));
        Assert.HasCount(ledger, org.Ledger());
        Assert.IsTrue(org.Pipeline.Executions.Single().Requests.All(r => r.StartsWith("Retrieve", StringComparison.Ordinal)), "a what-if only reads");
    }

    [TestMethod]
    public void The_next_tier_says_how_much_more_to_sell()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));

        var response = org.ServiceAs(Ava).Execute(WhatIf(30_000.00m, Day(3, 20)));

        // 150,000 of 200,000: 50,000 more reaches the 15% accelerator.
        Assert.Contains("50,000", (string)response["NextTier"]);
    }

    [TestMethod]
    public void A_manager_may_estimate_for_a_report_but_a_rep_not_for_a_peer()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));

        var forReport = org.ServiceAs(Dana).Execute(WhatIf(10_000.00m, Day(3, 20), Ava));
        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.ServiceAs(Ben).Execute(WhatIf(10_000.00m, Day(3, 20), Ava)));

        Assert.AreEqual(13_000.00m, forReport["ProjectedEarnings"]);
        Assert.Contains("your own earnings or those of people who report to you", error.Message);
    }

    [TestMethod]
    [DataRow(-1.00, "Amount")]
    public void A_negative_amount_is_refused(double amount, string column)
    {
        var org = Create(Day(2, 1));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.ServiceAs(Ava).Execute(WhatIf((decimal)amount, Day(3, 20))));

        Assert.Contains(column, error.Message);
        Assert.Contains("cannot be negative", error.Message);
    }

    [TestMethod]
    public void A_peers_opportunity_and_an_unknown_one_get_the_same_neutral_error_that_names_neither_the_deal_nor_its_owner()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        var peers = org.CreateOpportunity("Fabrikam Field Service", Ben, 90_000.00m, Day(3, 15));
        var unknown = new Guid("0badc0de-0000-4000-8000-0000000000f1");

        var foreign = Assert.ThrowsExactly<DataverseFaultException>(() => org.ServiceAs(Ava).Execute(WhatIf(90_000.00m, Day(3, 20), opportunity: peers)));
        var missing = Assert.ThrowsExactly<DataverseFaultException>(() => org.ServiceAs(Ava).Execute(WhatIf(90_000.00m, Day(3, 20), opportunity: unknown)));

        Assert.AreEqual($"Opportunity {peers} was not found or you cannot estimate it.", foreign.Message);
        Assert.AreEqual($"Opportunity {unknown} was not found or you cannot estimate it.", missing.Message);
        Assert.DoesNotContain("Fabrikam", foreign.Message);
        Assert.DoesNotContain("Ben", foreign.Message);
    }

    [TestMethod]
    public void A_manager_estimating_a_report_cannot_borrow_another_reps_opportunity()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        var bens = org.CreateOpportunity("Fabrikam Field Service", Ben, 90_000.00m, Day(3, 15));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.ServiceAs(Marco).Execute(WhatIf(90_000.00m, Day(3, 20), Ava, bens)));

        Assert.AreEqual($"Opportunity {bens} was not found or you cannot estimate it.", error.Message);
    }

    [TestMethod]
    public void A_rep_estimates_with_their_own_open_opportunity()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        var own = org.CreateOpportunity("Northwind Retail POS", Ava, 100_000.00m, Day(3, 20));

        var response = org.ServiceAs(Ava).Execute(WhatIf(100_000.00m, Day(3, 20), opportunity: own));

        // 220,000 of 200,000: 200,000 × 10% + 20,000 × 15% = 23,000.00.
        Assert.AreEqual(23_000.00m, response["ProjectedEarnings"]);
    }

    [TestMethod]
    public void A_rep_credited_by_a_split_on_a_colleagues_deal_may_estimate_with_it()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 10));
        var bens = org.CreateOpportunity("Fabrikam Field Service", Ben, 100_000.00m, Day(3, 15));
        org.AddSplit(bens, Ava, 100m);

        var response = org.ServiceAs(Ava).Execute(WhatIf(100_000.00m, Day(3, 20), opportunity: bens));

        // Ava takes the whole deal: 220,000 → 23,000.00.
        Assert.AreEqual(23_000.00m, response["ProjectedEarnings"]);
    }
}
