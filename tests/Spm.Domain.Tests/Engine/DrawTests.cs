using Spm.Domain.Plans;
using Spm.Domain.Statements;
using static Spm.Domain.Tests.Engine.DemoOrg;

namespace Spm.Domain.Tests.Engine;

[TestClass]
public sealed class DrawTests
{
    // Q1: Ava wins 60,000.00 → 6,000.00 earned; Q2: 180,000.00 → 18,000.00 earned. Guarantee 10,000.00 a quarter.
    private static DemoOrg WithTwoQuarters(bool recoverable)
    {
        var org = DemoOrg.Build(draw: new Draw(10_000.00m, recoverable));
        org.Engine.ApplyDeal(Won("OPP-4001", "Contoso Fleet Expansion", Ava, 60_000.00m, Day(2, 11)), Day(2, 11));
        org.Engine.ApplyDeal(Won("OPP-4002", "Fabrikam Data Platform", Ava, 180_000.00m, Day(5, 12)), Day(5, 12));
        return org;
    }

    [TestMethod]
    public void Recoverable_draw_tops_up_a_short_quarter_and_is_recovered_from_the_next_quarters_excess()
    {
        var org = WithTwoQuarters(recoverable: true);

        // Q1: 6,000.00 earned, topped up by 4,000.00 to 10,000.00; 4,000.00 owed back.
        var q1 = org.Engine.Statement(Ava, org.Q1, Day(6, 30));
        Assert.AreEqual(6_000.00m, q1.Earned);
        Assert.AreEqual(4_000.00m, q1.Lines.Single(l => l.Kind == StatementLineKind.DrawTopUp).Amount);
        Assert.AreEqual(10_000.00m, q1.TotalPayable);
        Assert.AreEqual(4_000.00m, q1.DrawClosingBalance);

        // Q2: 18,000.00 earned, 8,000.00 above the guarantee; the whole 4,000.00 balance is recovered → 14,000.00.
        var q2 = org.Engine.Statement(Ava, org.Q2, Day(6, 30));
        Assert.AreEqual(18_000.00m, q2.Earned);
        Assert.AreEqual(4_000.00m, q2.DrawOpeningBalance);
        Assert.AreEqual(-4_000.00m, q2.Lines.Single(l => l.Kind == StatementLineKind.DrawRecovery).Amount);
        Assert.AreEqual(14_000.00m, q2.TotalPayable);
        Assert.AreEqual(0.00m, q2.DrawClosingBalance);
        Assert.AreEqual(14_000.00m, org.Engine.Result(Ava, org.Q2, Day(6, 30)).TotalPayable);
    }

    [TestMethod]
    public void Non_recoverable_draw_is_forgiven()
    {
        var org = WithTwoQuarters(recoverable: false);

        var q1 = org.Engine.Statement(Ava, org.Q1, Day(6, 30));
        Assert.AreEqual(10_000.00m, q1.TotalPayable);
        Assert.AreEqual(0.00m, q1.DrawClosingBalance);

        // Nothing carried over: Q2 pays the full 18,000.00.
        var q2 = org.Engine.Statement(Ava, org.Q2, Day(6, 30));
        Assert.AreEqual(0.00m, q2.DrawOpeningBalance);
        Assert.IsEmpty(q2.Lines.Where(l => l.Kind == StatementLineKind.DrawRecovery));
        Assert.AreEqual(18_000.00m, q2.TotalPayable);
    }

    [TestMethod]
    public void Recoverable_draw_balance_carries_across_a_locked_quarter()
    {
        var org = DemoOrg.Build(draw: new Draw(10_000.00m, recoverable: true));
        org.Engine.ApplyDeal(Won("OPP-4101", "Contoso Fleet Expansion", Ava, 60_000.00m, Day(2, 11)), Day(2, 11));
        org.Engine.LockPeriod(org.Q1, Day(4, 1));
        org.Engine.ApplyDeal(Won("OPP-4102", "Fabrikam Data Platform", Ava, 180_000.00m, Day(5, 12)), Day(5, 12));

        var q2 = org.Engine.Statement(Ava, org.Q2, Day(6, 30));

        Assert.AreEqual(4_000.00m, q2.DrawOpeningBalance);
        Assert.AreEqual(14_000.00m, q2.TotalPayable);
    }
}
