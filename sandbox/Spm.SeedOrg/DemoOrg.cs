using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Engine;
using Spm.Domain.Money;
using Spm.Domain.Participants;
using Spm.Domain.Plans;
using Spm.Domain.Quotas;
using Spm.Domain.Statements;

namespace Spm.SeedOrg
{
    /// <summary>A deterministic demo sales org for Q1 FY2026: people, quotas, plans and ~120 opportunities.</summary>
    public sealed class DemoOrg
    {
        public const string OrgName = "Northwind Cloud Inc.";

        /// <summary>The only notion of "today": the demo never reads the clock.</summary>
        public static readonly DateTime AsOf = new DateTime(2026, 3, 20);
        public const string OverlayTeam = "Solutions Overlay";
        public const string LeadershipTeam = "Sales Leadership";
        public static readonly string[] RepTeams = { "Enterprise East", "Enterprise West", "Mid-Market EMEA" };

        // Dataverse-style exchange rates: units of transaction currency per 1 USD, by month of close.
        private static readonly Dictionary<(string Currency, int Month), decimal> Rates = new Dictionary<(string, int), decimal>
        {
            [("EUR", 1)] = 0.92m, [("EUR", 2)] = 0.93m, [("EUR", 3)] = 0.92m,
            [("GBP", 1)] = 0.79m, [("GBP", 2)] = 0.80m, [("GBP", 3)] = 0.79m,
        };

        private static readonly string[] Companies =
        {
            "Northwind Traders", "Contoso Pharma", "Fabrikam Logistics", "Adventure Works", "Tailspin Toys", "Litware",
            "Proseware", "Wide World Importers", "Woodgrove Bank", "Alpine Ski House", "Coho Winery", "Fourth Coffee",
            "Lamna Healthcare", "Margie's Travel", "Trey Research", "VanArsdel", "Wingtip Toys", "Relecloud",
            "Humongous Insurance", "Blue Yonder Airlines", "Bellows College", "Consolidated Messenger", "City Power & Light",
            "Southridge Video", "Lucerne Publishing", "First Up Consultants", "Graphic Design Institute", "Nod Publishers",
            "Datum Corporation", "Adatum Health", "Baldwin Museum", "Best For You Organics", "Fincher Architects",
            "Liberty Delightful Foods", "Munson's Pickles", "Wood Bros Engineering", "Tasmanian Traders", "Olympia Freight",
            "Hexagon Retail", "Meridian Energy",
        };

        private static readonly string[] Products =
        {
            "Platform Subscription", "Analytics Suite", "Enterprise License", "Data Migration", "Premium Tier Upgrade",
            "Security Add-on", "Multi-year Renewal", "Integration Services",
        };

        private DemoOrg()
        {
        }

        public FiscalCalendar Calendar { get; private set; } = FiscalCalendar.CalendarYear;
        public PeriodBook Periods { get; private set; } = null!;
        public FiscalPeriod Quarter { get; private set; } = null!;
        public SalesOrganization Organization { get; private set; } = null!;
        public SpmEngine Engine { get; private set; } = null!;
        public IReadOnlyList<Participant> Reps { get; private set; } = Array.Empty<Participant>();
        public IReadOnlyList<Deal> Opportunities { get; private set; } = Array.Empty<Deal>();
        public CompPlan AePlan { get; private set; } = null!;

        /// <summary>Every plan of the org, in the order they are defined (AE, AE ramp, VP, CRO, overlay).</summary>
        public IReadOnlyList<CompPlan> Plans { get; private set; } = Array.Empty<CompPlan>();

        public IReadOnlyList<PlanAssignment> Assignments { get; private set; } = Array.Empty<PlanAssignment>();

        public IReadOnlyList<Quota> Quotas { get; private set; } = Array.Empty<Quota>();

        public CurrencyTable Currencies { get; private set; } = null!;

        /// <summary>The manual adjustments sales ops book during the quarter (<see cref="AddDemoAdjustments"/> adds them to the engine).</summary>
        public IReadOnlyList<StatementAdjustment> Adjustments { get; } = new[]
        {
            new StatementAdjustment("ADJ-0001", "aisha", "FY2026-Q1", 750m, new DateTime(2026, 3, 2), "Split correction for a Q4 FY2025 deal (Woodgrove Bank)"),
        };

        /// <summary>Units of <paramref name="currency"/> per 1 USD in a month of 2026 (1 for USD), as the org's currency rates stood then.</summary>
        public static decimal ExchangeRate(string currency, int month) => currency == "USD" ? 1m : Rates[(currency, month)];

