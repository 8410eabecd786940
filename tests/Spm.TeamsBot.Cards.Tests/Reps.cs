using Spm.Domain.Money;
using Spm.Domain.Quotas;
using Spm.Domain.Scorecards;
using Spm.Domain.Statements;

namespace Spm.TeamsBot.Cards.Tests;

/// <summary>Realistic scorecards built with the domain's own read-model types.</summary>
internal static class Reps
{
    public static CurrencyTable Currencies { get; } = new(Currency.Usd, [Currency.Eur, Currency.Gbp]);

    public static Uri Statement { get; } = new("https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=spm_statement&id=6f1c2a94-3b5e-4d07-9a41-2c8e5b7d1f30");

    /// <summary>Dana Whitfield, West, Q3 FY2026: $56,265 credited against a $50,000 quota, 61.29% of the quarter gone.</summary>
    public static Scorecard Dana() => new(
        "p-dana",
        "Dana Whitfield",
        "West",
        "FY2026-Q3",
        "Q3 FY2026",
        "USD",
        new PeriodAttainment(Measure.Revenue, 56_265m, 50_000m),
        new Pace(0.6129m, 0.6129m, 1.1253m),
        new Projection(56_265m, 91_801m, 10_000m, 50_000m),
        2,
        7,
        14_758m,
        41_902.5m,
        new NextTier("Revenue commission", "Accelerator", 0.08m, 1.2m, 3_735m, "$3,735.00 more to reach the 8% rate of the 'Accelerator' tier (120% attainment)"),
        new Kpis(9, 3, 0.75m, 6_251.67m, 38.4m, 5, 48_600m, 4_746.09m),
        ["Annual quota $200,000.00 spread evenly: $50,000.00 for Q3 FY2026"]);

    private static readonly string[] FirstNames = ["Avery", "Blake", "Casey", "Devon", "Emerson", "Finley", "Gray", "Harper", "Indigo", "Jordan", "Kai", "Logan", "Morgan", "Noel", "Oakley", "Parker", "Quinn", "Reese", "Sawyer", "Taylor", "Umber", "Vesper", "Wren", "Xan", "Yael"];

    /// <summary>A team of <paramref name="count"/> reps, ranked by attainment as the domain ranks them (1 = best).</summary>
    public static IReadOnlyList<Scorecard> Team(int count) => Enumerable.Range(0, count).Select(i =>
    {
        var credited = 78_000m - (i * 2_350m);
        var rep = Dana() with
        {
            ParticipantId = $"p-{i + 1:00}",
            Name = $"{FirstNames[i % FirstNames.Length]} Okafor-Lindqvist",
            Attainment = new PeriodAttainment(Measure.Revenue, credited, 60_000m),
            Rank = i + 1,
            TeamSize = count,
        };
        return rep;
    }).ToList();
}
