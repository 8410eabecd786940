using Microsoft.Xrm.Sdk;
using Spm.Dataverse;
using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Engine;
using Spm.Domain.Money;
using Spm.Domain.Participants;
using Spm.Domain.Plans;
using Spm.Domain.Quotas;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

[TestClass]
public sealed class PeriodAndReplayTests
{
    private static DateTime Day(int month, int day) => new(2026, month, day);

    [TestMethod]
    public void Locking_a_period_freezes_its_statements_and_a_late_reversal_lands_in_the_next_open_period()
    {
        var org = Create(Day(1, 5));
        org.WonDeal("Relecloud Platform", Ava, 150_000.00m, Day(2, 2));
        var late = org.WonDeal("Humongous Insurance Add-on", Ava, 30_000.00m, Day(3, 10));

        org.SetPeriodStatus("FY2026-Q1", S.Period.StatusLocked, Day(4, 2));
        org.Pipeline.RunAsyncSteps();
        Assert.IsTrue(org.Statement(Ava, "FY2026-Q1")!.GetAttributeValue<bool>(S.Statement.Frozen));
        Assert.AreEqual(18_000.00m, org.Payable(Ava, "FY2026-Q1"));

        // Re-opened 36 days after closing, inside the 90-day clawback window: 180,000 → 150,000 re-prices Q1 at 15,000.00.
        org.Reopen(late, Day(4, 15));

        Assert.AreEqual(18_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.IsTrue(org.Statement(Ava, "FY2026-Q1")!.GetAttributeValue<bool>(S.Statement.Frozen));
        Assert.AreEqual(-3_000.00m, org.Payable(Ava, "FY2026-Q2"));
    }

    [TestMethod]
    [DataRow(S.Period.StatusPaid, "cannot become Paid")]
    public void A_period_status_can_only_move_forward_one_step(int status, string expected)
    {
        var org = Create(Day(1, 5));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.SetPeriodStatus("FY2026-Q1", status, Day(4, 2)));

        Assert.Contains(expected, error.Message);
        Assert.Contains("Open → Locked → Paid", error.Message);
    }

    [TestMethod]
    public void Periods_lock_in_order()
    {
        var org = Create(Day(1, 5));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.SetPeriodStatus("FY2026-Q2", S.Period.StatusLocked, Day(7, 2)));