        /// <summary>The non-USD currencies the org trades in.</summary>
        public static IReadOnlyList<string> ForeignCurrencies { get; } = new[] { "EUR", "GBP" };

        public static DemoOrg Build(DateTime asOf)
        {
            var demo = new DemoOrg();
            demo.Calendar = new FiscalCalendar(1);
            demo.Periods = PeriodBook.ForFiscalYear(demo.Calendar, 2026, PeriodKind.Quarter);
            demo.Quarter = demo.Periods.Get("FY2026-Q1");
            var q1 = demo.Quarter;

            var people = new List<Participant>
            {
                new Participant("cro", "Catherine Reyes", null, LeadershipTeam, "Global", "USD", new DateTime(2021, 3, 1)),
                new Participant("vp-amer", "Marcus Bennett", "cro", LeadershipTeam, "Americas", "USD", new DateTime(2022, 6, 13)),
                new Participant("vp-emea", "Sophie Laurent", "cro", LeadershipTeam, "EMEA", "EUR", new DateTime(2023, 1, 9)),

                new Participant("olivia", "Olivia Carter", "vp-amer", "Enterprise East", "New York Metro", "USD", new DateTime(2022, 2, 7)),
                new Participant("james", "James Whitaker", "vp-amer", "Enterprise East", "New England", "USD", new DateTime(2023, 8, 21)),
                new Participant("aisha", "Aisha Thompson", "vp-amer", "Enterprise East", "Mid-Atlantic", "USD", new DateTime(2021, 11, 1)),
                new Participant("daniel", "Daniel Kim", "vp-amer", "Enterprise East", "Southeast", "USD", new DateTime(2024, 4, 15)),
                new Participant("rachel", "Rachel Goldberg", "vp-amer", "Enterprise East", "Capital Region", "USD", new DateTime(2023, 3, 6)),

                new Participant("ethan", "Ethan Morales", "vp-amer", "Enterprise West", "Bay Area", "USD", new DateTime(2020, 9, 14)),
                new Participant("hannah", "Hannah Lee", "vp-amer", "Enterprise West", "Pacific Northwest", "USD", new DateTime(2022, 10, 3)),
                new Participant("tyler", "Tyler Brooks", "vp-amer", "Enterprise West", "Southern California", "USD", new DateTime(2024, 1, 8)),
                new Participant("grace", "Grace Nakamura", "vp-amer", "Enterprise West", "Mountain", "USD", new DateTime(2023, 5, 22)),
                new Participant("noah", "Noah Patel", "vp-amer", "Enterprise West", "Texas", "USD", new DateTime(2026, 2, 9)),

                new Participant("lukas", "Lukas Becker", "vp-emea", "Mid-Market EMEA", "DACH", "EUR", new DateTime(2022, 4, 4)),
                new Participant("charlotte", "Charlotte Evans", "vp-emea", "Mid-Market EMEA", "UK & Ireland", "GBP", new DateTime(2023, 9, 11)),
                new Participant("matteo", "Matteo Rossi", "vp-emea", "Mid-Market EMEA", "Southern Europe", "EUR", new DateTime(2021, 7, 19)),
                new Participant("amelie", "Amelie Dubois", "vp-emea", "Mid-Market EMEA", "France & Benelux", "EUR", new DateTime(2024, 2, 26)),

                new Participant("priya", "Priya Natarajan", "cro", OverlayTeam, "Americas (overlay)", "USD", new DateTime(2022, 1, 10)),
            };
            demo.Organization = new SalesOrganization(people);
            demo.Reps = people.Where(p => RepTeams.Contains(p.Team)).ToList();

            // Quarterly revenue quotas (USD). The new hire ramps 25% / 50% / 75% over their first three months.
            var repQuota = new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                ["olivia"] = 325_000m, ["james"] = 300_000m, ["aisha"] = 300_000m, ["daniel"] = 275_000m, ["rachel"] = 300_000m,
                ["ethan"] = 350_000m, ["hannah"] = 300_000m, ["tyler"] = 275_000m, ["grace"] = 300_000m, ["noah"] = 300_000m,
                ["lukas"] = 180_000m, ["charlotte"] = 175_000m, ["matteo"] = 180_000m, ["amelie"] = 160_000m,
            };
            // The same quota every quarter of the fiscal year, as sales ops set the year's quotas up front.
            var quotas = new List<Quota>();
            foreach (var quarter in demo.Periods.Periods)
            {
                quotas.AddRange(repQuota.Select(kv => kv.Key == "noah"
                    ? new Quota(kv.Key, quarter, Measure.Revenue, kv.Value, RampSchedule.ThreeMonth)
                    : new Quota(kv.Key, quarter, Measure.Revenue, kv.Value)));
                quotas.Add(new Quota("vp-amer", quarter, Measure.Revenue, 2_500_000m));
                quotas.Add(new Quota("vp-emea", quarter, Measure.Revenue, 620_000m));
                quotas.Add(new Quota("cro", quarter, Measure.Revenue, 3_100_000m));
            }

