extern alias SpmPlugins;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using Spm.Dataverse.Store;
using SpmPlugins::Spm.Plugins.Steps;
using S = SpmPlugins::Spm.Plugins.Data.SpmSchema;

namespace Spm.Benchmarks
{
    /// <summary>
    /// A sales team in the in-memory Dataverse running the steps the solution ships: a VP, two managers and 20 reps (10 each),
    /// FY2026 quarters (fiscal year = calendar year, all open), USD base and EUR, a graduated plan (10% up to quota, 15% above,
    /// a big-deal SPIFF), quarterly quotas, and Q1 history won through the pipeline up to <see cref="Today"/>: 150 deals of the
    /// measured rep and 60 of every other rep, with the managers' roll-ups run. The measured rep alone is on an identical copy
    /// of the plan, so a change to that plan makes CompPlanPlugin recalculate exactly that participant.
    /// </summary>
    public sealed class PluginOrg
    {
        public const int Seed = 20260319;
        public const int Managers = 2;
        public const int RepsPerManager = 10;
        public const int MeasuredRepDeals = 150;
        public const int OtherRepDeals = 60;

        /// <summary>The day the measured wins close: late in Q1, with the quarter's history behind it.</summary>
        public static readonly DateTime Today = new DateTime(2026, 3, 19);

        private static readonly Guid Admin = Id(0xa0, 1);
        private static readonly Guid Usd = Id(0xc0, 1);
        private static readonly Guid Eur = Id(0xc0, 2);
        private static readonly Guid TeamPlan = Id(0xd0, 1);
        private static readonly Guid MeasuredPlan = Id(0xd0, 2);

        private readonly Random _random = new Random(Seed);
        private readonly List<Guid> _participants = new List<Guid>();
        private readonly List<Guid> _reps = new List<Guid>();
        private readonly Dictionary<Guid, Guid> _acceleratorTierOf = new Dictionary<Guid, Guid>();
        private DateTime _now;
        private decimal _measuredAcceleratorRate = 15m;
        private int _opportunities;

        private PluginOrg()
        {
            _now = Today.AddHours(10);
            Store = new InMemoryOrganization(DataverseMetadata.Default(), () => _now) { BaseCurrencyId = Usd, EnforceSecurity = true };
            Raw = Store.CreateService(Admin);
            Timed = new TimedStore(Store);
            Pipeline = new PluginPipeline(Timed, new PluginPipelineOptions { UtcNow = () => _now, SystemUserId = Admin });
            // The packed steps and the post-import ones (Win, Lose): what an admin deploys. The plug-in types are found
            // among the loaded assemblies, so load the plug-in assembly first.
            _ = typeof(OpportunityCreditPlugin).Assembly;
            Pipeline.RegisterFolder(SeedRows.SolutionFolder(string.Empty));
            Service = Pipeline.CreateOrganizationService(Admin);
        }

        public InMemoryOrganization Store { get; }

        /// <summary>The data without plugins: reference data is seeded through it.</summary>
        public IOrganizationService Raw { get; }

        /// <summary>The store as the pipeline sees it: times the requests the steps make.</summary>
        public TimedStore Timed { get; }

        public PluginPipeline Pipeline { get; }

        /// <summary>What a CRM user calls: every request runs the registered steps.</summary>
        public IOrganizationService Service { get; }

        /// <summary>The rep whose win and recalculation are measured.</summary>
        public Guid MeasuredRep { get; private set; }

        public int ParticipantCount => _participants.Count;

        public static PluginOrg Build()
        {
            var org = new PluginOrg();
            org.SeedReferenceData();
            org.SeedHistory();
            return org;
        }

        /// <summary>A new open opportunity of the measured rep closing today, created as a user would (Create steps and their async jobs run).</summary>
        public Guid NewOpenOpportunity()
        {
            Clock(Today);
            var amount = Amount();
            var id = Service.Create(Opportunity(Name("Measured"), MeasuredRep, amount, Today, Usd));
            Pipeline.RunAsyncSteps();
            return id;
        }

