using Spm.Domain.Credits;
using Spm.Domain.Tests.Engine;
using static Spm.Domain.Tests.Engine.DemoOrg;

namespace Spm.Domain.Tests.Credits;

/// <summary>Issue 9, finding 8: editing what a credit is not about (the deal's name, its probability) posts nothing.</summary>
[TestClass]
public sealed class DealEditTests
{
    private static Deal Contoso(string name = "Contoso Fleet Expansion", decimal amount = 48_250.00m, decimal probability = 100m, DateTime? estimatedClose = null) =>
        new Deal("OPP-1201", name, Ava, DealStatus.Won, amount, "USD", null, Day(1, 12), estimatedClose ?? Day(2, 28), Day(2, 10), probability);

    [TestMethod]
    [DataRow("renamed", DisplayName = "renamed to 'Contoso Fleet Expansion – Phase 1'")]
    [DataRow("probability", DisplayName = "probability edited from 100 to 90")]
    [DataRow("estimated close", DisplayName = "estimated close date moved from Feb 28 to Mar 15")]
    public void Editing_a_won_deals_name_probability_or_estimate_posts_no_credit_and_announces_nothing(string edit)
    {
        var org = DemoOrg.Build();
        org.Engine.ApplyDeal(Contoso(), Day(2, 10));

        var edited = edit switch
        {
            "renamed" => Contoso(name: "Contoso Fleet Expansion – Phase 1"),
            "probability" => Contoso(probability: 90m),
            _ => Contoso(estimatedClose: Day(3, 15)),
        };
        var change = org.Engine.ApplyDeal(edited, Day(2, 20));

        // Ava, Marco and Dana keep their one 48,250.00 row each.
        Assert.IsTrue(change.Posting.IsEmpty);
        Assert.IsEmpty(change.Recognitions);
        Assert.AreEqual(3, org.Engine.Ledger.Count);
        Assert.AreEqual(48_250.00m, Assert.ContainsSingle(org.Engine.Ledger.CreditsOf(Ava)).Revenue);
    }

    [TestMethod]
    public void After_a_rename_the_next_real_change_reverses_the_stored_rows_and_posts_new_rows_under_the_new_name()
    {
        var org = DemoOrg.Build();
        org.Engine.ApplyDeal(Contoso(), Day(2, 10));
        org.Engine.ApplyDeal(Contoso(name: "Contoso Fleet Expansion – Phase 1"), Day(2, 20));

        // 48,250.00 → 52,000.00: each row is reversed as stored and re-posted with the name the deal has now.
        var posting = org.Engine.ApplyDeal(Contoso(name: "Contoso Fleet Expansion – Phase 1", amount: 52_000.00m), Day(2, 24)).Posting;

        Assert.HasCount(3, posting.Reversals);
        Assert.IsTrue(posting.Reversals.All(c => c.DealName == "Contoso Fleet Expansion" && c.Revenue == -48_250.00m));
        Assert.HasCount(3, posting.Posted);
        Assert.IsTrue(posting.Posted.All(c => c.DealName == "Contoso Fleet Expansion – Phase 1" && c.Revenue == 52_000.00m));
    }

    [TestMethod]
    public void Drafts_differing_only_in_the_deal_name_credit_the_same_thing_but_a_different_category_does_not()
    {
        var draft = new CreditDraft("OPP-1201", "Contoso Fleet Expansion", Ava, CreditKind.Owner, 1m, Day(2, 10), 48_250.00m, 0m, 0m, 48_250.00m, "New Logo");

        Assert.IsTrue(draft.CreditsSameAs(draft with { DealName = "Contoso Fleet Expansion – Phase 1" }));
        Assert.IsFalse(draft.CreditsSameAs(draft with { Category = "Renewal" }));
        Assert.IsFalse(draft.CreditsSameAs(draft with { Revenue = 48_250.01m }));
    }
}