            var quotaBook = new QuotaBook(quotas);
            demo.Quotas = quotas;

            // Plans.
            var usd = MoneyRounding.Commercial(Currency.Usd);
            var aeTiers = new RateTable(new[]
            {
                new Tier("Ramp-in", 0m, 0.50m, 0.02m),
                new Tier("Base", 0.50m, 1.00m, 0.05m),
                new Tier("Accelerator", 1.00m, 1.50m, 0.08m),
                new Tier("Super-accelerator", 1.50m, null, 0.10m),
            });
            var commission = new CommissionComponent("ae-commission", "Revenue commission", Measure.Revenue, aeTiers, TierMode.Graduated, attainmentCap: 2.0m, payoutCap: 60_000m);
            var spiff = new Spiff("q1-new-logo", "Q1 New Logo SPIFF", new DateTime(2026, 2, 1), new DateTime(2026, 3, 31), 500m, minimumDealAmount: 25_000m, category: "New Logo");
            demo.AePlan = new CompPlan("fy26-ae", "FY26 AE Plan", usd, new PlanComponent[] { commission }, new[] { spiff });
            var rampPlan = new CompPlan("fy26-ae-ramp", "FY26 AE Plan (ramp, with draw)", usd, new PlanComponent[] { commission }, new[] { spiff }, new Draw(6_000m, recoverable: true));
            var managerTable = new RateTable(new[]
            {
                new Tier("Below target", 0m, 1.00m, 1.0m),
                new Tier("Above target", 1.00m, null, 1.5m),
            });
            var vpPlan = new CompPlan("fy26-vp", "FY26 Regional VP Plan", usd, new PlanComponent[]
            {
                new TargetIncentiveComponent("vp-ti", "Team revenue target incentive", Measure.Revenue, 30_000m, managerTable, attainmentCap: 2.0m),
            });
            var croPlan = new CompPlan("fy26-cro", "FY26 CRO Plan", usd, new PlanComponent[]
            {
                new TargetIncentiveComponent("cro-ti", "Company revenue target incentive", Measure.Revenue, 60_000m, managerTable, attainmentCap: 2.0m),
            });
            var overlayPlan = new CompPlan("fy26-overlay", "FY26 Solutions Overlay Plan", usd, new PlanComponent[]
            {
                new CommissionComponent("overlay-commission", "Overlay commission", Measure.Revenue, RateTable.Flat(0.01m)),
            });
            var planStart = new DateTime(2026, 1, 1);
            var assignments = new List<PlanAssignment>
            {
                new PlanAssignment("cro", croPlan, planStart),
                new PlanAssignment("vp-amer", vpPlan, planStart),
                new PlanAssignment("vp-emea", vpPlan, planStart),
                new PlanAssignment("priya", overlayPlan, planStart),
            };
            assignments.AddRange(demo.Reps.Select(r => new PlanAssignment(r.Id, r.Id == "noah" ? rampPlan : demo.AePlan, planStart)));

            var currencies = new CurrencyTable(Currency.Usd, new[] { Currency.Eur, Currency.Gbp });
            demo.Currencies = currencies;
            demo.Plans = new[] { demo.AePlan, rampPlan, vpPlan, croPlan, overlayPlan };
            demo.Assignments = assignments;
            demo.Engine = new SpmEngine(demo.Calendar, demo.Periods, demo.Organization, currencies, quotaBook, new PlanAssignments(assignments));
            demo.Opportunities = GenerateDeals(demo.Reps, repQuota, asOf);
            return demo;
        }

