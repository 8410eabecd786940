extern alias SpmPlugins;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using Spm.Dataverse.Store;
using SpmPlugins::Spm.Plugins.Data;
using SpmPlugins::Spm.Plugins.Steps;
using CreditScope = SpmPlugins::Spm.Domain.Credits.CreditScope;
using RecognitionEvent = SpmPlugins::Spm.Domain.Recognition.RecognitionEvent;
using S = SpmPlugins::Spm.Plugins.Data.SpmSchema;

namespace Spm.Benchmarks
{
    /// <summary>
    /// Issue 9: an org of a given shape for the --scale figures. Users in a 5-level line (VP → directors → managers → team
    /// leads → reps), quarterly fiscal periods over a span (fiscal year = calendar year), one graduated plan for everyone with
    /// quotas for every period, and history produced by production code: either the real pipeline (wins, reopenings,
    /// reassignments, period locks, each followed by its async jobs) or, for orgs too big for that in the in-memory store,
    /// the plug-ins' own services in bulk (<see cref="BulkWins"/>).
    /// </summary>
    public sealed class ScaleOrg
    {
        public static readonly Guid Admin = Id(0xa0, 1);
        private static readonly Guid Usd = Id(0xc0, 1);
        private static readonly Guid Eur = Id(0xc0, 2);
        private static readonly Guid Plan = Id(0xd0, 1);

        private Random _random;
        private readonly Dictionary<(int Year, int Quarter), Guid> _periods = new Dictionary<(int Year, int Quarter), Guid>();
        private readonly Dictionary<Guid, Guid> _managerOf = new Dictionary<Guid, Guid>();
        private readonly HashSet<Guid> _managers = new HashSet<Guid>();
        private readonly List<Guid> _participants = new List<Guid>();
        private DateTime _now;
        private int _opportunities;
        private int _users;

