using System.Globalization;
using Spm.Domain.Credits;
using Spm.Domain.Recognition;
using Spm.Domain.Tests.Engine;
using static Spm.Domain.Tests.Engine.DemoOrg;

namespace Spm.Domain.Tests.Recognition;

/// <summary>
/// Issue 9, finding 8: re-opening and re-winning a deal must not announce the same milestone again. A milestone is
/// announced once per participant, period and milestone; a first deal once per participant ever.
/// </summary>
[TestClass]
public sealed class RecognitionIdempotenceTests
{
    private static List<RecognitionEvent> Of(IEnumerable<RecognitionEvent> events, RecognitionKind kind, string participantId) =>
        events.Where(e => e.Kind == kind && e.ParticipantId == participantId).ToList();

    private static IReadOnlyList<Credit> StoredRowsOf(CreditLedger ledger) =>
        ledger.Entries.Select(c => Credit.Restore(c.Id, c.ToSignedDraft(), c.ReversalOfId, c.PostedOn)).ToList();

    [TestMethod]
    [DataRow("the same deal won again")]
    [DataRow("another deal")]
    public void Crossing_50_percent_again_after_a_reopen_announces_nothing(string how)
    {
        var org = DemoOrg.Build();

        // 110,000.00 / 200,000.00 = 55%: crosses 50% once; re-opened on Feb 20, Ava is back at 0%.
        var northwind = Won("OPP-5501", "Northwind Logistics Renewal", Ava, 110_000.00m, Day(2, 3));
        var first = org.Engine.ApplyDeal(northwind, Day(2, 3));
        Assert.AreEqual(0.5m, Assert.ContainsSingle(Of(first.Recognitions, RecognitionKind.AttainmentMilestone, Ava)).Value);
        org.Engine.ApplyDeal(Reopened(northwind), Day(2, 20));

        // Back to 55% (or 120,000.00 / 200,000.00 = 60%): the same participant, period and milestone.
        var again = how == "another deal"
            ? org.Engine.ApplyDeal(Won("OPP-5502", "Fabrikam Data Platform", Ava, 120_000.00m, Day(3, 2)), Day(3, 2))
            : org.Engine.ApplyDeal(Won(northwind.Id, northwind.Name, Ava, 110_000.00m, Day(3, 2)), Day(3, 2));

        Assert.IsEmpty(Of(again.Recognitions, RecognitionKind.AttainmentMilestone, Ava));
    }

    [TestMethod]
    public void A_streak_is_not_announced_again_when_its_third_win_is_reopened_and_won_again()
    {
        var org = DemoOrg.Build();
        org.Engine.ApplyDeal(Won("OPP-5601", "Proseware Migration", Ava, 12_400.00m, Day(1, 5)), Day(1, 5));
        org.Engine.ApplyDeal(Won("OPP-5602", "Litware Security Bundle", Ava, 18_650.00m, Day(1, 14)), Day(1, 14));
        var third = Won("OPP-5603", "Contoso Fleet Expansion", Ava, 9_975.00m, Day(1, 23));
        Assert.ContainsSingle(Of(org.Engine.ApplyDeal(third, Day(1, 23)).Recognitions, RecognitionKind.WinStreak, Ava));

        org.Engine.ApplyDeal(Reopened(third), Day(1, 26));
        var rewon = org.Engine.ApplyDeal(third, Day(1, 27));

        Assert.IsEmpty(Of(rewon.Recognitions, RecognitionKind.WinStreak, Ava));
    }

    [TestMethod]
    public void The_largest_deal_of_the_quarter_is_not_announced_again_when_it_is_reopened_and_won_again()
    {
        var org = DemoOrg.Build();
        org.Engine.ApplyDeal(Won("OPP-5701", "Adventure Works POS", Ben, 82_000.00m, Day(1, 15)), Day(1, 15));
        var fabrikam = Won("OPP-5702", "Fabrikam Data Platform", Ava, 96_500.00m, Day(2, 2));
        Assert.ContainsSingle(org.Engine.ApplyDeal(fabrikam, Day(2, 2)).Recognitions.Where(e => e.Kind == RecognitionKind.LargestDealOfPeriod));

        org.Engine.ApplyDeal(Reopened(fabrikam), Day(2, 9));
        var rewon = org.Engine.ApplyDeal(Won(fabrikam.Id, fabrikam.Name, Ava, 96_500.00m, Day(2, 16)), Day(2, 16));

        Assert.IsEmpty(rewon.Recognitions.Where(e => e.Kind == RecognitionKind.LargestDealOfPeriod));
    }