        private static List<Deal> GenerateDeals(IReadOnlyList<Participant> reps, IReadOnlyDictionary<string, decimal> quota, DateTime asOf)
        {
            // How far each rep is through their quarter by the as-of date (0.88 of the quarter has elapsed).
            var form = new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                ["olivia"] = 1.42m, ["james"] = 0.96m, ["aisha"] = 1.12m, ["daniel"] = 0.58m, ["rachel"] = 0.81m,
                ["ethan"] = 1.63m, ["hannah"] = 1.04m, ["tyler"] = 0.44m, ["grace"] = 0.89m, ["noah"] = 1.15m,
                ["lukas"] = 1.21m, ["charlotte"] = 0.92m, ["matteo"] = 0.67m, ["amelie"] = 1.01m,
            };
            var random = new Random(2026);
            var deals = new List<Deal>();
            var quarterStart = new DateTime(2026, 1, 5);
            var company = 0;
            var serial = 1000;
            for (var r = 0; r < reps.Count; r++)
            {
                var rep = reps[r];
                var emea = rep.Team == "Mid-Market EMEA";
                var enterprise = !emea;
                var start = rep.HireDate > quarterStart ? rep.HireDate.AddDays(7) : quarterStart;
                var wonCount = rep.Id == "noah" ? 3 : 4 + (r % 3 == 0 ? 1 : 0);
                var effectiveQuota = rep.Id == "noah" ? quota[rep.Id] * 0.25m : quota[rep.Id];
                var target = effectiveQuota * form[rep.Id];
                var teammates = reps.Where(p => p.Team == rep.Team && p.Id != rep.Id && p.Id != "noah").ToList();
                var weights = Enumerable.Range(0, wonCount).Select(_ => 0.6m + ((decimal)random.Next(0, 80) / 100m)).ToList();
                var weightSum = weights.Sum();
                var span = (asOf - start).Days;
                for (var i = 0; i < wonCount + 4; i++)
                {
                    var status = i < wonCount ? DealStatus.Won : i < wonCount + 2 ? DealStatus.Lost : DealStatus.Open;
                    if (status == DealStatus.Lost && rep.Id == "noah" && i == wonCount + 1)
                    {
                        continue;
                    }

                    var usdAmount = status == DealStatus.Won
                        ? target * weights[i] / weightSum
                        : (enterprise ? 30_000m : 12_000m) + random.Next(0, enterprise ? 60 : 25) * 1_000m;
                    var currency = emea ? rep.CurrencyCode : "USD";
                    var closeDay = start.AddDays(((i * span) / (wonCount + 2)) + random.Next(0, Math.Max(1, span / (wonCount + 2))));
                    if (closeDay > asOf)
                    {
                        closeDay = asOf;
                    }

                    var createdOn = closeDay.AddDays(-(20 + random.Next(0, 70)));
                    if (createdOn < rep.HireDate)
                    {
                        createdOn = rep.HireDate;
                    }

                    decimal? rate = currency == "USD" ? (decimal?)null : Rates[(currency, closeDay.Month)];
                    var amount = Math.Round((usdAmount * (rate ?? 1m)) / 100m, MidpointRounding.AwayFromZero) * 100m;
                    var category = (serial % 5) switch { 0 or 2 or 3 => "New Logo", 1 => "Expansion", _ => "Renewal" };
                    var name = $"{Companies[company++ % Companies.Length]} – {Products[(serial * 7) % Products.Length]}";
                    var splits = new List<DealSplit>();
                    if (status == DealStatus.Won && i == 1 && enterprise && r % 2 == 0 && teammates.Count > 0)
                    {
                        var partner = teammates[(r + i) % teammates.Count];
                        splits.Add(new DealSplit(rep.Id, 60m, SplitKind.Revenue));
                        splits.Add(new DealSplit(partner.Id, 40m, SplitKind.Revenue));
                    }

                    if (status == DealStatus.Won && enterprise && usdAmount >= 60_000m)
                    {
                        splits.Add(new DealSplit("priya", 100m, SplitKind.Overlay));
                    }

                    var id = "OPP-" + (serial++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (status == DealStatus.Open)
                    {
                        var estimated = i == wonCount + 2 ? asOf.AddDays(2 + random.Next(0, 9)) : asOf.AddDays(20 + random.Next(0, 50));
                        var probability = i == wonCount + 2 ? 40m + (random.Next(0, 6) * 10m) : 10m + (random.Next(0, 4) * 10m);
                        deals.Add(new Deal(id, name, rep.Id, status, amount, currency, rate, asOf.AddDays(-random.Next(10, 60)), estimated, null, probability, Math.Round(amount * 0.7m, 2), 1m, category, splits));
                    }
                    else
                    {
                        deals.Add(new Deal(id, name, rep.Id, status, amount, currency, rate, createdOn, closeDay, closeDay, status == DealStatus.Won ? 100m : 0m, Math.Round(amount * 0.7m, 2), 1m, category, splits));
                    }
                }
            }

            return deals;
        }

        /// <summary>One manual adjustment so statements show the ManualAdjustment line kind.</summary>
        public void AddDemoAdjustments()
        {
            foreach (var adjustment in Adjustments)
            {
                Engine.AddAdjustment(adjustment);
            }
        }
    }
}
