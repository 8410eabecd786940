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

    private static OrganizationRequest WhatIf(decimal amount, DateTime close, Guid? participant = null)
    {
        var request = new OrganizationRequest(EstimateCommissionPlugin.MessageName) { ["Amount"] = amount, ["CloseDate"] = close };
        if (participant.HasValue)
        {
            request["ParticipantId"] = participant.Value;
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
}
