using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Engine;
using Spm.Domain.Money;
using Spm.Domain.Participants;
using Spm.Domain.Plans;
using Spm.Domain.Quotas;

namespace Spm.Domain.Tests.Engine;

/// <summary>
/// A small, realistic sales organization for FY2026 (calendar fiscal year, quarterly statements).
/// <code>
/// Dana Whitfield (dana, VP Sales, team "Leadership", quota 800,000.00/quarter)
///   └─ Marco Reyes (marco, West manager, team "West Management", quota 400,000.00/quarter)
///        ├─ Ava Chen  (ava, AE, team "West", quota 200,000.00/quarter)
///        └─ Ben Okafor (ben, AE, team "West", quota 200,000.00/quarter)
///   └─ Sam Patel (sam, solutions overlay, team "Solutions", quota 150,000.00/quarter)
/// </code>
/// Plan "AE-2026" (ava, ben, marco): graduated revenue commission, 10% up to 100% of quota, 15% above.
/// </summary>
internal sealed class DemoOrg
{
    public const string Ava = "ava";
    public const string Ben = "ben";
    public const string Marco = "marco";
    public const string Dana = "dana";
    public const string Sam = "sam";

    private DemoOrg(Draw? draw, RollUpPolicy? rollUp, IEnumerable<Participant>? others)
    {
        Calendar = new FiscalCalendar(1);
        Periods = PeriodBook.ForFiscalYear(Calendar, 2026, PeriodKind.Quarter);
        Q1 = Periods.Get("FY2026-Q1");
        Q2 = Periods.Get("FY2026-Q2");
        Q3 = Periods.Get("FY2026-Q3");
        Organization = new SalesOrganization(new[]
        {
            new Participant(Dana, "Dana Whitfield", null, "Leadership", "Americas", "USD", new DateTime(2019, 3, 4)),
            new Participant(Marco, "Marco Reyes", Dana, "West Management", "West", "USD", new DateTime(2021, 6, 14)),
            new Participant(Ava, "Ava Chen", Marco, "West", "Pacific Northwest", "USD", new DateTime(2022, 9, 1)),
            new Participant(Ben, "Ben Okafor", Marco, "West", "Northern California", "USD", new DateTime(2023, 2, 13)),
            new Participant(Sam, "Sam Patel", Dana, "Solutions", "Americas", "USD", new DateTime(2020, 11, 2)),
        }.Concat(others ?? Enumerable.Empty<Participant>()));
        Currencies = new CurrencyTable(Currency.Usd, new[] { Currency.Eur });

        var quotas = new List<Quota>();
        foreach (var period in Periods.Periods)
        {
            quotas.Add(new Quota(Ava, period, Measure.Revenue, 200_000.00m));
            quotas.Add(new Quota(Ben, period, Measure.Revenue, 200_000.00m));
            quotas.Add(new Quota(Marco, period, Measure.Revenue, 400_000.00m));
            quotas.Add(new Quota(Dana, period, Measure.Revenue, 800_000.00m));
            quotas.Add(new Quota(Sam, period, Measure.Revenue, 150_000.00m));
        }

        Quotas = new QuotaBook(quotas);
        Plan = new CompPlan(
            "AE-2026",
            "Account Executive FY2026",
            MoneyRounding.Commercial(Currency.Usd),
            new PlanComponent[]
            {
                new CommissionComponent(
                    "new-business",
                    "New business commission",
                    Measure.Revenue,
                    new RateTable(new[]
                    {
                        new Tier("Base", 0m, 1.0m, 0.10m),
                        new Tier("Accelerator", 1.0m, null, 0.15m),
                    })),
            },
            draw: draw);
        var start = new DateTime(2026, 1, 1);
        Plans = new PlanAssignments(new[]
        {
            new PlanAssignment(Ava, Plan, start),
            new PlanAssignment(Ben, Plan, start),
            new PlanAssignment(Marco, Plan, start),
        });
        Engine = new SpmEngine(Calendar, Periods, Organization, Currencies, Quotas, Plans, rollUp);
    }

    public FiscalCalendar Calendar { get; }

    public PeriodBook Periods { get; }

    public FiscalPeriod Q1 { get; }

    public FiscalPeriod Q2 { get; }

    public FiscalPeriod Q3 { get; }

    public SalesOrganization Organization { get; }

    public CurrencyTable Currencies { get; }

    public QuotaBook Quotas { get; }

    public CompPlan Plan { get; }

    public PlanAssignments Plans { get; }

    public SpmEngine Engine { get; }

    /// <param name="others">People added to the five above, e.g. a disabled rep or a sales admin who is not a participant.</param>
    public static DemoOrg Build(Draw? draw = null, RollUpPolicy? rollUp = null, IEnumerable<Participant>? others = null) => new DemoOrg(draw, rollUp, others);

    public static DateTime Day(int month, int day) => new DateTime(2026, month, day);

    public static Deal Won(string id, string name, string owner, decimal amount, DateTime closed, params DealSplit[] splits) =>
        new Deal(id, name, owner, DealStatus.Won, amount, "USD", null, closed.AddDays(-30), closed, closed, splits: splits);

    public static Deal Lost(string id, string name, string owner, decimal amount, DateTime closed) =>
        new Deal(id, name, owner, DealStatus.Lost, amount, "USD", null, closed.AddDays(-30), closed, closed);

    public static Deal Reopened(Deal deal) =>
        new Deal(deal.Id, deal.Name, deal.OwnerId, DealStatus.Open, deal.Amount, deal.CurrencyCode, deal.ExchangeRate, deal.CreatedOn, deal.EstimatedCloseDate, null, 50m, splits: deal.Splits);

    public static Deal LostVersionOf(Deal deal, DateTime lostOn) =>
        new Deal(deal.Id, deal.Name, deal.OwnerId, DealStatus.Lost, deal.Amount, deal.CurrencyCode, deal.ExchangeRate, deal.CreatedOn, deal.EstimatedCloseDate, lostOn, splits: deal.Splits);
}
