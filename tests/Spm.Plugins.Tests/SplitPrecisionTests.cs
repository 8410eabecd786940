using Microsoft.Xrm.Sdk;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>
/// A split percent keeps the four decimals the solution gives spm_percent, so the share it credits (percent / 100) has six:
/// the stored share must keep them, or every re-post of a three-way deal sees a changed share and churns the ledger.
/// </summary>
[TestClass]
public sealed class SplitPrecisionTests
{
    private static readonly Guid Lena = new("a0000000-0000-0000-0000-0000000000f1");

    private static DateTime Day(int month, int day) => new(2026, month, day);

    [TestMethod]
    public void A_three_way_split_of_a_third_each_is_stored_whole_and_a_re_post_writes_nothing()
    {
        var org = Create(Day(2, 1));
        org.AddParticipant(Lena, "Lena Fischer", Marco, "West", 200_000m);
        var deal = org.CreateOpportunity("Adventure Works Data Platform", Ava, 90_000.00m, Day(2, 20));
        org.AddSplit(deal, Ava, 33.3333m);
        var ben = org.AddSplit(deal, Ben, 33.3333m);
        org.AddSplit(deal, Lena, 33.3334m);
        org.Win(deal, 90_000.00m, Day(2, 20));
        org.Pipeline.RunAsyncSteps();
        var rows = org.Ledger().Count;

        // Sales ops re-saves Ben's split unchanged: the deal is re-posted with the same split set.
        org.Service.Update(new Entity(S.CreditSplit.Table, ben) { [S.CreditSplit.Percent] = 33.3333m });
        org.Pipeline.RunAsyncSteps();

        Assert.HasCount(rows, org.Ledger(), "a re-post of an unchanged split set adds no reversal and no new row");
        var shares = org.Ledger().Where(r => r.GetAttributeValue<OptionSetValue>(S.Credit.Kind).Value == S.Credit.KindBase + (int)Spm.Domain.Credits.CreditKind.Split)
            .Select(r => r.GetAttributeValue<decimal>(S.Credit.Share)).Order().ToList();
        Assert.AreSequenceEqual(new[] { 0.333333m, 0.333333m, 0.333334m }, shares);
        Assert.AreEqual(29_999.97m, org.Credited(Ava, "FY2026-Q1"));
        Assert.AreEqual(30_000.06m, org.Credited(Lena, "FY2026-Q1"));
        Assert.AreEqual(90_000.00m, org.Credited(Marco, "FY2026-Q1"), "the manager rolls up the whole deal once");
        Assert.IsEmpty(org.Pipeline.FailedAsyncOperations);
    }
}