        /// <summary>Wins an open opportunity today at its estimated value: the request a salesperson's "Close as won" sends.</summary>
        public void Win(Guid opportunity)
        {
            var estimated = Raw.Retrieve(S.Opportunity.Table, opportunity, new ColumnSet(S.Opportunity.EstimatedValue)).GetAttributeValue<Money>(S.Opportunity.EstimatedValue).Value;
            Win(opportunity, estimated, Today);
        }

        /// <summary>
        /// Alternates the accelerator rate of the measured rep's plan (15% / 15.5%), so every recalculation moves the Q1
        /// statement: the update queues CompPlanPlugin's asynchronous step, which <see cref="PluginPipeline.RunAsyncSteps"/> runs.
        /// </summary>
        public void ChangeMeasuredPlanRate()
        {
            Clock(Today);
            _measuredAcceleratorRate = _measuredAcceleratorRate == 15m ? 15.5m : 15m;
            var tier = new Entity(S.PlanTier.Table, _acceleratorTierOf[MeasuredPlan]);
            tier[S.PlanTier.Rate] = _measuredAcceleratorRate;
            Service.Update(tier);
        }

        public int LedgerRows(Guid participant) => Count(S.Credit.Table, S.Credit.Participant, participant);

        public int Statements(Guid participant) => Count(S.Statement.Table, S.Statement.Participant, participant);

        /// <summary>The one run of a plugin type among the steps recorded since the last ClearRecords.</summary>
        public ExecutionRecord Step(string pluginType, string message, StepMode mode)
        {
            var runs = Pipeline.Executions.Where(e => e.MessageName == message && e.Mode == mode && e.PluginTypeName.EndsWith("." + pluginType, StringComparison.Ordinal)).ToList();
            if (runs.Count != 1 || !runs[0].Succeeded)
            {
                throw new InvalidOperationException($"Expected one successful {pluginType} run on {message}, found {runs.Count}: {runs.FirstOrDefault()?.Exception}");
            }

            return runs[0];
        }

        /// <summary>Throws if an asynchronous job failed: a failed roll-up or recalculation would make the figures meaningless.</summary>
        public void EnsureNoFailures()
        {
            if (Pipeline.FailedAsyncOperations.Count > 0)
            {
                throw new InvalidOperationException("An asynchronous step failed: " + Pipeline.FailedAsyncOperations[0].LastError);
            }
        }

        private static Guid Id(int kind, int n) => new Guid(string.Format(CultureInfo.InvariantCulture, "{0:x8}-0000-0000-0000-{1:x12}", kind, n));

        private void Clock(DateTime day) => _now = day.AddHours(10);

        private string Name(string prefix) => prefix + " deal " + (++_opportunities).ToString("D5", CultureInfo.InvariantCulture);

        // Deals of $5,000 to $40,000 in $50 steps: a rep's 150 Q1 deals sum to about 110% of a $3M quota (in the accelerator).
        private decimal Amount() => 5_000m + (_random.Next(0, 701) * 50m);

        private int Count(string table, string column, Guid participant)
        {
            var query = new QueryExpression(table) { ColumnSet = new ColumnSet(false) };
            query.Criteria.AddCondition(column, ConditionOperator.Equal, participant);
            return Raw.RetrieveMultiple(query).Entities.Count;
        }

        private void Win(Guid opportunity, decimal revenue, DateTime closed)
        {
            Clock(closed);
            var close = new Entity("opportunityclose");
            close["opportunityid"] = new EntityReference(S.Opportunity.Table, opportunity);
            close["actualrevenue"] = new Money(revenue);
            close["actualend"] = closed;
            close["subject"] = "Won";
            Service.Execute(new WinOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(3) });
        }

