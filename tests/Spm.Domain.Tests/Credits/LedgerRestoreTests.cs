using Spm.Domain.Credits;
using Spm.Domain.Tests.Engine;
using static Spm.Domain.Tests.Engine.DemoOrg;

namespace Spm.Domain.Tests.Credits;

[TestClass]
public sealed class LedgerRestoreTests
{
    private static IReadOnlyList<Credit> StoredRowsOf(CreditLedger ledger) =>
        ledger.Entries.Select(c => Credit.Restore(c.Id, c.ToSignedDraft(), c.ReversalOfId, c.PostedOn)).ToList();

    [TestMethod]
    public void A_ledger_restored_from_stored_rows_gives_the_same_statements_and_continues_the_sequence()
    {
        var original = DemoOrg.Build();
        var opp1 = Won("OPP-7001", "Contoso Analytics Suite", Ava, 120_000.00m, Day(2, 3));
        original.Engine.ApplyDeal(opp1, Day(2, 3));
        original.Engine.ApplyDeal(Won("OPP-7002", "Fabrikam Field Service", Ava, 45_500.00m, Day(2, 20), new DealSplit(Ava, 60m, SplitKind.Revenue), new DealSplit(Ben, 40m, SplitKind.Revenue)), Day(2, 20));
        original.Engine.ApplyDeal(Reopened(opp1), Day(3, 2));

        var restored = DemoOrg.Build();
        restored.Engine.Ledger.Restore(StoredRowsOf(original.Engine.Ledger));

        Assert.AreEqual(original.Engine.Ledger.Count, restored.Engine.Ledger.Count);
        Assert.AreEqual(original.Engine.Statement(Ava, original.Q1, Day(3, 31)).TotalPayable, restored.Engine.Statement(Ava, restored.Q1, Day(3, 31)).TotalPayable);
        Assert.IsEmpty(restored.Engine.Ledger.ActiveCreditsOf("OPP-7001"));

        // Re-winning the re-opened deal continues after the participant's highest restored sequence and re-posts only what changed.
        var lastOfAva = restored.Engine.Ledger.CreditsOf(Ava)[^1].Id;
        var posting = restored.Engine.Ledger.Post(opp1, Day(3, 5));
        Assert.IsTrue(posting.Posted.Where(c => c.ParticipantId == Ava).All(c => c.Id > lastOfAva));
        Assert.Contains(c => c.ParticipantId == Ava, posting.Posted);
        Assert.IsEmpty(restored.Engine.Ledger.Post(Won("OPP-7002", "Fabrikam Field Service", Ava, 45_500.00m, Day(2, 20), new DealSplit(Ava, 60m, SplitKind.Revenue), new DealSplit(Ben, 40m, SplitKind.Revenue)), Day(3, 6)).Posted);
    }

    [TestMethod]
    public void A_reversal_whose_original_row_was_not_loaded_is_rejected()
    {
        var original = DemoOrg.Build();
        var opp = Won("OPP-7003", "Northwind Retail POS", Ava, 30_000.00m, Day(1, 15));
        original.Engine.ApplyDeal(opp, Day(1, 15));
        original.Engine.RemoveDeal(opp.Id, Day(1, 20));
        var reversalsOnly = StoredRowsOf(original.Engine.Ledger).Where(c => c.IsReversal).ToList();

        var error = Assert.ThrowsExactly<SpmRuleException>(() => DemoOrg.Build().Engine.Ledger.Restore(reversalsOnly));

        Assert.AreEqual("Credit.ReversalOf", error.Field);
        Assert.Contains("load the deal's whole ledger", error.Message);
    }
}