        Assert.Contains("Lock FY2026-Q1 before 'FY2026-Q2'", error.Message);
    }

    [TestMethod]
    public void A_quota_change_rederives_the_statement()
    {
        var org = Create(Day(1, 5));
        org.WonDeal("Proseware Suite", Ava, 220_000.00m, Day(2, 2));
        Assert.AreEqual(23_000.00m, org.Payable(Ava, "FY2026-Q1"));

        var quota = org.Raw.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression(S.Quota.Table)
        {
            Criteria = { Conditions = { new(S.Quota.Participant, Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, Ava), new(S.Quota.Period, Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, org.Periods["FY2026-Q1"]) } },
        }).Entities.Single();
        org.Service.Update(new Entity(S.Quota.Table, quota.Id) { [S.Quota.Amount] = 250_000m });

        // 220,000 of 250,000: all in the 10% tier = 22,000.00 (was 200,000 × 10% + 20,000 × 15% = 23,000.00).
        Assert.AreEqual(22_000.00m, org.Payable(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_tier_rate_change_recalculates_everyone_on_the_plan_asynchronously()
    {
        var org = Create(Day(1, 5));
        org.WonDeal("Trey Research Expansion", Ava, 100_000.00m, Day(2, 2));
        org.WonDeal("Margie's Travel Renewal", Ben, 50_000.00m, Day(2, 9));
        var baseTier = org.Raw.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression(S.PlanTier.Table) { Criteria = { Conditions = { new(S.PlanTier.FromPercent, Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, 0m) } } }).Entities.Single();

        org.Service.Update(new Entity(S.PlanTier.Table, baseTier.Id) { [S.PlanTier.Rate] = 12m });
        org.Pipeline.RunAsyncSteps();

        Assert.AreEqual(12_000.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreEqual(6_000.00m, org.Payable(Ben, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_quarter_replayed_deal_by_deal_ends_in_the_same_statements_as_one_full_recalculation()
    {
        var org = Create(Day(1, 2));
        var random = new Random(2026);
        var reps = new[] { Ava, Ben };
        var deals = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            var owner = reps[random.Next(reps.Length)];
            var closed = Day(1, 5).AddDays(random.Next(0, 84));
            var amount = 5_000m + (random.Next(0, 120) * 750m);
            var id = org.WonDeal($"Deal {i + 1:00}", owner, amount, closed, i % 5 == 0 ? Eur : Usd);
            deals.Add(id);
            if (i % 7 == 3)
            {
                org.Reopen(id, closed.AddDays(3));
            }
            else if (i % 9 == 4)
            {
                org.Service.Execute(new Microsoft.Crm.Sdk.Messages.AssignRequest { Target = new EntityReference(S.Opportunity.Table, id), Assignee = new EntityReference(S.SystemUser.Table, owner == Ava ? Ben : Ava) });
            }
        }

        org.Pipeline.RunAsyncSteps();

        // The same final deals through the domain engine in one full recalculation.
        var engine = FullRecalculation(org, deals);
        foreach (var (who, name) in new[] { (Ava, "Ava"), (Ben, "Ben"), (Marco, "Marco"), (Dana, "Dana") })
        {
            var expected = engine.Result(who.ToString("D"), engine.Periods.Get("FY2026-Q1"), Day(3, 31));
            Assert.AreEqual(expected.Attainment.Credited, org.Credited(who, "FY2026-Q1"), name + " credited");
            Assert.AreEqual(expected.TotalPayable, org.Payable(who, "FY2026-Q1"), name + " payable");
        }
    }

    private static SpmEngine FullRecalculation(SpmOrganization org, IEnumerable<Guid> deals)
    {
        var calendar = new FiscalCalendar(1);
        var periods = PeriodBook.ForFiscalYear(calendar, 2026, PeriodKind.Quarter);
        var organization = new SalesOrganization(new[]
        {
            new Participant(Dana.ToString("D"), "Dana Whitfield", null, "Leadership", string.Empty, "USD", new DateTime(2021, 3, 1)),
            new Participant(Marco.ToString("D"), "Marco Reyes", Dana.ToString("D"), "West Management", string.Empty, "USD", new DateTime(2021, 3, 1)),
            new Participant(Ava.ToString("D"), "Ava Chen", Marco.ToString("D"), "West", string.Empty, "USD", new DateTime(2021, 3, 1)),
            new Participant(Ben.ToString("D"), "Ben Okafor", Marco.ToString("D"), "West", string.Empty, "USD", new DateTime(2021, 3, 1)),
        });
        var plan = new CompPlan("AE-2026", "AE-2026", MoneyRounding.Commercial(Currency.Usd), new PlanComponent[]
        {
            new CommissionComponent("c", "New business commission", Measure.Revenue, new RateTable(new[] { new Tier("Base", 0m, 1m, 0.10m), new Tier("Accelerator", 1m, null, 0.15m) })),
        });
        var quotas = new List<Quota>();
        foreach (var (who, amount) in new[] { (Ava, 200_000m), (Ben, 200_000m), (Marco, 400_000m), (Dana, 800_000m) })
        {
            quotas.AddRange(periods.Periods.Select(p => new Quota(who.ToString("D"), p, Measure.Revenue, amount)));
        }

        var engine = new SpmEngine(calendar, periods, organization, new CurrencyTable(Currency.Usd, new[] { Currency.Eur }), new QuotaBook(quotas), new PlanAssignments(organization.All.Select(p => new PlanAssignment(p.Id, plan, new DateTime(2026, 1, 1)))));
        foreach (var id in deals)
        {
            var row = org.Raw.Retrieve(S.Opportunity.Table, id, new Microsoft.Xrm.Sdk.Query.ColumnSet(Data.DealMapper.Columns));
            engine.ApplyDeal(Data.DealMapper.ToDeal(row, Array.Empty<Entity>(), new Dictionary<Guid, string> { [Usd] = "USD", [Eur] = "EUR" }, Day(4, 1)), Day(4, 1));
        }

        return engine;
    }
}
