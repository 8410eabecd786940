using Spm.Domain.Credits;
using Spm.Domain.Tests.Engine;
using static Spm.Domain.Tests.Engine.DemoOrg;

namespace Spm.Domain.Tests.Credits;

[TestClass]
public sealed class CreditAllocationTests
{
    private static Credit Single(IEnumerable<Credit> credits, string participantId, CreditKind kind) =>
        credits.Single(c => c.ParticipantId == participantId && c.Kind == kind);

    [TestMethod]
    public void Owner_without_splits_receives_100_percent_of_the_deal()
    {
        var org = DemoOrg.Build();

        var change = org.Engine.ApplyDeal(Won("OPP-1001", "Northwind Logistics Renewal", Ava, 48_250.00m, Day(2, 10)), Day(2, 10));

        // Ava owns the deal outright: share 1, revenue 48,250.00.
        var owner = Single(change.Posting.Posted, Ava, CreditKind.Owner);
        Assert.AreEqual(1m, owner.Share);
        Assert.AreEqual(48_250.00m, owner.Revenue);
        Assert.AreEqual(48_250.00m, owner.DealAmount);
        Assert.IsEmpty(change.Posting.Reversals);
    }

    [TestMethod]
    public void Revenue_splits_60_40_conserve_the_deal_total_exactly()
    {
        var org = DemoOrg.Build();
        var deal = Won("OPP-1002", "Contoso Fleet Expansion", Ava, 48_250.55m, Day(2, 12),
            new DealSplit(Ava, 60m, SplitKind.Revenue), new DealSplit(Ben, 40m, SplitKind.Revenue));

        var posted = org.Engine.ApplyDeal(deal, Day(2, 12)).Posting.Posted;

        // 48,250.55 × 60% = 28,950.33; × 40% = 19,300.22; together 48,250.55.
        var ava = Single(posted, Ava, CreditKind.Split);
        var ben = Single(posted, Ben, CreditKind.Split);
        Assert.AreEqual(28_950.33m, ava.Revenue);
        Assert.AreEqual(19_300.22m, ben.Revenue);
        Assert.AreEqual(48_250.55m, ava.Revenue + ben.Revenue);
        Assert.IsEmpty(posted.Where(c => c.Kind == CreditKind.Owner));

        // Marco manages both reps, so he rolls up 60% + 40% = the whole 48,250.55 once.
        var marco = Single(posted, Marco, CreditKind.RollUp);
        Assert.AreEqual(1m, marco.Share);
        Assert.AreEqual(48_250.55m, marco.Revenue);
    }

    [TestMethod]
    public void Revenue_splits_that_do_not_total_100_percent_are_rejected_naming_the_deal_and_the_total()
    {
        var org = DemoOrg.Build();
        var deal = Won("OPP-1003", "Fabrikam Data Platform", Ava, 72_000.00m, Day(3, 2),
            new DealSplit(Ava, 50m, SplitKind.Revenue), new DealSplit(Ben, 40m, SplitKind.Revenue));

        var error = Assert.ThrowsExactly<SpmRuleException>(() => org.Engine.ApplyDeal(deal, Day(3, 2)));

        // 50% + 40% = 90%.
        Assert.AreEqual("CreditSplit.Percent of 'Fabrikam Data Platform'", error.Field);
        Assert.AreEqual(90m, error.Value);
        Assert.Contains("Fabrikam Data Platform", error.Message);
        Assert.Contains("total 90%", error.Message);
        Assert.AreEqual(0, org.Engine.Ledger.Count);
    }

    [TestMethod]
    public void Overlay_credit_of_25_percent_comes_on_top_of_the_owners_100_percent()
    {
        var org = DemoOrg.Build();
        var deal = Won("OPP-1004", "Tailspin Analytics Suite", Ava, 48_250.00m, Day(2, 18), new DealSplit(Sam, 25m, SplitKind.Overlay));

        var posted = org.Engine.ApplyDeal(deal, Day(2, 18)).Posting.Posted;

        // Ava keeps 100% (48,250.00); Sam's overlay is 25% of 48,250.00 = 12,062.50.
        Assert.AreEqual(48_250.00m, Single(posted, Ava, CreditKind.Owner).Revenue);
        var overlay = Single(posted, Sam, CreditKind.Overlay);
        Assert.AreEqual(0.25m, overlay.Share);
        Assert.AreEqual(12_062.50m, overlay.Revenue);

        // Overlays do not roll up: Dana gets Ava's 100% through Marco, not 125%.
        Assert.AreEqual(48_250.00m, Single(posted, Dana, CreditKind.RollUp).Revenue);
    }

