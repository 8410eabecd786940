using System.Globalization;
using Spm.Domain.Credits;
using Spm.Domain.Participants;
using Spm.Domain.Quotas;
using Spm.Domain.Recognition;
using Spm.Domain.Tests.Engine;
using static Spm.Domain.Tests.Engine.DemoOrg;

namespace Spm.Domain.Tests.Credits;

/// <summary>
/// Issue 9, finding 9: a won deal of nothing credits nothing; disabled users and users who are not SPM participants
/// earn no credit, and a deal they own saves without an error.
/// </summary>
[TestClass]
public sealed class CreditEligibilityTests
{
    private const string Sofia = "sofia";
    private const string Olga = "olga";
    private const string Priya = "priya";
    private const string Tom = "tom";

    /// <summary>
    /// Sofia Marin: an AE under Marco whose user is disabled (she left in March). Olga Novak: sales operations, owns
    /// deals she tidies up, not an SPM participant. Priya Shah: a disabled regional manager under Dana; Tom Reed is an
    /// active AE who still reports to her.
    /// </summary>
    private static DemoOrg WithNonParticipants() => DemoOrg.Build(others: new[]
    {
        new Participant(Sofia, "Sofia Marin", Marco, "West", "Southwest", "USD", new DateTime(2023, 4, 3), isActive: false),
        new Participant(Olga, "Olga Novak", null, "Sales Operations", string.Empty, "USD", new DateTime(2018, 8, 20), isActive: false),
        new Participant(Priya, "Priya Shah", Dana, "Central Management", "Central", "USD", new DateTime(2020, 1, 6), isActive: false),
        new Participant(Tom, "Tom Reed", Priya, "Central", "Great Lakes", "USD", new DateTime(2024, 5, 13)),
    });

    private static string Credited(IEnumerable<Credit> credits) =>
        string.Join(", ", credits.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.ParticipantId} {c.Kind} {c.Revenue:0.00}")));

    [TestMethod]
    public void A_won_deal_worth_nothing_posts_no_credit_and_announces_nothing()
    {
        var org = DemoOrg.Build();

        // Ben's first won deal is a no-charge renewal: 0.00 revenue, 0.00 margin, 0 units.
        var change = org.Engine.ApplyDeal(Won("OPP-9001", "Adventure Works No-Charge Renewal", Ben, 0.00m, Day(2, 9)), Day(2, 9));

        Assert.IsTrue(change.Posting.IsEmpty);
        Assert.IsEmpty(change.Recognitions);
        Assert.AreEqual(0, org.Engine.Ledger.Count);
        Assert.IsFalse(org.Engine.Ledger.HasEverBeenCreditedDirectly(Ben));
        Assert.AreEqual(0m, org.Engine.Attainment(Ben, org.Q1, Measure.DealCount, Day(2, 9)).Credited);
    }

    [TestMethod]
    public void A_won_deal_edited_down_to_zero_reverses_its_credits_and_posts_none()
    {
        var org = DemoOrg.Build();
        org.Engine.ApplyDeal(Won("OPP-9002", "Contoso Fleet Expansion", Ava, 48_250.00m, Day(2, 10)), Day(2, 10));

        var change = org.Engine.ApplyDeal(Won("OPP-9002", "Contoso Fleet Expansion", Ava, 0.00m, Day(2, 10)), Day(2, 12));

        Assert.IsEmpty(change.Posting.Posted);
        Assert.AreEqual("ava Owner -48250.00, marco RollUp -48250.00, dana RollUp -48250.00", Credited(change.Posting.Reversals));
        Assert.IsEmpty(org.Engine.Ledger.ActiveCreditsOf("OPP-9002"));
    }

    [TestMethod]
    public void A_won_deal_with_units_but_no_revenue_credits_the_units_and_counts_as_one_deal()
    {
        var org = DemoOrg.Build();
        var pilot = new Deal("OPP-9003", "Tailspin Pilot Licences", Ben, DealStatus.Won, 0.00m, "USD", null, Day(1, 5), Day(2, 16), Day(2, 16), units: 12m);
        org.Engine.ApplyDeal(Won("OPP-9004", "Adventure Works No-Charge Renewal", Ben, 0.00m, Day(2, 9)), Day(2, 9));

        var change = org.Engine.ApplyDeal(pilot, Day(2, 16));

        // 12 licences at no charge: Ben is credited 12 units and one deal, no revenue; Marco and Dana roll up 12 units.
        var owner = change.Posting.Posted.Single(c => c.ParticipantId == Ben);
        Assert.AreEqual(CreditKind.Owner, owner.Kind);
        Assert.AreEqual(12m, owner.Units);
        Assert.AreEqual(0.00m, owner.Revenue);
        Assert.AreEqual(1m, owner.DealCount);
        Assert.AreEqual(12m, change.Posting.Posted.Single(c => c.ParticipantId == Marco).Units);
        Assert.AreEqual(1m, org.Engine.Attainment(Ben, org.Q1, Measure.DealCount, Day(2, 16)).Credited);
        Assert.AreEqual(12m, org.Engine.Attainment(Ben, org.Q1, Measure.Units, Day(2, 16)).Credited);
    }

