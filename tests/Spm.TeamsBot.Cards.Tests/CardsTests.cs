using System.Text;
using System.Text.Json.Nodes;

namespace Spm.TeamsBot.Cards.Tests;

[TestClass]
public sealed class CardsTests
{
    private const int BudgetBytes = 28 * 1024;

    public static IEnumerable<object[]> EveryCard =>
    [
        ["scorecard", ScorecardCard.Build(Reps.Dana(), Reps.Currencies, Reps.Statement)],
        ["scorecard without quota", ScorecardCard.Build(Reps.Dana() with { Attainment = new(Spm.Domain.Quotas.Measure.Revenue, 56_265m, null), NextTier = null }, Reps.Currencies, Reps.Statement)],
        ["leaderboard of 7", LeaderboardCard.Build("West", "Q3 FY2026", Reps.Team(7))],
        ["leaderboard of 25", LeaderboardCard.Build("West", "Q3 FY2026", Reps.Team(25))],
        ["help", HelpCard.Build()],
        ["welcome", WelcomeCard.Build("Dana Whitfield")],
        ["refusal", RefusalCard.Build("Marcus Oyelaran")],
    ];

    public static string CardName(System.Reflection.MethodInfo method, object[] data) => $"{method.Name} ({data[0]})";

    [TestMethod]
    [DynamicData(nameof(EveryCard), DynamicDataDisplayName = nameof(CardName))]
    public void Every_card_is_valid_Adaptive_Card_1_5_once_its_charts_are_replaced_by_their_fallback(string name, JsonObject card)
    {
        var errors = AdaptiveCardSchema.Errors(ChartFallback.Apply(card));

        Assert.IsEmpty(errors, $"{name}:\n{string.Join("\n", errors)}");
        Assert.IsEmpty(ChartFallback.ChartsIn(ChartFallback.Apply(card)), $"{name} still has a chart after the fallback");
    }

    [TestMethod]
    [DynamicData(nameof(EveryCard), DynamicDataDisplayName = nameof(CardName))]
    public void Every_card_fits_the_28_KB_Teams_budget_and_pins_version_1_5(string name, JsonObject card)
    {
        var bytes = Encoding.UTF8.GetByteCount(CardSchema.Serialize(card));

        Assert.IsLessThanOrEqualTo(BudgetBytes, bytes, $"{name} is {bytes} bytes");
        Assert.AreEqual("1.5", (string?)card["version"]);
        Assert.AreEqual("AdaptiveCard", (string?)card["type"]);
    }

    [TestMethod]
    public void The_schema_check_can_fail_a_card_with_an_unknown_element_or_property()
    {
        var card = HelpCard.Build();
        card["body"]!.AsArray().Add(new JsonObject { ["type"] = "TextBlock", ["text"] = "x", ["size"] = "Gigantic" });

        Assert.IsNotEmpty(AdaptiveCardSchema.Errors(card));
        Assert.IsNotEmpty(AdaptiveCardSchema.Errors(ScorecardCard.Build(Reps.Dana(), Reps.Currencies, Reps.Statement)), "a raw Chart.Gauge is not in the 1.5 schema, so the fallback step is needed");
    }

    [TestMethod]
    public void The_scorecard_shows_the_domains_numbers_as_exact_texts()
    {
        var card = ScorecardCard.Build(Reps.Dana(), Reps.Currencies, Reps.Statement);
        var texts = Texts(card);
        var facts = Facts(card);

        Assert.Contains("Dana Whitfield · Q3 FY2026", texts);
        Assert.Contains("West · rank 2 of 7", texts);
        Assert.Contains("112.53%", texts);
        Assert.Contains("$56,265.00 of $50,000.00", texts);
        Assert.Contains("$3,735.00 more to reach the 8% rate of the 'Accelerator' tier (120% attainment)", texts);
        Assert.AreEqual("On pace: 112.53% against 61.29% expected today", facts["Pace"]);
        Assert.AreEqual("158.07% ($79,033.00) by period end", facts["Projection"]);
        Assert.AreEqual("$14,758.00 earned", facts["Earnings"]);
        Assert.AreEqual("$41,902.50 earned", facts["Year to date"]);
        Assert.AreEqual("9 / 3", facts["Won / lost"]);
        Assert.AreEqual("75%", facts["Win rate"]);
        Assert.AreEqual("$6,251.67", facts["Average deal"]);
        Assert.AreEqual("38.4 days", facts["Sales cycle"]);
        Assert.AreEqual("$48,600.00 in 5 deals", facts["Open pipeline"]);
        Assert.AreEqual("$4,746.09 per day", facts["Pipeline velocity"]);
        Assert.AreEqual("Dana Whitfield: 112.53% attainment, $14,758.00 earned", (string?)card["fallbackText"]);
    }

    [TestMethod]
    public void The_scorecard_links_to_the_statement_in_the_CRM()
    {
        var action = ScorecardCard.Build(Reps.Dana(), Reps.Currencies, Reps.Statement)["actions"]![0]!;

        Assert.AreEqual("Action.OpenUrl", (string?)action["type"]);
        Assert.AreEqual(Reps.Statement.AbsoluteUri, (string?)action["url"]);
    }