    [TestMethod]
    public void Manager_and_director_receive_roll_up_credit_for_the_whole_chain()
    {
        var org = DemoOrg.Build();

        var posted = org.Engine.ApplyDeal(Won("OPP-1005", "Litware Security Bundle", Ben, 31_480.75m, Day(1, 22)), Day(1, 22)).Posting.Posted;

        // Ben → Marco → Dana: both managers get 31,480.75.
        Assert.HasCount(3, posted);
        Assert.AreEqual(31_480.75m, Single(posted, Marco, CreditKind.RollUp).Revenue);
        Assert.AreEqual(31_480.75m, Single(posted, Dana, CreditKind.RollUp).Revenue);
    }

    [TestMethod]
    public void No_roll_up_policy_credits_only_the_owner()
    {
        var org = DemoOrg.Build(rollUp: RollUpPolicy.None);

        var posted = org.Engine.ApplyDeal(Won("OPP-1006", "Adventure Works POS", Ben, 31_480.75m, Day(1, 22)), Day(1, 22)).Posting.Posted;

        var only = Assert.ContainsSingle(posted);
        Assert.AreEqual(Ben, only.ParticipantId);
        Assert.AreEqual(CreditKind.Owner, only.Kind);
        Assert.AreEqual(31_480.75m, only.Revenue);
    }

    [TestMethod]
    public void Euro_deal_is_credited_in_base_currency_at_its_exchange_rate_rounded_to_cents()
    {
        var org = DemoOrg.Build();
        var deal = new Deal("OPP-1007", "Bayer Expansion", Ava, DealStatus.Won, 50_000.00m, "EUR", 0.9215m, Day(1, 5), Day(2, 20), Day(2, 20));

        var owner = Single(org.Engine.ApplyDeal(deal, Day(2, 20)).Posting.Posted, Ava, CreditKind.Owner);

        // 50,000.00 / 0.9215 = 54,259.3597… → 54,259.36 USD.
        Assert.AreEqual(54_259.36m, owner.Revenue);
        Assert.AreEqual(54_259.36m, owner.DealAmount);
    }

    [TestMethod]
    public void Euro_deal_without_an_exchange_rate_is_rejected_naming_the_field()
    {
        var org = DemoOrg.Build();
        var deal = new Deal("OPP-1008", "Siemens Retrofit", Ava, DealStatus.Won, 50_000.00m, "EUR", null, Day(1, 5), Day(2, 20), Day(2, 20));

        var error = Assert.ThrowsExactly<SpmRuleException>(() => org.Engine.ApplyDeal(deal, Day(2, 20)));

        Assert.AreEqual("Deal.ExchangeRate of 'Siemens Retrofit'", error.Field);
        Assert.Contains("EUR", error.Message);
        Assert.AreEqual(0, org.Engine.Ledger.Count);
    }

    [TestMethod]
    [DataRow(2025, 12, 31)]
    [DataRow(2027, 1, 4)]
    public void Credit_dated_outside_the_defined_periods_is_rejected(int year, int month, int day)
    {
        var org = DemoOrg.Build();
        var closed = new DateTime(year, month, day);
        var deal = new Deal("OPP-1009", "Wingtip Toys Rollout", Ava, DealStatus.Won, 18_900.00m, "USD", null, closed.AddDays(-20), closed, closed);

        var error = Assert.ThrowsExactly<SpmRuleException>(() => org.Engine.ApplyDeal(deal, closed));

        Assert.AreEqual("Credit date (actual close date) of deal 'Wingtip Toys Rollout'", error.Field);
        Assert.AreEqual(closed, error.Value);
        Assert.Contains("falls in no defined period", error.Message);
    }

    [TestMethod]
    public void Deal_owned_by_someone_who_is_not_a_participant_is_saved_and_credits_nobody()
    {
        var org = DemoOrg.Build();
        var deal = Won("OPP-1010", "Proseware Migration", "ghost", 12_500.00m, Day(2, 3));

        // This used to throw "not an SPM participant"; issue 9 (finding 9): a deal owned by a sales admin or another
        // non-participant must not block the save, it is simply not credited (CreditEligibilityTests has the rules).
        var change = org.Engine.ApplyDeal(deal, Day(2, 3));

        Assert.IsTrue(change.Posting.IsEmpty);
        Assert.AreEqual(0, org.Engine.Ledger.Count);
        Assert.AreEqual(deal, org.Engine.FindDeal("OPP-1010"));
    }