    [TestMethod]
    [DataRow(Sofia, "marco RollUp 36400.00, dana RollUp 36400.00", DisplayName = "owned by Sofia (disabled): her managers still roll up her team's deal")]
    [DataRow(Olga, "", DisplayName = "owned by Olga (not a participant, no manager): nobody is credited")]
    [DataRow("ghost", "", DisplayName = "owned by a user SPM does not know: nobody is credited")]
    public void A_deal_owned_by_someone_who_earns_no_credit_saves_without_an_error_and_credits_only_the_managers_above_them(string owner, string expected)
    {
        // Until issue 9 an unknown owner threw "not an SPM participant", which blocked a sales admin's save.
        var org = WithNonParticipants();

        var change = org.Engine.ApplyDeal(Won("OPP-9101", "Fabrikam Warehouse Scanners", owner, 36_400.00m, Day(3, 11)), Day(3, 11));

        Assert.AreEqual(expected, Credited(change.Posting.Posted));
        Assert.IsFalse(org.Engine.Ledger.HasEverBeenCreditedDirectly(owner));
        Assert.IsEmpty(change.Recognitions.Where(e => e.Kind == RecognitionKind.FirstDeal));
    }

    [TestMethod]
    public void A_revenue_split_with_a_disabled_rep_credits_the_active_rep_their_share_and_the_manager_the_whole_deal()
    {
        var org = WithNonParticipants();
        var deal = Won("OPP-9102", "Northwind Retail POS", Ava, 52_000.00m, Day(2, 26),
            new DealSplit(Ava, 50m, SplitKind.Revenue), new DealSplit(Sofia, 50m, SplitKind.Revenue));

        var posted = org.Engine.ApplyDeal(deal, Day(2, 26)).Posting.Posted;

        // Ava 50% = 26,000.00; Sofia's 50% is credited to nobody directly; Marco and Dana roll up 50% + 50% = 52,000.00.
        Assert.AreEqual("ava Split 26000.00, marco RollUp 52000.00, dana RollUp 52000.00", Credited(posted));
    }

    [TestMethod]
    public void An_overlay_for_a_non_participant_is_left_out()
    {
        var org = WithNonParticipants();
        var deal = Won("OPP-9103", "Litware Security Bundle", Ava, 31_480.75m, Day(1, 22), new DealSplit(Olga, 20m, SplitKind.Overlay), new DealSplit(Sam, 25m, SplitKind.Overlay));

        var posted = org.Engine.ApplyDeal(deal, Day(1, 22)).Posting.Posted;

        // Sam's 25% overlay is 7,870.1875 (7,870.19 to the cent); Olga's 20% is not credited.
        Assert.AreEqual("ava Owner 31480.75, sam Overlay 7870.19, marco RollUp 31480.75, dana RollUp 31480.75", Credited(posted));
    }

    [TestMethod]
    public void A_disabled_manager_gets_no_roll_up_and_the_deal_rolls_up_past_them()
    {
        var org = WithNonParticipants();

        var posted = org.Engine.ApplyDeal(Won("OPP-9104", "Proseware Migration", Tom, 27_900.00m, Day(2, 4)), Day(2, 4)).Posting.Posted;

        Assert.AreEqual("tom Owner 27900.00, dana RollUp 27900.00", Credited(posted));
    }

    [TestMethod]
    public void The_largest_deal_owned_by_a_disabled_rep_is_announced_for_the_active_rep_sharing_it()
    {
        var org = WithNonParticipants();
        org.Engine.ApplyDeal(Won("OPP-9105", "Adventure Works POS", Ben, 82_000.00m, Day(1, 15)), Day(1, 15));

        // 96,500.00 beats 82,000.00; Sofia owns it but is disabled, Ava holds the other 50%.
        var change = org.Engine.ApplyDeal(Won("OPP-9106", "Fabrikam Data Platform", Sofia, 96_500.00m, Day(2, 2),
            new DealSplit(Ava, 50m, SplitKind.Revenue), new DealSplit(Sofia, 50m, SplitKind.Revenue)), Day(2, 2));

        var largest = Assert.ContainsSingle(change.Recognitions.Where(e => e.Kind == RecognitionKind.LargestDealOfPeriod));
        Assert.AreEqual(Ava, largest.ParticipantId);
        Assert.AreEqual(96_500.00m, largest.Value);
        Assert.IsEmpty(change.Recognitions.Where(e => e.ParticipantId == Sofia));
    }
}