        /// <param name="creditKeys">
        /// Keep the alternate keys of spm_credit (participant + sequence, deal + participant + sequence) and spm_quota. The
        /// in-memory store enforces a key by scanning the whole table on every create (Dataverse uses a unique index), so
        /// seeding n rows costs O(n²); the org series turns them off. No step reads through them; the race run shows the
        /// ledger stays right with and without the credit keys.
        /// </param>
        public ScaleOrg(int seed, bool creditKeys)
        {
            _random = new Random(seed);
            var metadata = DataverseMetadata.Default();
            if (!creditKeys)
            {
                foreach (var table in new[] { S.Credit.Table, S.Quota.Table })
                {
                    var keys = (Dictionary<string, IReadOnlyList<string>>)typeof(TableMetadata).GetField("_keys", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(metadata.GetTable(table))!;
                    keys.Clear();
                }
            }

            CreditKeys = creditKeys;
            Store = new InMemoryOrganization(metadata, () => _now) { BaseCurrencyId = Usd, EnforceSecurity = true };
            Raw = Store.CreateService(Admin);
            Timed = new TimedStore(Store);
            Pipeline = new PluginPipeline(Timed, new PluginPipelineOptions { UtcNow = () => _now, SystemUserId = Admin });
            // The packed steps and the post-import ones (Win, Lose): what an admin deploys. The plug-in types are found
            // among the loaded assemblies, so load the plug-in assembly first.
            _ = typeof(OpportunityCreditPlugin).Assembly;
            Pipeline.RegisterFolder(SeedRows.SolutionFolder(string.Empty));

            Service = Pipeline.CreateOrganizationService(Admin);

            // A configured org: its configuration row carries a version (the first save through the CRM would create it).
            Raw.Create(new Entity(S.LedgerState.Table, S.LedgerState.ConfigurationRowId) { [S.LedgerState.Name] = "SPM configuration", [S.LedgerState.ConfigVersion] = Guid.NewGuid().ToString("N") });
            SeedRows.Currency(Raw, Usd, "USD", "US Dollar", "$", 1m);
            SeedRows.Currency(Raw, Eur, "EUR", "Euro", "€", 0.92m);
            SeedRows.Security(Raw);
            User(Admin, "Sales Ops Admin", null, "Sales Operations", participant: false);
            SeedRows.Grant(Raw, Admin, SpmRole.Admin);
        }

        public bool CreditKeys { get; }

        /// <summary>Where seeding time went (bulk seeding), in order.</summary>
        public List<(string Phase, double Seconds)> SeedPhases { get; } = new List<(string Phase, double Seconds)>();

        public InMemoryOrganization Store { get; }

        public IOrganizationService Raw { get; }

        public TimedStore Timed { get; }

        public PluginPipeline Pipeline { get; }

        public IOrganizationService Service { get; }

        public IReadOnlyList<Guid> Participants => _participants;

        public Guid ManagerOf(Guid user) => _managerOf.TryGetValue(user, out var manager) ? manager : Guid.Empty;

        public DateTime Now => _now;

        public void Clock(DateTime at) => _now = at;

        public static Guid Id(int kind, int n) => new Guid(string.Format(CultureInfo.InvariantCulture, "{0:x8}-0000-0000-0000-{1:x12}", kind, n));

        /// <summary>Quarterly periods from one quarter to another (inclusive), all open, and the plan with quotas for them.</summary>
        public void Periods((int Year, int Quarter) first, (int Year, int Quarter) last)
        {
            for (var q = first; Index(q) <= Index(last); q = Next(q))
            {
                var start = Start(q);
                var period = new Entity(S.Period.Table);
                period[S.Period.Name] = "FY" + q.Year.ToString(CultureInfo.InvariantCulture) + "-Q" + q.Quarter.ToString(CultureInfo.InvariantCulture);
                period[S.Period.Kind] = new OptionSetValue(S.Period.KindQuarter);
                period[S.Period.FiscalYear] = q.Year;
                period[S.Period.Number] = q.Quarter;
                period[S.Period.StartDate] = start;
                period[S.Period.EndDate] = start.AddMonths(3).AddDays(-1);
                period[S.Period.Status] = new OptionSetValue(S.Period.StatusOpen);
                _periods[q] = Raw.Create(period);
            }

            PlanRows(Start(first));
        }

        public Guid Period((int Year, int Quarter) quarter) => _periods[quarter];

        public static DateTime Start((int Year, int Quarter) q) => new DateTime(q.Year, (3 * (q.Quarter - 1)) + 1, 1);

        public static (int Year, int Quarter) QuarterOf(DateTime day) => (day.Year, ((day.Month - 1) / 3) + 1);

        public static (int Year, int Quarter) Next((int Year, int Quarter) q) => q.Quarter == 4 ? (q.Year + 1, 1) : (q.Year, q.Quarter + 1);

        public static (int Year, int Quarter) Back((int Year, int Quarter) q, int quarters)
        {
            var index = Index(q) - quarters;
            return (index / 4, (index % 4) + 1);
        }

        private static int Index((int Year, int Quarter) q) => (q.Year * 4) + q.Quarter - 1;

        /// <summary>A participant with a quota in every defined period (a manager's quota is the sum of the line below it, roughly).</summary>
        public Guid Participant(string name, Guid? manager, string team, decimal quarterlyQuota)
        {
            var id = Id(0xa1, ++_users);
            User(id, name, manager, team);
            var assignment = new Entity(S.PlanAssignment.Table);
            assignment[S.PlanAssignment.Participant] = new EntityReference(S.SystemUser.Table, id);
            assignment[S.PlanAssignment.Plan] = new EntityReference(S.CompPlan.Table, Plan);
            assignment[S.PlanAssignment.EffectiveFrom] = _periods.Keys.Min(q => Start(q));
            Raw.Create(assignment);
            foreach (var period in _periods.Values)
            {
                var row = new Entity(S.Quota.Table);
                row[S.Quota.Participant] = new EntityReference(S.SystemUser.Table, id);
                row[S.Quota.Period] = new EntityReference(S.Period.Table, period);
                row[S.Quota.Measure] = new OptionSetValue(S.Quota.MeasureBase);
                row[S.Quota.Amount] = quarterlyQuota;
                Raw.Create(row);
            }

            return id;
        }

        // Deals of $5,000 to $40,000 in $50 steps: ~12 a quarter make about a $250k quarterly quota.
        public decimal Amount() => 5_000m + (_random.Next(0, 701) * 50m);

        public Random Random => _random;

        /// <summary>Restarts the random source, so a stretch of history can be made identical across orgs.</summary>
        public void Reseed(int seed) => _random = new Random(seed);

        /// <summary>An open opportunity stored without plug-ins (an open deal posts no credit, so its Create steps would only cost seeding time).</summary>
        public Guid RawOpportunity(string prefix, Guid owner, decimal amount, DateTime estimatedClose, DateTime createdAt)
        {
            Clock(createdAt);
            return Raw.Create(Opportunity(prefix + " deal " + (++_opportunities).ToString("D6", CultureInfo.InvariantCulture), owner, amount, estimatedClose, _random.Next(0, 10) == 0 ? Eur : Usd));
        }

        /// <summary>A new open opportunity closing today, created as a user would (its Create steps and their async jobs run).</summary>
        public Guid NewOpenOpportunity(Guid owner, DateTime today)
        {
            Clock(today.AddHours(9));
            var id = Service.Create(Opportunity("Measured deal " + (++_opportunities).ToString("D6", CultureInfo.InvariantCulture), owner, Amount(), today, Usd));
            Pipeline.RunAsyncSteps();
            return id;
        }

        /// <summary>"Close as won" through the pipeline (the sync step runs; the roll-up job is queued).</summary>
        public void Win(Guid opportunity, decimal revenue, DateTime closed) => Service.Execute(WinRequest(opportunity, revenue, closed));

        public WinOpportunityRequest WinRequest(Guid opportunity, decimal revenue, DateTime closed)
        {
            Clock(closed.AddHours(10));
            var close = new Entity("opportunityclose");
            close["opportunityid"] = new EntityReference(S.Opportunity.Table, opportunity);
            close["actualrevenue"] = new Money(revenue);
            close["actualend"] = closed;
            close["subject"] = "Won";
            return new WinOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(3) };
        }

