using System;
using System.Collections.Generic;
using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Engine;
using Spm.Domain.Money;
using Spm.Domain.Participants;
using Spm.Domain.Plans;
using Spm.Domain.Quotas;

namespace Spm.Benchmarks
{
    /// <summary>
    /// A deterministic synthetic org: 1 CRO, 9 VPs, 90 directors, 900 first-line managers, 9,000 reps (10,000 participants),
    /// one graduated commission plan with a SPIFF, a Q1 FY2026 revenue quota each, and 1,000,000 won Q1 deals owned by reps.
    /// Deals are posted in close-date order (reps interleaved, as they arrive in production) with RollUpPolicy.None, so the
    /// ledger holds exactly 1,000,000 direct (owner) credits.
    /// </summary>
    public sealed class SyntheticOrg
    {
        public const int Seed = 20260101;
        public const int DealCount = 1_000_000;
        public const int Vps = 9;
        public const int DirectorsPerVp = 10;
        public const int ManagersPerDirector = 10;
        public const int RepsPerManager = 10;

        private SyntheticOrg(SpmEngine engine, FiscalPeriod q1, DateTime asOf, string[] participantIds, Deal[] incrementalDeals, int credits)
        {
            Engine = engine;
            Q1 = q1;
            AsOf = asOf;
            ParticipantIds = participantIds;
            IncrementalDeals = incrementalDeals;
            CreditCount = credits;
        }

        public SpmEngine Engine { get; }

        public FiscalPeriod Q1 { get; }

        public DateTime AsOf { get; }

        public string[] ParticipantIds { get; }

        /// <summary>
        /// Deals of different reps (recorded in the engine via ApplyDeal) that the incremental benchmark changes in turn,
        /// as a live org does; changing one deal thousands of times would grow one rep's ledger far beyond reality.
        /// </summary>
        public Deal[] IncrementalDeals { get; }

        public int CreditCount { get; }

        public const int IncrementalDealCount = 2_000;

        public static SyntheticOrg Build()
        {
            var random = new Random(Seed);
            var hire = new DateTime(2020, 1, 5);
            var participants = new List<Participant>(10_000);
            var reps = new List<string>(9_000);
            participants.Add(new Participant("P00000", "Chief Revenue Officer", null, "Exec", "Global", "USD", hire));
            var next = 1;
            string NewId() => "P" + (next++).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            for (var v = 0; v < Vps; v++)
            {
                var vp = NewId();
                participants.Add(new Participant(vp, "VP " + vp, "P00000", "Region" + v, "R" + v, "USD", hire));
                for (var d = 0; d < DirectorsPerVp; d++)
                {
                    var director = NewId();
                    participants.Add(new Participant(director, "Director " + director, vp, "Region" + v, "R" + v, "USD", hire));
                    for (var m = 0; m < ManagersPerDirector; m++)
                    {
                        var manager = NewId();
                        var team = "Team" + manager;
                        participants.Add(new Participant(manager, "Manager " + manager, director, team, "R" + v, "USD", hire));
                        for (var r = 0; r < RepsPerManager; r++)
                        {
                            var rep = NewId();
                            participants.Add(new Participant(rep, "Rep " + rep, manager, team, "R" + v, "USD", hire));
                            reps.Add(rep);
                        }
                    }
                }
            }

            var calendar = new FiscalCalendar(1);
            var periods = PeriodBook.ForFiscalYear(calendar, 2026, PeriodKind.Quarter);
            var q1 = periods.Periods[0];
            var currencies = new CurrencyTable(Currency.Usd, new[] { Currency.Eur });
            var organization = new SalesOrganization(participants);

            // Reps average ~111 deals x $25k = ~$2.8M; quotas from $1.5M to $4M put attainment across every tier.
            var quotas = new List<Quota>(participants.Count);
            foreach (var participant in participants)
            {
                quotas.Add(new Quota(participant.Id, q1, Measure.Revenue, 1_500_000m + random.Next(0, 2_500) * 1_000m));
            }

            var tiers = new RateTable(new[]
            {
                new Tier("Base", 0m, 1.0m, 0.05m),
                new Tier("Accelerator", 1.0m, 1.5m, 0.08m),
                new Tier("Super", 1.5m, null, 0.10m),
            });
            var commission = new CommissionComponent("commission", "Revenue commission", Measure.Revenue, tiers, TierMode.Graduated, attainmentCap: 2.0m);
            var spiff = new Spiff("big-deal", "Q1 big-deal SPIFF", new DateTime(2026, 2, 1), new DateTime(2026, 3, 31), 250m, minimumDealAmount: 40_000m);
            var plan = new CompPlan("standard", "Standard 2026", MoneyRounding.Commercial(Currency.Usd), new PlanComponent[] { commission }, new[] { spiff });
            var effective = new DateTime(2026, 1, 1);
            var assignments = new List<PlanAssignment>(participants.Count);
            foreach (var participant in participants)
            {
                assignments.Add(new PlanAssignment(participant.Id, plan, effective));
            }

            var engine = new SpmEngine(calendar, periods, organization, currencies, new QuotaBook(quotas), new PlanAssignments(assignments), RollUpPolicy.None);

            // 1,000,000 deals: 111 per rep, plus one more for the first 1,000 reps; close dates uniform over Q1.
            var specs = new DealSpec[DealCount];
            var k = 0;
            for (var r = 0; r < reps.Count; r++)
            {
                var count = r < DealCount - (reps.Count * (DealCount / reps.Count)) ? (DealCount / reps.Count) + 1 : DealCount / reps.Count;
                for (var i = 0; i < count; i++)
                {
                    specs[k] = new DealSpec(k, r, random.Next(0, 90), 5_000m + random.Next(0, 40_001), random.Next(0, 10) == 0);
                    k++;
                }
            }

            Array.Sort(specs, (a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day) : a.Index.CompareTo(b.Index));
            var q1Start = q1.Start;
            var postedOn = new DateTime(2026, 4, 1);
            var incremental = new List<Deal>();
            var chosenReps = new HashSet<int>();
            foreach (var spec in specs)
            {
                var close = q1Start.AddDays(spec.Day);
                var id = "D" + spec.Index.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
                var deal = spec.Eur
                    ? new Deal(id, id, reps[spec.Rep], DealStatus.Won, spec.Amount, "EUR", 0.92m, close.AddDays(-30), close, close, 100m, spec.Amount * 0.4m, 1m)
                    : new Deal(id, id, reps[spec.Rep], DealStatus.Won, spec.Amount, "USD", null, close.AddDays(-30), close, close, 100m, spec.Amount * 0.4m, 1m);
                if (spec.Index % 97 == 0 && incremental.Count < IncrementalDealCount && chosenReps.Add(spec.Rep))
                {
                    // Recorded through the engine so it is a known deal, as a real incremental update would be.
                    engine.ApplyDeal(deal, postedOn);
                    incremental.Add(deal);
                }
                else
                {
                    engine.Ledger.Post(deal, postedOn);
                }
            }

            var ids = new string[participants.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = participants[i].Id;
            }

            return new SyntheticOrg(engine, q1, new DateTime(2026, 4, 5), ids, incremental.ToArray(), engine.Ledger.Count);
        }

        private readonly struct DealSpec
        {
            public DealSpec(int index, int rep, int day, decimal amount, bool eur)
            {
                Index = index;
                Rep = rep;
                Day = day;
                Amount = amount;
                Eur = eur;
            }

            public int Index { get; }

            public int Rep { get; }

            public int Day { get; }

            public decimal Amount { get; }

            public bool Eur { get; }
        }
    }
}