        private static Entity Opportunity(string name, Guid owner, decimal estimated, DateTime estimatedClose, Guid currency)
        {
            var row = new Entity(S.Opportunity.Table);
            row[S.Opportunity.Name] = name;
            row[S.Opportunity.Owner] = new EntityReference(S.SystemUser.Table, owner);
            row[S.Opportunity.EstimatedValue] = new Money(estimated);
            row[S.Opportunity.EstimatedCloseDate] = estimatedClose;
            row[S.Opportunity.CloseProbability] = 60;
            row[S.Opportunity.Currency] = new EntityReference(S.TransactionCurrency.Table, currency);
            return row;
        }

        private void SeedReferenceData()
        {
            SeedRows.Currency(Raw, Usd, "USD", "US Dollar", "$", 1m);
            SeedRows.Currency(Raw, Eur, "EUR", "Euro", "€", 0.92m);
            SeedRows.Security(Raw);
            User(Admin, "Sales Ops Admin", null, "Sales Operations", SpmRole.Admin, participant: false);

            var periods = new List<Guid>();
            for (var q = 1; q <= 4; q++)
            {
                var start = new DateTime(2026, (3 * (q - 1)) + 1, 1);
                var period = new Entity(S.Period.Table);
                period[S.Period.Name] = "FY2026-Q" + q.ToString(CultureInfo.InvariantCulture);
                period[S.Period.Kind] = new OptionSetValue(S.Period.KindQuarter);
                period[S.Period.FiscalYear] = 2026;
                period[S.Period.Number] = q;
                period[S.Period.StartDate] = start;
                period[S.Period.EndDate] = start.AddMonths(3).AddDays(-1);
                period[S.Period.Status] = new OptionSetValue(S.Period.StatusOpen);
                periods.Add(Raw.Create(period));
            }

            Plan(TeamPlan, "AE-2026");
            Plan(MeasuredPlan, "AE-2026 (measured rep)");

            var vp = Id(0xa1, 1);
            User(vp, "VP Sales", null, "Leadership", SpmRole.Manager);
            Assign(vp, TeamPlan, periods, 36_000_000m);
            var user = 0;
            for (var m = 0; m < Managers; m++)
            {
                var manager = Id(0xa2, m + 1);
                var team = "Team " + (m + 1).ToString(CultureInfo.InvariantCulture);
                User(manager, "Manager " + (m + 1).ToString(CultureInfo.InvariantCulture), vp, team + " Management", SpmRole.Manager);
                Assign(manager, TeamPlan, periods, 18_000_000m);
                for (var r = 0; r < RepsPerManager; r++)
                {
                    var rep = Id(0xa3, ++user);
                    User(rep, "Rep " + user.ToString("D2", CultureInfo.InvariantCulture), manager, team, SpmRole.Rep);
                    _reps.Add(rep);
                    if (MeasuredRep == Guid.Empty)
                    {
                        MeasuredRep = rep;
                        Assign(rep, MeasuredPlan, periods, 3_000_000m);
                    }
                    else
                    {
                        Assign(rep, TeamPlan, periods, 1_000_000m + (_random.Next(0, 11) * 50_000m));
                    }
                }
            }
        }

        /// <summary>
        /// The Q1 history up to yesterday, in close-date order. Opportunities are stored directly (an open deal posts no credit,
        /// so the Create steps would only cost seeding time); every win goes through the pipeline, and the managers' roll-up
        /// jobs run once at the end, each with the date its win queued it.
        /// </summary>
        private void SeedHistory()
        {
            var deals = new List<(DateTime Closed, Guid Owner, decimal Amount, Guid Currency)>();
            foreach (var rep in _reps)
            {
                var count = rep == MeasuredRep ? MeasuredRepDeals : OtherRepDeals;
                for (var i = 0; i < count; i++)
                {
                    var closed = new DateTime(2026, 1, 2).AddDays(_random.Next(0, (Today - new DateTime(2026, 1, 2)).Days));
                    deals.Add((closed, rep, Amount(), _random.Next(0, 10) == 0 ? Eur : Usd));
                }
            }

            Clock(new DateTime(2025, 12, 15));
            var ids = deals.Select(d => Raw.Create(Opportunity(Name("History"), d.Owner, d.Amount, d.Closed, d.Currency))).ToList();
            foreach (var index in Enumerable.Range(0, deals.Count).OrderBy(i => deals[i].Closed).ThenBy(i => i))
            {
                Win(ids[index], deals[index].Amount, deals[index].Closed);
            }

            Pipeline.RunAsyncSteps();
            EnsureNoFailures();
            Clock(Today);
            Pipeline.ClearRecords();
            if (LedgerRows(MeasuredRep) != MeasuredRepDeals)
            {
                throw new InvalidOperationException($"The measured rep's ledger holds {LedgerRows(MeasuredRep)} rows, not {MeasuredRepDeals}.");
            }
        }