    [TestMethod]
    public void Posting_the_same_deal_twice_appends_nothing()
    {
        var org = DemoOrg.Build();
        var deal = Won("OPP-1011", "Northwind Logistics Renewal", Ava, 48_250.00m, Day(2, 10));
        org.Engine.ApplyDeal(deal, Day(2, 10));
        var count = org.Engine.Ledger.Count;

        var again = org.Engine.ApplyDeal(deal, Day(2, 14));

        Assert.IsTrue(again.Posting.IsEmpty);
        Assert.AreEqual(3, count);
        Assert.AreEqual(count, org.Engine.Ledger.Count);
    }

    [TestMethod]
    [DataRow("reopened")]
    [DataRow("lost")]
    [DataRow("deleted")]
    public void Withdrawn_deal_appends_reversals_keeps_both_entries_and_nets_to_zero(string how)
    {
        var org = DemoOrg.Build();
        var deal = Won("OPP-1012", "Contoso Fleet Expansion", Ava, 48_250.00m, Day(2, 10));
        org.Engine.ApplyDeal(deal, Day(2, 10));

        var change = how switch
        {
            "reopened" => org.Engine.ApplyDeal(Reopened(deal), Day(2, 25)),
            "lost" => org.Engine.ApplyDeal(LostVersionOf(deal, Day(2, 25)), Day(2, 25)),
            _ => org.Engine.RemoveDeal(deal.Id, Day(2, 25)),
        };

        // 3 originals (Ava, Marco, Dana) + 3 reversals = 6 entries; each participant nets 48,250.00 − 48,250.00 = 0.
        Assert.IsEmpty(change.Posting.Posted);
        Assert.HasCount(3, change.Posting.Reversals);
        Assert.AreEqual(6, org.Engine.Ledger.Count);
        foreach (var id in new[] { Ava, Marco, Dana })
        {
            var credits = org.Engine.Ledger.CreditsOf(id);
            Assert.HasCount(2, credits);
            Assert.AreEqual(48_250.00m, credits[0].Revenue);
            Assert.AreEqual(-48_250.00m, credits[1].Revenue);
            Assert.AreEqual(credits[0].Id, credits[1].ReversalOfId);
            Assert.AreEqual(0m, credits.Sum(c => c.Revenue));
        }

        Assert.IsEmpty(org.Engine.Ledger.ActiveCreditsOf(deal.Id));
    }

    [TestMethod]
    public void Reassigning_the_owner_moves_the_credit_and_leaves_the_shared_managers_roll_up_untouched()
    {
        var org = DemoOrg.Build();
        var deal = Won("OPP-1013", "Litware Security Bundle", Ava, 64_300.00m, Day(3, 9));
        org.Engine.ApplyDeal(deal, Day(3, 9));

        var reassigned = Won("OPP-1013", "Litware Security Bundle", Ben, 64_300.00m, Day(3, 9));
        var posting = org.Engine.ApplyDeal(reassigned, Day(3, 16)).Posting;

        // Ava: +64,300.00 − 64,300.00; Ben: +64,300.00; Marco and Dana keep their single roll-up entry.
        var reversal = Assert.ContainsSingle(posting.Reversals);
        Assert.AreEqual(Ava, reversal.ParticipantId);
        Assert.AreEqual(-64_300.00m, reversal.Revenue);
        var posted = Assert.ContainsSingle(posting.Posted);
        Assert.AreEqual(Ben, posted.ParticipantId);
        Assert.AreEqual(64_300.00m, posted.Revenue);
        Assert.AreEqual(0m, org.Engine.Ledger.CreditsOf(Ava).Sum(c => c.Revenue));
        Assert.AreEqual(64_300.00m, Assert.ContainsSingle(org.Engine.Ledger.CreditsOf(Marco)).Revenue);
        Assert.AreEqual(64_300.00m, Assert.ContainsSingle(org.Engine.Ledger.CreditsOf(Dana)).Revenue);
    }
}