    [TestMethod]
    public void The_attainment_gauge_carries_Teams_documented_properties_and_a_text_fallback()
    {
        var gauge = ChartFallback.ChartsIn(ScorecardCard.Build(Reps.Dana(), Reps.Currencies, Reps.Statement)).Single();

        Assert.AreEqual("Chart.Gauge", (string?)gauge["type"]);
        Assert.AreEqual(112.53m, (decimal)gauge["value"]!);
        Assert.AreEqual(0m, (decimal)gauge["min"]!);
        Assert.AreEqual(150m, (decimal)gauge["max"]!);
        Assert.AreEqual("Percentage", (string?)gauge["valueFormat"]);
        Assert.AreEqual("$56,265.00 of $50,000.00", (string?)gauge["subLabel"]);
        var segments = gauge["segments"]!.AsArray();
        Assert.AreEqual(150m, segments.Sum(s => (decimal)s!["size"]!), "the segments cover the dial from min to max");
        Assert.IsTrue(segments.All(s => s!["legend"] is not null && s["color"] is not null));
        Assert.Contains("112.53%", Texts(gauge["fallback"]!));
    }

    [TestMethod]
    [DataRow(1.1253, 150)]
    [DataRow(0.42, 150)]
    [DataRow(1.5, 150)]
    [DataRow(1.731, 200)]
    public void The_gauge_dial_reaches_past_the_attainment(double attainment, int max)
    {
        var scorecard = Reps.Dana() with { Attainment = new(Spm.Domain.Quotas.Measure.Revenue, 50_000m * (decimal)attainment, 50_000m) };

        var gauge = ChartFallback.ChartsIn(ScorecardCard.Build(scorecard, Reps.Currencies, Reps.Statement)).Single();

        Assert.AreEqual((decimal)max, (decimal)gauge["max"]!);
    }

    [TestMethod]
    public void A_scorecard_without_quota_says_so_instead_of_a_gauge_or_a_tier()
    {
        var scorecard = Reps.Dana() with { Attainment = new(Spm.Domain.Quotas.Measure.Revenue, 56_265m, null), NextTier = null };

        var card = ScorecardCard.Build(scorecard, Reps.Currencies, Reps.Statement);

        Assert.IsEmpty(ChartFallback.ChartsIn(card));
        Assert.Contains("no quota", Texts(card));
        Assert.Contains("No quota is assigned for this period.", Texts(card));
    }

    [TestMethod]
    public void The_leaderboard_ranks_the_team_in_the_domains_order_with_a_bar_chart_and_a_table_fallback()
    {
        var team = Reps.Team(7).Reverse().ToList();

        var chart = ChartFallback.ChartsIn(LeaderboardCard.Build("West", "Q3 FY2026", team)).Single();

        Assert.AreEqual("Chart.HorizontalBar", (string?)chart["type"]);
        Assert.AreEqual("AbsoluteWithAxis", (string?)chart["displayMode"]);
        var data = chart["data"]!.AsArray();
        Assert.HasCount(7, data);
        Assert.AreEqual("Avery Okafor-Lindqvist", (string?)data[0]!["x"]);
        Assert.AreEqual(130m, (decimal)data[0]!["y"]!);
        Assert.AreEqual(106.5m, (decimal)data[6]!["y"]!);
        Assert.AreEqual("""{"x":"Gray Okafor-Lindqvist","y":106.5}""", data[6]!.ToJsonString());
        var table = Texts(chart["fallback"]!);
        Assert.AreSequenceEqual(new[] { "1.", "Avery Okafor-Lindqvist", "130%" }, table.Take(3).ToList());
    }

    [TestMethod]
    public void The_leaderboard_shows_no_earnings_of_teammates()
    {
        var card = LeaderboardCard.Build("West", "Q3 FY2026", Reps.Team(7));
        var shown = string.Join("\n", Texts(card).Append((string)card["fallbackText"]!));

        Assert.DoesNotContain("$", shown);
        Assert.DoesNotContain("earned", shown);
    }

    [TestMethod]
    public void The_refusal_card_names_no_numbers()
    {
        var card = RefusalCard.Build("Marcus Oyelaran");
        var shown = string.Join("\n", Texts(card).Append((string)card["fallbackText"]!));

        Assert.IsEmpty(shown.Where(char.IsDigit), shown);
        Assert.Contains("Sorry, I can't show the scorecard of Marcus Oyelaran. Scorecards are visible to the rep and to the managers in their line.", Texts(RefusalCard.Build("Marcus Oyelaran")));
    }

    [TestMethod]
    public void Help_and_welcome_list_every_command()
    {
        foreach (var card in new[] { HelpCard.Build(), WelcomeCard.Build("Dana Whitfield") })
        {
            var facts = Facts(card);
            Assert.AreSequenceEqual(new[] { "scorecard", "scorecard @rep", "team", "leaderboard", "statement", "help" }, facts.Keys.ToList());
        }

        Assert.Contains("Welcome to Sales Performance, Dana Whitfield", Texts(WelcomeCard.Build("Dana Whitfield")));
    }

    [TestMethod]
    public void A_scorecard_in_a_currency_the_organization_does_not_know_is_refused_naming_the_code()
    {
        var ex = Assert.ThrowsExactly<Spm.Domain.SpmRuleException>(() => ScorecardCard.Build(Reps.Dana() with { CurrencyCode = "CHF" }, Reps.Currencies, Reps.Statement));

        Assert.Contains("'CHF'", ex.Message);
    }

    private static List<string> Texts(JsonNode node) =>
        Descendants(node).Where(o => (string?)o["type"] == "TextBlock").Select(o => (string)o["text"]!).ToList();

    private static Dictionary<string, string> Facts(JsonNode node) =>
        Descendants(node).Where(o => (string?)o["type"] == "FactSet").SelectMany(o => o["facts"]!.AsArray())
            .ToDictionary(f => (string)f!["title"]!, f => (string)f!["value"]!);

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };
}