        public decimal Estimated(Guid opportunity) =>
            Raw.Retrieve(S.Opportunity.Table, opportunity, new ColumnSet(S.Opportunity.EstimatedValue)).GetAttributeValue<Money>(S.Opportunity.EstimatedValue).Value;

        /// <summary>A won deal reopened (its credit reversed; the ledger keeps both entries).</summary>
        public void Reopen(Guid opportunity, DateTime on)
        {
            Clock(on.AddHours(11));
            var row = new Entity(S.Opportunity.Table, opportunity);
            row[S.Opportunity.State] = new OptionSetValue(S.Opportunity.StateOpen);
            row[S.Opportunity.Status] = new OptionSetValue(1);
            Service.Update(row);
        }

        /// <summary>A won deal handed to another rep (the old owner's credit reversed, the new owner credited).</summary>
        public void Reassign(Guid opportunity, Guid owner, DateTime on)
        {
            Clock(on.AddHours(12));
            Service.Execute(new AssignRequest { Target = new EntityReference(S.Opportunity.Table, opportunity), Assignee = new EntityReference(S.SystemUser.Table, owner) });
        }

        /// <summary>An admin locks a quarter (PeriodLockPlugin freezes every statement in it) and later marks it paid.</summary>
        public void SetPeriodStatus((int Year, int Quarter) quarter, int status, DateTime on)
        {
            Clock(on.AddHours(8));
            var row = new Entity(S.Period.Table, _periods[quarter]);
            row[S.Period.Status] = new OptionSetValue(status);
            Service.Update(row);
        }

        public void RunAsync()
        {
            Pipeline.RunAsyncSteps();
            EnsureNoFailures();
        }

        public void EnsureNoFailures()
        {
            if (Pipeline.FailedAsyncOperations.Count > 0)
            {
                throw new InvalidOperationException("An asynchronous step failed: " + Pipeline.FailedAsyncOperations[0].LastError);
            }
        }

        /// <summary>The one successful run of a plugin type among the steps recorded since the last ClearRecords.</summary>
        public ExecutionRecord Step(string pluginType, string message, StepMode mode)
        {
            var runs = Pipeline.Executions.Where(e => e.MessageName == message && e.Mode == mode && e.PluginTypeName.EndsWith("." + pluginType, StringComparison.Ordinal)).ToList();
            if (runs.Count != 1 || !runs[0].Succeeded)
            {
                throw new InvalidOperationException($"Expected one successful {pluginType} run on {message}, found {runs.Count}: {runs.FirstOrDefault()?.Exception}");
            }

            return runs[0];
        }

