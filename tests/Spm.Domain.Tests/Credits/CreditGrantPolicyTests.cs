using Spm.Domain;
using Spm.Domain.Credits;

namespace Spm.Domain.Tests.Credits;

[TestClass]
public sealed class CreditGrantPolicyTests
{
    // Dana → Marco → Ava, Ben (West); Dana → Priya → Noah (East).
    private const string Dana = "dana";
    private const string Marco = "marco";
    private const string Priya = "priya";
    private const string Ava = "ava";
    private const string Ben = "ben";

    private static readonly CreditGrantDeal AvasDeal = new("opp-contoso", "Contoso Analytics Suite", Ava, [Marco, Dana]);
    private static readonly CreditGrantDeal NoahsDeal = new("opp-fabrikam", "Fabrikam Field Service", "noah", [Priya, Dana]);

    private static CreditGrantCaller Manager(string id) => new(id, isAdmin: false);

    private static CreditGrantSplit Split(CreditGrantDeal deal, string participant, string name, decimal percent, SplitKind kind = SplitKind.Revenue) => new(deal, participant, name, percent, kind);

    [TestMethod]
    public void The_owners_manager_may_split_a_reports_deal_with_a_colleague()
    {
        Assert.IsTrue(CreditGrantPolicy.IsAllowed(Manager(Marco), CreditGrantAction.Create, null, Split(AvasDeal, Ben, "Ben Okafor", 40m)));
        Assert.IsTrue(CreditGrantPolicy.IsAllowed(Manager(Dana), CreditGrantAction.Create, null, Split(AvasDeal, Ben, "Ben Okafor", 40m)));
    }

    [TestMethod]
    public void A_manager_may_not_give_themself_an_overlay_and_the_error_names_deal_participant_percent_and_why()
    {
        var error = Assert.ThrowsExactly<SpmRuleException>(() => CreditGrantPolicy.Ensure(Manager(Marco), CreditGrantAction.Create, null, Split(AvasDeal, Marco, "Marco Reyes", 100m, SplitKind.Overlay)));

        Assert.AreEqual("You cannot grant credit to yourself: the 100% overlay for Marco Reyes on Contoso Analytics Suite was not saved. Ask an SPM Admin.", error.Message);
        Assert.AreEqual("CreditSplit.Participant", error.Field);
    }

    [TestMethod]
    public void A_manager_may_not_give_themself_a_revenue_split_either()
    {
        Assert.IsFalse(CreditGrantPolicy.IsAllowed(Manager(Marco), CreditGrantAction.Create, null, Split(AvasDeal, Marco, "Marco Reyes", 50m)));
    }

    [TestMethod]
    public void Overlays_are_for_admins_only()
    {
        var error = Assert.ThrowsExactly<SpmRuleException>(() => CreditGrantPolicy.Ensure(Manager(Marco), CreditGrantAction.Create, null, Split(AvasDeal, Ben, "Ben Okafor", 25m, SplitKind.Overlay)));

        Assert.AreEqual("Only an SPM Admin grants overlay credit: the 25% overlay for Ben Okafor on Contoso Analytics Suite was not saved.", error.Message);
        Assert.IsTrue(CreditGrantPolicy.IsAllowed(new CreditGrantCaller("admin", isAdmin: true), CreditGrantAction.Create, null, Split(AvasDeal, Ben, "Ben Okafor", 25m, SplitKind.Overlay)));
    }

    [TestMethod]
    public void A_manager_outside_the_owners_line_is_refused_without_learning_the_deal_name()
    {
        var error = Assert.ThrowsExactly<SpmRuleException>(() => CreditGrantPolicy.Ensure(Manager(Priya), CreditGrantAction.Create, null, Split(AvasDeal, Ben, "Ben Okafor", 12.5m)));

        Assert.AreEqual("You can grant credit only on deals owned by people who report to you; opportunity opp-contoso is not, so the 12.5% revenue split for Ben Okafor was not saved.", error.Message);
        Assert.DoesNotContain("Contoso Analytics Suite", error.Message);
    }

    [TestMethod]
    public void The_owner_does_not_split_their_own_deal()
    {
        var error = Assert.ThrowsExactly<SpmRuleException>(() => CreditGrantPolicy.Ensure(Manager(Ava), CreditGrantAction.Create, null, Split(AvasDeal, Ben, "Ben Okafor", 50m)));

        Assert.Contains("You own Contoso Analytics Suite", error.Message);
    }

    [TestMethod]
    public void Moving_a_split_to_another_deal_needs_the_right_on_both_deals()
    {
        var onAvas = Split(AvasDeal, Ben, "Ben Okafor", 40m);
        var onNoahs = Split(NoahsDeal, Ben, "Ben Okafor", 40m);

        Assert.IsFalse(CreditGrantPolicy.IsAllowed(Manager(Marco), CreditGrantAction.Update, onAvas, onNoahs));
        Assert.IsFalse(CreditGrantPolicy.IsAllowed(Manager(Priya), CreditGrantAction.Update, onAvas, onNoahs));
        Assert.IsTrue(CreditGrantPolicy.IsAllowed(Manager(Dana), CreditGrantAction.Update, onAvas, onNoahs));
    }

    [TestMethod]
    public void Deleting_checks_the_split_as_it_was_and_turning_an_admins_overlay_into_a_revenue_split_is_refused()
    {
        var overlay = Split(AvasDeal, Ben, "Ben Okafor", 30m, SplitKind.Overlay);

        var delete = Assert.ThrowsExactly<SpmRuleException>(() => CreditGrantPolicy.Ensure(Manager(Marco), CreditGrantAction.Delete, overlay, null));

        Assert.AreEqual("Only an SPM Admin grants overlay credit: the 30% overlay for Ben Okafor on Contoso Analytics Suite was not removed.", delete.Message);
        Assert.IsFalse(CreditGrantPolicy.IsAllowed(Manager(Marco), CreditGrantAction.Update, overlay, Split(AvasDeal, Ben, "Ben Okafor", 30m)));
        Assert.IsTrue(CreditGrantPolicy.IsAllowed(Manager(Marco), CreditGrantAction.Delete, Split(AvasDeal, Ben, "Ben Okafor", 30m), null));
    }
}