    [TestMethod]
    public void A_first_deal_reopened_and_won_again_is_not_a_first_deal_again()
    {
        var org = DemoOrg.Build();
        var tailspin = Won("OPP-5801", "Tailspin Analytics Suite", Ben, 42_750.00m, Day(1, 20));
        Assert.ContainsSingle(Of(org.Engine.ApplyDeal(tailspin, Day(1, 20)).Recognitions, RecognitionKind.FirstDeal, Ben));

        org.Engine.ApplyDeal(Reopened(tailspin), Day(1, 27));
        var rewon = org.Engine.ApplyDeal(Won(tailspin.Id, tailspin.Name, Ben, 42_750.00m, Day(2, 4)), Day(2, 4));

        Assert.IsEmpty(Of(rewon.Recognitions, RecognitionKind.FirstDeal, Ben));
    }

    [TestMethod]
    public void A_rep_marked_as_credited_before_gets_no_first_deal_when_the_restored_ledger_slice_lacks_their_earlier_deals()
    {
        // The plug-in read only Q2's ledger rows; Ben's earlier wins are in Q1 and were not loaded.
        var org = DemoOrg.Build();
        org.Engine.Ledger.MarkCreditedDirectlyBefore(new[] { Ben });

        var ben = org.Engine.ApplyDeal(Won("OPP-5901", "Litware Security Bundle", Ben, 18_300.00m, Day(4, 14)), Day(4, 14));
        var ava = org.Engine.ApplyDeal(Won("OPP-5902", "Proseware Migration", Ava, 12_400.00m, Day(4, 15)), Day(4, 15));

        Assert.IsTrue(org.Engine.Ledger.HasEverBeenCreditedDirectly(Ben));
        Assert.IsEmpty(Of(ben.Recognitions, RecognitionKind.FirstDeal, Ben));
        Assert.AreEqual(12_400.00m, Assert.ContainsSingle(Of(ava.Recognitions, RecognitionKind.FirstDeal, Ava)).Value);
    }

    [TestMethod]
    public void An_engine_told_which_recognitions_are_stored_does_not_announce_them_again()
    {
        var earlier = DemoOrg.Build();
        var northwind = Won("OPP-6001", "Northwind Logistics Renewal", Ava, 110_000.00m, Day(2, 3));
        var stored = earlier.Engine.ApplyDeal(northwind, Day(2, 3)).Recognitions.Select(e => e.DedupKey).ToList();
        earlier.Engine.ApplyDeal(Reopened(northwind), Day(2, 20));

        // A later plug-in run loads the ledger and the stored recognitions' keys, then the deal is won again.
        var later = DemoOrg.Build();
        later.Engine.Ledger.Restore(StoredRowsOf(earlier.Engine.Ledger));
        later.Engine.MarkRecognised(stored);
        var rewon = later.Engine.ApplyDeal(northwind, Day(3, 2));

        Assert.Contains("AttainmentMilestone|ava|FY2026-Q1|0.5", stored);
        Assert.IsEmpty(rewon.Recognitions);
    }

    [TestMethod]
    [DataRow(RecognitionKind.AttainmentMilestone, "0.5", "AttainmentMilestone|ava|FY2026-Q1|0.5")]
    [DataRow(RecognitionKind.WinStreak, "3", "WinStreak|ava|FY2026-Q1|3")]
    [DataRow(RecognitionKind.LargestDealOfPeriod, "96500.00", "LargestDealOfPeriod|ava|FY2026-Q1|OPP-5702")]
    [DataRow(RecognitionKind.FirstDeal, "96500.00", "FirstDeal|ava||")]
    public void Dedup_key_names_kind_participant_period_and_milestone(RecognitionKind kind, string value, string expected)
    {
        var recognition = new RecognitionEvent(kind, Ava, "FY2026-Q1", "Ava Chen", "Fabrikam Data Platform", "OPP-5702", decimal.Parse(value, CultureInfo.InvariantCulture));

        Assert.AreEqual(expected, recognition.DedupKey);
    }
}