        /// <summary>
        /// One quarter of wins for a whole org through the plug-ins' own code in-process, in bulk: SpmModelLoader loads everyone
        /// once (with the manager chain), and for every deal in close-date order the engine posts it as the sync step does
        /// (owner scope) and as the roll-up job does (roll-up scope); SpmResultWriter writes each posting's ledger rows, then
        /// every statement (with its totals snapshot) and the milestones. Sequences and snapshots are the engine's, as in
        /// production; the opportunities are won in the store first, so the ledger's deal keys and names are real. The
        /// writes skip the manager read-shares (principalobjectaccess rows): the in-memory store finds a share and a manager
        /// chain by scanning, and no measured step reads them.
        /// </summary>
        public void BulkWins(IReadOnlyList<(Guid Owner, DateTime Closed)> deals, DateTime now)
        {
            var phase = System.Diagnostics.Stopwatch.StartNew();
            var ids = new List<(Guid Id, DateTime Closed)>(deals.Count);
            foreach (var deal in deals.OrderBy(d => d.Closed))
            {
                var amount = Amount();
                var id = RawOpportunity("History", deal.Owner, amount, deal.Closed, deal.Closed.AddDays(-30));
                Clock(deal.Closed.AddHours(10));
                Raw.Execute(WinRequest(id, amount, deal.Closed));
                ids.Add((id, deal.Closed));
            }

            var service = new NoShareService(Raw);
            Clock(now);
            SeedPhases.Add(("opportunities won in the store", phase.Elapsed.TotalSeconds));
            phase.Restart();
            var model = new SpmModelLoader(service, _ => { }).Load(_participants, null, true);
            SeedPhases.Add(("SpmModelLoader.Load of everyone", phase.Elapsed.TotalSeconds));
            phase.Restart();
            var writer = new SpmResultWriter(service, _ => { });
            var recognitions = new List<RecognitionEvent>();
            var engineTime = TimeSpan.Zero;
            var writeTime = TimeSpan.Zero;
            var periods = new HashSet<SpmPlugins::Spm.Domain.Calendar.FiscalPeriod>();
            foreach (var (id, closed) in ids)
            {
                Clock(closed.AddHours(10));
                var row = Raw.Retrieve(S.Opportunity.Table, id, new ColumnSet(DealMapper.Columns));
                var deal = DealMapper.ToDeal(row, new List<Entity>(), model.CurrencyCodes, closed);
                foreach (var scope in new[] { CreditScope.Direct, CreditScope.RollUp })
                {
                    var engineAt = System.Diagnostics.Stopwatch.GetTimestamp();
                    var change = model.Engine.ApplyDeal(deal, closed, scope);
                    engineTime += System.Diagnostics.Stopwatch.GetElapsedTime(engineAt);
                    var writeAt = System.Diagnostics.Stopwatch.GetTimestamp();
                    writer.WriteLedger(model, change.Posting, true);
                    writeTime += System.Diagnostics.Stopwatch.GetElapsedTime(writeAt);

                    // What SpmEngine.StatementPeriodsMovedBy answers for a deal's first posting (it has no earlier rows),
                    // without its scan of every touched participant's whole loaded ledger (the VP's is the org's quarter).
                    foreach (var date in change.Posting.AffectedDates)
                    {
                        if (model.Periods.TryPeriodOf(date, out var period))
                        {
                            periods.Add(period!);
                        }
                    }
                    recognitions.AddRange(change.Recognitions);
                }
            }

            Clock(now);
            SeedPhases.Add(("engine postings (SpmEngine.ApplyDeal)", engineTime.TotalSeconds));
            SeedPhases.Add(("ledger writes (SpmResultWriter.WriteLedger)", writeTime.TotalSeconds));
            SeedPhases.Add(("reading the won deals", phase.Elapsed.TotalSeconds - engineTime.TotalSeconds - writeTime.TotalSeconds));
            phase.Restart();
            writer.WriteStatements(model, _participants.Select(p => p.ToString("D")), periods, now.Date, now);
            writer.WriteRecognitions(model, recognitions, true);
            SeedPhases.Add(("statements + milestones", phase.Elapsed.TotalSeconds));
        }