        private void Plan(Guid id, string name)
        {
            var plan = new Entity(S.CompPlan.Table, id);
            plan[S.CompPlan.Name] = name;
            plan[S.CompPlan.Currency] = new EntityReference(S.TransactionCurrency.Table, Usd);
            plan[S.CompPlan.Rounding] = new OptionSetValue(S.CompPlan.RoundingCommercial);
            plan[S.CompPlan.ClawbackDays] = 90;
            Raw.Create(plan);

            var component = new Entity(S.PlanComponent.Table);
            component[S.PlanComponent.Plan] = new EntityReference(S.CompPlan.Table, id);
            component[S.PlanComponent.Name] = "New business commission";
            component[S.PlanComponent.Kind] = new OptionSetValue(S.PlanComponent.KindCommission);
            component[S.PlanComponent.Measure] = new OptionSetValue(S.Quota.MeasureBase);
            component[S.PlanComponent.TierMode] = new OptionSetValue(S.PlanComponent.ModeGraduated);
            component[S.PlanComponent.Order] = 1;
            var componentId = Raw.Create(component);
            SeedRows.Tier(Raw, componentId, "Base", 0m, 100m, 10m);
            _acceleratorTierOf[id] = SeedRows.Tier(Raw, componentId, "Accelerator", 100m, null, 15m);

            var spiff = new Entity(S.Spiff.Table);
            spiff[S.Spiff.Plan] = new EntityReference(S.CompPlan.Table, id);
            spiff[S.Spiff.Name] = "Q1 big-deal SPIFF";
            spiff[S.Spiff.FirstDay] = new DateTime(2026, 2, 1);
            spiff[S.Spiff.LastDay] = new DateTime(2026, 3, 31);
            spiff[S.Spiff.BonusPerDeal] = new Money(250m);
            spiff[S.Spiff.MinimumDealAmount] = new Money(35_000m);
            Raw.Create(spiff);
        }

        private void Assign(Guid participant, Guid plan, IEnumerable<Guid> periods, decimal quota)
        {
            var assignment = new Entity(S.PlanAssignment.Table);
            assignment[S.PlanAssignment.Participant] = new EntityReference(S.SystemUser.Table, participant);
            assignment[S.PlanAssignment.Plan] = new EntityReference(S.CompPlan.Table, plan);
            assignment[S.PlanAssignment.EffectiveFrom] = new DateTime(2026, 1, 1);
            Raw.Create(assignment);
            foreach (var period in periods)
            {
                var row = new Entity(S.Quota.Table);
                row[S.Quota.Participant] = new EntityReference(S.SystemUser.Table, participant);
                row[S.Quota.Period] = new EntityReference(S.Period.Table, period);
                row[S.Quota.Measure] = new OptionSetValue(S.Quota.MeasureBase);
                row[S.Quota.Amount] = quota;
                Raw.Create(row);
            }
        }

        private void User(Guid id, string name, Guid? manager, string team, SpmRole role, bool participant = true)
        {
            SeedRows.User(Raw, id, name, manager, team, participant, new DateTime(2021, 3, 1));
            SeedRows.Grant(Raw, id, role);
            if (participant)
            {
                _participants.Add(id);
            }
        }
    }
}