        /// <summary>Rows of a table (columns named), read without plug-ins.</summary>
        public List<Entity> All(string table, params string[] columns)
        {
            var query = new QueryExpression(table) { ColumnSet = new ColumnSet(columns) };
            return Raw.RetrieveMultiple(query).Entities.ToList();
        }

        public int Count(string table) => Store.Count(table);

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

        private void PlanRows(DateTime from)
        {
            var plan = new Entity(S.CompPlan.Table, Plan);
            plan[S.CompPlan.Name] = "AE";
            plan[S.CompPlan.Currency] = new EntityReference(S.TransactionCurrency.Table, Usd);
            plan[S.CompPlan.Rounding] = new OptionSetValue(S.CompPlan.RoundingCommercial);
            plan[S.CompPlan.ClawbackDays] = 90;
            Raw.Create(plan);

            var component = new Entity(S.PlanComponent.Table);
            component[S.PlanComponent.Plan] = new EntityReference(S.CompPlan.Table, Plan);
            component[S.PlanComponent.Name] = "New business commission";
            component[S.PlanComponent.Kind] = new OptionSetValue(S.PlanComponent.KindCommission);
            component[S.PlanComponent.Measure] = new OptionSetValue(S.Quota.MeasureBase);
            component[S.PlanComponent.TierMode] = new OptionSetValue(S.PlanComponent.ModeGraduated);
            component[S.PlanComponent.Order] = 1;
            var componentId = Raw.Create(component);
            SeedRows.Tier(Raw, componentId, "Base", 0m, 100m, 10m);
            SeedRows.Tier(Raw, componentId, "Accelerator", 100m, null, 15m);

            var spiff = new Entity(S.Spiff.Table);
            spiff[S.Spiff.Plan] = new EntityReference(S.CompPlan.Table, Plan);
            spiff[S.Spiff.Name] = "Big-deal SPIFF";
            spiff[S.Spiff.FirstDay] = from;
            spiff[S.Spiff.LastDay] = from.AddYears(10);
            spiff[S.Spiff.BonusPerDeal] = new Money(250m);
            spiff[S.Spiff.MinimumDealAmount] = new Money(35_000m);
            Raw.Create(spiff);
        }

        /// <summary>A user; a participant holds SPM Rep, and whoever is first named someone's manager gains SPM Manager.</summary>
        private void User(Guid id, string name, Guid? manager, string team, bool participant = true)
        {
            SeedRows.User(Raw, id, name, manager, team, participant, new DateTime(2019, 3, 1));
            if (manager.HasValue)
            {
                _managerOf[id] = manager.Value;
                if (_managers.Add(manager.Value))
                {
                    SeedRows.Grant(Raw, manager.Value, SpmRole.Manager);
                }
            }

            if (participant)
            {
                _participants.Add(id);
                SeedRows.Grant(Raw, id, SpmRole.Rep);
            }
        }

        /// <summary>The store without plug-ins for bulk seeding: GrantAccess is not stored (nothing is shared; no step reads shares).</summary>
        private sealed class NoShareService : IOrganizationService
        {
            private readonly IOrganizationService _inner;

            public NoShareService(IOrganizationService inner) => _inner = inner;

            public Guid Create(Entity entity) => _inner.Create(entity);

            public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => _inner.Retrieve(entityName, id, columnSet);

            public EntityCollection RetrieveMultiple(QueryBase query) => _inner.RetrieveMultiple(query);

            public void Update(Entity entity) => _inner.Update(entity);

            public void Delete(string entityName, Guid id) => _inner.Delete(entityName, id);

            public OrganizationResponse Execute(OrganizationRequest request) =>
                request is GrantAccessRequest ? new GrantAccessResponse { ResponseName = "GrantAccess" } : _inner.Execute(request);

            public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) => _inner.Associate(entityName, entityId, relationship, relatedEntities);

            public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) => _inner.Disassociate(entityName, entityId, relationship, relatedEntities);
        }
    }
}
