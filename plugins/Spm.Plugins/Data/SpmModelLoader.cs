using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Spm.Domain;
using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Engine;
using Spm.Domain.Money;
using Spm.Domain.Participants;
using Spm.Domain.Plans;
using Spm.Domain.Quotas;
using Spm.Domain.Statements;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Data
{
    /// <summary>
    /// Reads what a recalculation needs, with named columns and one query per table: periods, currencies, the
    /// participants (and, for roll-ups, their managers), their plans, quotas, ledger rows and statements.
    /// </summary>
    public sealed class SpmModelLoader
    {
        private readonly IOrganizationService _service;
        private readonly Action<string> _trace;

        public SpmModelLoader(IOrganizationService service, Action<string> trace)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
            _trace = trace ?? (_ => { });
        }

        /// <param name="stillOpenPeriodRow">A period being locked right now: computed as open one last time, so its final statement is exact.</param>
        /// <param name="postingDates">Credit dates the change is about to post at (a won deal's close date): a locked period among them is read whole.</param>
        /// <param name="knownLastSequences">Last sequences read under the ledger locks (a retry after another posting): they replace the ones inferred from the rows read.</param>
        public SpmModel Load(IEnumerable<Guid> participants, Guid? opportunityId, bool withManagers, Guid? stillOpenPeriodRow = null, IEnumerable<DateTime>? postingDates = null, IReadOnlyDictionary<Guid, long>? knownLastSequences = null)
        {
            var ids = new HashSet<Guid>(participants.Where(id => id != Guid.Empty));
            var reader = new LedgerReader(_service);
            var reference = ReferenceData.Current(_service);
            var loaded = LoadPeriods(reference.PeriodRows, stillOpenPeriodRow);
            var periods = loaded.Book;
            var periodsByRow = loaded.ByRow;
            var currencies = LoadCurrencies(reference.CurrencyRows, out var currencyByRow);
            var currencyCodes = currencyByRow.ToDictionary(c => c.Key, c => c.Value.Code);

            // What the change can move: the open periods (from their snapshots), the latest locked one (draw balance)...
            var open = periods.Periods.Where(p => !periods.IsFrozen(p)).ToList();
            var firstOpen = open.FirstOrDefault();
            var lastLocked = periods.Periods.LastOrDefault(p => periods.IsFrozen(p) && (firstOpen == null || p.Start < firstOpen.Start));
            var statementPeriods = open.Concat(lastLocked == null ? Enumerable.Empty<FiscalPeriod>() : new[] { lastLocked }).ToList();
            var statements = new List<Entity>();
            var rows = new List<Entity>();
            var dealRows = new List<Entity>();
            var settled = new Dictionary<Guid, long>();
            var snapshots = new Dictionary<string, PeriodTotals>(StringComparer.Ordinal);
            var read = new HashSet<Guid>();
            var dealRead = !opportunityId.HasValue;
            SalesOrganization organization;
            PlanAssignments assignments;
            Dictionary<string, Guid> planRows;
            while (true)
            {
                organization = LoadParticipants(ids, withManagers, currencies.Base.Code, reference);
                assignments = LoadPlans(organization.All.Select(p => Guid.Parse(p.Id)).ToList(), reference, currencyByRow, currencies.Base, out planRows);
                var fresh = organization.All.Select(p => Guid.Parse(p.Id)).Where(read.Add).ToList();
                var more = fresh.Count == 0 ? new List<Entity>() : LoadStatements(fresh, statementPeriods, loaded.RowsById);
                statements.AddRange(more);
                foreach (var pair in Settled(reader, fresh, more, lastLocked == null ? (Guid?)null : loaded.RowsById[lastLocked.Id]))
                {
                    settled[pair.Key] = pair.Value;
                }

                foreach (var pair in Snapshots(more, periodsByRow, periods, assignments))
                {
                    snapshots[pair.Key] = pair.Value;
                }

                // One query: the rows these people's snapshots do not cover and, the first time, every row of the deal.
                var batch = reader.Rows(fresh.Select(p => Window(p, open, snapshots, settled[p], firstOpen, lastLocked != null, streaks: !withManagers)).ToList(), dealRead ? null : opportunityId);
                rows.AddRange(batch);
                if (!dealRead)
                {
                    dealRows = batch.Where(r => Columns.Text(r, S.Credit.DealKey) == Columns.Key(opportunityId!.Value)).ToList();
                    dealRead = true;
                }

                // A reassigned or re-split deal's earlier people hold its rows too: read them as well (a second round).
                var earlier = dealRows.Select(r => Columns.Lookup(r, S.Credit.Participant)).Where(p => p != Guid.Empty && ids.Add(p)).ToList();
                if (earlier.Count == 0)
                {
                    break;
                }
            }

            var allIds = organization.All.Select(p => Guid.Parse(p.Id)).ToList();

            // ...and every locked period a late change lands in, read whole: its pay is re-priced for the adjustment.
            var late = rows.Where(r => r.GetAttributeValue<int>(S.Credit.Sequence) > settled[Columns.Lookup(r, S.Credit.Participant)]).Select(r => Columns.RequiredDate(r, S.Credit.CreditDate))
                .Concat(dealRows.Select(r => Columns.RequiredDate(r, S.Credit.CreditDate)))
                .Concat(postingDates ?? Enumerable.Empty<DateTime>())
                .Select(d => periods.TryPeriodOf(d, out var period) ? period : null)
                .Where(p => p != null && periods.IsFrozen(p))
                .Select(p => p!)
                .Distinct()
                .ToList();
            if (late.Count > 0)
            {
                rows.AddRange(reader.RowsDatedIn(allIds, late));
                statements.AddRange(LoadStatements(allIds, late.Where(p => p != lastLocked), loaded.RowsById));
            }

            // The latest locked period is priced too when adjustments are booked (a zero delta without late rows).
            var needed = open.Concat(late).Concat(lastLocked == null ? Enumerable.Empty<FiscalPeriod>() : new[] { lastLocked }).ToList();
            var quotas = LoadQuotas(allIds, periodsByRow.Where(p => needed.Any(n => p.Value.Start < n.End && n.Start < p.Value.End)).ToDictionary(p => p.Key, p => p.Value), reference);
            var engine = new SpmEngine(loaded.Calendar, periods, organization, currencies, quotas, assignments, withManagers ? RollUpPolicy.WholeChain : RollUpPolicy.None);
            var stored = rows.Concat(dealRows).GroupBy(r => r.Id).Select(g => g.First()).Select(ToCredit).ToList();
            engine.Ledger.Restore(stored, partial: true);
            var lastSequences = LastSequences(allIds, stored, snapshots, settled, knownLastSequences);
            foreach (var participant in allIds)
            {
                var key = Columns.Key(participant);
                engine.Ledger.ContinueAfter(key, lastSequences[participant]);
                engine.RestoreSettledSequence(key, settled[participant]);
            }

            var statementRows = RestoreStatements(engine, statements, snapshots, periodsByRow, periods);
            var adjustments = LoadAdjustments(engine, allIds, periodsByRow, reference);
            _trace(string.Format(CultureInfo.InvariantCulture, "Loaded {0} participants, {1} plans, {2} ledger rows ({3} locked periods read whole), {4} statements ({5} snapshots), {6} adjustments", organization.Count, planRows.Count, stored.Count, late.Count, statementRows.Count, snapshots.Count, adjustments));
            return new SpmModel(engine, loaded.RowsById, statementRows, planRows, currencyCodes, lastSequences);
        }

        /// <summary>
        /// The participant's rows to read: above the lowest sequence their open snapshots cover; every row of the open
        /// periods from the first one without a snapshot; owner or split credit of the last eleven weeks (win streaks,
        /// which only direct postings announce); and rows posted after their latest lock that are dated in a locked period.
        /// </summary>
        private static LedgerWindow Window(Guid participant, IReadOnlyList<FiscalPeriod> open, Dictionary<string, PeriodTotals> snapshots, long settled, FiscalPeriod? firstOpen, bool anyLocked, bool streaks)
        {
            var key = Columns.Key(participant);
            var covered = open.Select(p => snapshots.TryGetValue(SpmModel.StatementKey(key, p.Id), out var snapshot) ? snapshot : null).ToList();
            var above = covered.Where(c => c != null).Select(c => (long?)c!.UpToSequence).Min();
            var uncovered = open.Where((p, i) => covered[i] == null).Select(p => (DateTime?)p.Start).FirstOrDefault();
            return new LedgerWindow(participant, above, uncovered, streaks ? firstOpen?.Start.AddDays(-7 * 11) : null, settled, anyLocked ? firstOpen?.Start ?? DateTime.MaxValue : (DateTime?)null);
        }

        /// <summary>
        /// Each participant's last stored sequence, as the rows read show it: their newest row is either read (it is above
        /// every snapshot, or dated where no snapshot covers) or within a snapshot or the latest lock, whose sequence then
        /// is the last. The posting checks it under the ledger locks and recomputes from the true one if it moved.
        /// </summary>
        private static Dictionary<Guid, long> LastSequences(IEnumerable<Guid> participants, IEnumerable<Credit> rows, Dictionary<string, PeriodTotals> snapshots, Dictionary<Guid, long> settled, IReadOnlyDictionary<Guid, long>? known)
        {
            var last = participants.ToDictionary(p => p, p => settled[p]);
            foreach (var credit in rows)
            {
                var participant = Guid.Parse(credit.ParticipantId);
                if (last.TryGetValue(participant, out var so) && credit.Id > so)
                {
                    last[participant] = credit.Id;
                }
            }

            foreach (var pair in snapshots)
            {
                var participant = Guid.Parse(pair.Key.Substring(0, pair.Key.IndexOf('|')));
                if (last.TryGetValue(participant, out var so) && pair.Value.UpToSequence > so)
                {
                    last[participant] = pair.Value.UpToSequence;
                }
            }

            foreach (var pair in known ?? new Dictionary<Guid, long>())
            {
                if (last.ContainsKey(pair.Key))
                {
                    last[pair.Key] = pair.Value;
                }
            }

            return last;
        }

        /// <summary>
        /// How far each participant's latest lock booked their ledger: the frozen statement of the latest locked period,
        /// which every participant with a plan or credit there has (sequences only grow, so it is their highest); for the
        /// others, one aggregate over their frozen statements.
        /// </summary>
        private static Dictionary<Guid, long> Settled(LedgerReader reader, IReadOnlyCollection<Guid> participants, IEnumerable<Entity> statements, Guid? lastLockedRow)
        {
            var settled = new Dictionary<Guid, long>();
            if (lastLockedRow == null)
            {
                return participants.ToDictionary(p => p, _ => 0L);
            }

            foreach (var row in statements.Where(r => r.GetAttributeValue<bool>(S.Statement.Frozen) && Columns.Lookup(r, S.Statement.Period) == lastLockedRow.Value))
            {
                settled[Columns.Lookup(row, S.Statement.Participant)] = row.GetAttributeValue<int?>(S.Statement.LedgerSequence) ?? 0;
            }

            var missing = participants.Where(p => !settled.ContainsKey(p)).ToList();
            foreach (var pair in missing.Count == 0 ? new Dictionary<Guid, long>() : reader.Settled(missing))
            {
                settled[pair.Key] = pair.Value;
            }

            return settled;
        }

        private List<Entity> LoadStatements(IReadOnlyCollection<Guid> participants, IEnumerable<FiscalPeriod> periods, IReadOnlyDictionary<string, Guid> periodRows)
        {
            var rowIds = periods.Select(p => periodRows[p.Id]).Distinct().ToList();
            return rowIds.Count == 0
                ? new List<Entity>()
                : _service.All(Queries.Of(S.Statement.Table, StatementColumns).WhereIn(S.Statement.Participant, participants).WhereIn(S.Statement.Period, rowIds));
        }

        /// <summary>The open statements' totals snapshots by "participant|period" (none whose SPIFF shares predate the plan's SPIFFs).</summary>
        private static Dictionary<string, PeriodTotals> Snapshots(IEnumerable<Entity> statements, Dictionary<Guid, FiscalPeriod> periodsByRow, PeriodBook periods, PlanAssignments assignments)
        {
            var result = new Dictionary<string, PeriodTotals>(StringComparer.Ordinal);
            foreach (var row in statements)
            {
                if (periodsByRow.TryGetValue(Columns.Lookup(row, S.Statement.Period), out var period) && periods.Periods.Contains(period) && !periods.IsFrozen(period)
                    && !row.GetAttributeValue<bool>(S.Statement.Frozen) && StatementSnapshot.Read(row) is PeriodTotals snapshot
                    && SpmEngine.CanRestoreTotals(assignments.PlanFor(Columns.Key(Columns.Lookup(row, S.Statement.Participant)), period), snapshot))
                {
                    result[SpmModel.StatementKey(Columns.Key(Columns.Lookup(row, S.Statement.Participant)), period.Id)] = snapshot;
                }
            }

            return result;
        }

        private static Dictionary<string, Entity> RestoreStatements(SpmEngine engine, IEnumerable<Entity> statements, Dictionary<string, PeriodTotals> snapshots, Dictionary<Guid, FiscalPeriod> periodsByRow, PeriodBook periods)
        {
            var statementRows = new Dictionary<string, Entity>(StringComparer.Ordinal);
            foreach (var row in statements)
            {
                var participantId = Columns.Key(Columns.Lookup(row, S.Statement.Participant));
                if (!periodsByRow.TryGetValue(Columns.Lookup(row, S.Statement.Period), out var period) || !engine.Organization.Contains(participantId))
                {
                    continue;
                }

                var key = SpmModel.StatementKey(participantId, period.Id);
                statementRows[key] = row;
                if (snapshots.TryGetValue(key, out var snapshot))
                {
                    engine.RestoreTotals(participantId, period, snapshot);
                }
                else if (row.GetAttributeValue<bool>(S.Statement.Frozen) && periods.Periods.Contains(period) && periods.IsFrozen(period))
                {
                    var measure = (Measure)(Columns.Choice(row, S.Statement.Measure, S.Quota.MeasureBase) - S.Quota.MeasureBase);
                    engine.RestoreFrozenStatement(
                        participantId,
                        period,
                        Columns.Key(Columns.Lookup(row, S.Statement.Plan)),
                        new PeriodAttainment(measure, Columns.Money(row, S.Statement.Credited), Columns.OptionalMoney(row, S.Statement.Quota)),
                        Columns.Money(row, S.Statement.Earned),
                        Columns.Money(row, S.Statement.TotalPayable),
                        Columns.Money(row, S.Statement.DrawBalance),
                        row.GetAttributeValue<int?>(S.Statement.LedgerSequence) ?? 0);
                }
            }

            return statementRows;
        }

        internal static readonly string[] StatementColumns =
        {
            S.Statement.Participant, S.Statement.Period, S.Statement.Plan, S.Statement.Measure, S.Statement.Credited, S.Statement.Quota,
            S.Statement.AttainmentPercent, S.Statement.Earned, S.Statement.TotalPayable, S.Statement.DrawBalance, S.Statement.LedgerSequence, S.Statement.Frozen,
            S.Statement.CreditedRevenue, S.Statement.CreditedMargin, S.Statement.CreditedUnits, S.Statement.CreditedDeals, S.Statement.SpiffShares, S.Statement.SpiffBasis,
        };

        private static Credit ToCredit(Entity row)
        {
            var draft = new CreditDraft(
                Columns.Text(row, S.Credit.DealKey),
                Columns.Text(row, S.Credit.DealName),
                Columns.Key(Columns.Lookup(row, S.Credit.Participant)),
                (CreditKind)(Columns.Choice(row, S.Credit.Kind, S.Credit.KindBase) - S.Credit.KindBase),
                Columns.Decimal(row, S.Credit.Share),
                Columns.RequiredDate(row, S.Credit.CreditDate),
                Columns.Money(row, S.Credit.Revenue),
                Columns.Money(row, S.Credit.Margin),
                Columns.Decimal(row, S.Credit.Units),
                Columns.Money(row, S.Credit.DealAmount),
                row.GetAttributeValue<string>(S.Credit.Category));
            var reversalOf = row.GetAttributeValue<int?>(S.Credit.ReversalOf);
            return Credit.Restore(row.GetAttributeValue<int>(S.Credit.Sequence), draft, reversalOf, Columns.RequiredDate(row, S.Credit.PostedOn));
        }

        private static LoadedPeriods LoadPeriods(IReadOnlyList<Entity> rows, Guid? stillOpenPeriodRow)
        {
            if (rows.Count == 0)
            {
                throw new InvalidPluginExecutionException("No Sales Performance periods are defined. An administrator must create the fiscal periods (Sales Performance > Periods) before deals can be credited.");
            }

            // Statement periods are the most common kind (usually quarters); the fiscal year start follows from any of them.
            var kind = rows.GroupBy(r => Columns.Choice(r, S.Period.Kind, S.Period.KindQuarter)).OrderByDescending(g => g.Count()).First().Key;
            var first = rows.First(r => Columns.Choice(r, S.Period.Kind, S.Period.KindQuarter) == kind);
            var firstStart = Columns.RequiredDate(first, S.Period.StartDate);
            var startMonth = firstStart.AddMonths(-(first.GetAttributeValue<int>(S.Period.Number) - 1) * kind).Month;
            var calendar = new FiscalCalendar(startMonth);

            var periodRows = new Dictionary<string, Guid>(StringComparer.Ordinal);
            var byRow = new Dictionary<Guid, FiscalPeriod>();
            var statementPeriods = new List<KeyValuePair<FiscalPeriod, int>>();
            foreach (var row in rows)
            {
                var rowKind = Columns.Choice(row, S.Period.Kind, S.Period.KindQuarter);
                var period = calendar.Period((PeriodKind)rowKind, row.GetAttributeValue<int>(S.Period.FiscalYear), row.GetAttributeValue<int>(S.Period.Number));
                var start = Columns.RequiredDate(row, S.Period.StartDate);
                if (period.Start != start)
                {
                    throw new SpmRuleException(S.Period.StartDate, start, $"Period '{Columns.Text(row, S.Period.Name)}' starts on {start:yyyy-MM-dd}, but a fiscal year starting in {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(startMonth)} puts {period.Id} on {period.Start:yyyy-MM-dd}. Correct the period's start date or number.");
                }

                periodRows[period.Id] = row.Id;
                byRow[row.Id] = period;
                if (rowKind == kind)
                {
                    statementPeriods.Add(new KeyValuePair<FiscalPeriod, int>(period, row.Id == stillOpenPeriodRow ? S.Period.StatusOpen : Columns.Choice(row, S.Period.Status, S.Period.StatusOpen)));
                }
            }

            var book = new PeriodBook(calendar, statementPeriods.Select(p => p.Key));
            foreach (var pair in statementPeriods)
            {
                var period = pair.Key;
                var status = pair.Value;
                if (status != S.Period.StatusOpen)
                {
                    book.Lock(period);
                }

                if (status == S.Period.StatusPaid)
                {
                    book.MarkPaid(period);
                }
            }

            return new LoadedPeriods(calendar, book, periodRows, byRow);
        }

        private static CurrencyTable LoadCurrencies(IReadOnlyList<Entity> rows, out Dictionary<Guid, Currency> byRow)
        {
            byRow = new Dictionary<Guid, Currency>();
            Currency? baseCurrency = null;
            foreach (var row in rows)
            {
                var currency = new Currency(Columns.Text(row, S.TransactionCurrency.IsoCode), Math.Min(4, row.GetAttributeValue<int?>(S.TransactionCurrency.Precision) ?? 2), Columns.Text(row, S.TransactionCurrency.Symbol));
                byRow[row.Id] = currency;

                // The organization's base currency is the one whose rate to itself is exactly 1.
                if (baseCurrency == null && Columns.Decimal(row, S.TransactionCurrency.ExchangeRate) == 1m)
                {
                    baseCurrency = currency;
                }
            }

            if (baseCurrency == null)
            {
                throw new InvalidPluginExecutionException("No currency has an exchange rate of 1, so the base currency cannot be found. Check Settings > Currencies.");
            }

            return new CurrencyTable(baseCurrency, byRow.Values);
        }

        /// <summary>The users and, by six chained links in the same query, the six managers above each of them.</summary>
        private List<Entity> ReadUsersWithManagers(IReadOnlyCollection<Guid> ids)
        {
            var query = CallerAccess.UsersWithManagers(ids, UserColumns);
            var users = new Dictionary<Guid, Entity>();
            foreach (var row in _service.All(query))
            {
                var user = new Entity(S.SystemUser.Table, row.Id);
                foreach (var column in UserColumns.Where(row.Contains))
                {
                    user[column] = row[column];
                }

                users[row.Id] = user;
                for (var level = 1; level <= CallerAccess.LevelsPerQuery; level++)
                {
                    var alias = CallerAccess.ManagerAlias(level);
                    if (!(row.GetAttributeValue<AliasedValue>(alias + S.SystemUser.Id)?.Value is Guid manager))
                    {
                        break;
                    }

                    if (!users.ContainsKey(manager))
                    {
                        var managerRow = new Entity(S.SystemUser.Table, manager);
                        foreach (var column in UserColumns)
                        {
                            if (row.GetAttributeValue<AliasedValue>(alias + column) is AliasedValue value)
                            {
                                managerRow[column] = value.Value;
                            }
                        }

                        users[manager] = managerRow;
                    }
                }
            }

            return users.Values.ToList();
        }

        private static readonly string[] UserColumns = { S.SystemUser.FullName, S.SystemUser.Manager, S.SystemUser.SalesTeam, S.SystemUser.Territory, S.SystemUser.HireDate, S.SystemUser.IsParticipant, S.SystemUser.IsDisabled };

        /// <summary>
        /// The people on the change and, for a roll-up (which credits them all), in one query per six levels the managers
        /// above each of them.
        /// </summary>
        private SalesOrganization LoadParticipants(HashSet<Guid> ids, bool withManagers, string baseCurrency, ReferenceData reference)
        {
            var users = new Dictionary<Guid, Entity>();
            var wanted = new HashSet<Guid>(ids);
            for (var round = 0; wanted.Count > 0 && round < 8; round++)
            {
                var missing = new List<Guid>();
                foreach (var id in wanted)
                {
                    if (reference.TryUser(id, out var cached))
                    {
                        users[id] = cached;
                    }
                    else
                    {
                        missing.Add(id);
                    }
                }

                if (missing.Count > 0)
                {
                    var read = withManagers ? ReadUsersWithManagers(missing) : _service.All(Queries.Of(S.SystemUser.Table, UserColumns).WhereIn(S.SystemUser.Id, missing));
                    foreach (var user in read)
                    {
                        users[user.Id] = user;
                        reference.AddUser(user);
                    }
                }

                if (!withManagers)
                {
                    break;
                }

                // Whoever above the people is not read yet (a chain longer than one query's six levels, or not cached).
                wanted = new HashSet<Guid>();
                foreach (var id in ids)
                {
                    var seen = new HashSet<Guid> { id };
                    for (var current = id; users.TryGetValue(current, out var row);)
                    {
                        var manager = Columns.Lookup(row, S.SystemUser.Manager);
                        if (manager == Guid.Empty || !seen.Add(manager))
                        {
                            break;
                        }

                        if (!users.ContainsKey(manager))
                        {
                            wanted.Add(manager);
                            break;
                        }

                        current = manager;
                    }
                }
            }

            // Roll-ups need the whole chain above each rep as participants; the synchronous path only the people on the deal.
            var members = withManagers ? users.Values : users.Values.Where(u => ids.Contains(u.Id));
            var known = new HashSet<Guid>(members.Select(u => u.Id));
            return new SalesOrganization(members.Select(u =>
            {
                var manager = Columns.Lookup(u, S.SystemUser.Manager);
                return new Participant(
                    Columns.Key(u.Id),
                    u.GetAttributeValue<string>(S.SystemUser.FullName) ?? Columns.Key(u.Id),
                    known.Contains(manager) ? Columns.Key(manager) : null,
                    u.GetAttributeValue<string>(S.SystemUser.SalesTeam) ?? "Unassigned",
                    Columns.Text(u, S.SystemUser.Territory),
                    baseCurrency,
                    Columns.Date(u, S.SystemUser.HireDate) ?? new DateTime(2000, 1, 1),
                    // Only users marked as SPM participants earn credit (the column defaults to No); disabled users never do.
                    u.GetAttributeValue<bool?>(S.SystemUser.IsParticipant) == true && u.GetAttributeValue<bool?>(S.SystemUser.IsDisabled) != true);
            }));
        }

        private PlanAssignments LoadPlans(IReadOnlyCollection<Guid> participants, ReferenceData reference, Dictionary<Guid, Currency> currencies, Currency baseCurrency, out Dictionary<string, Guid> planRows)
        {
            var assignmentRows = reference.ForParticipants(S.PlanAssignment.Table, S.PlanAssignment.Participant, participants, missing => _service.All(Queries.Of(S.PlanAssignment.Table, S.PlanAssignment.Participant, S.PlanAssignment.Plan, S.PlanAssignment.EffectiveFrom).WhereIn(S.PlanAssignment.Participant, missing)));
            var planIds = assignmentRows.Select(r => Columns.Lookup(r, S.PlanAssignment.Plan)).Where(id => id != Guid.Empty).Distinct().ToList();
            var plans = reference.Plans(planIds, missing => LoadPlanDefinitions(missing, currencies, baseCurrency));
            var assignments = new PlanAssignments(assignmentRows
                .Where(r => plans.ContainsKey(Columns.Lookup(r, S.PlanAssignment.Plan)))
                .Select(r => new PlanAssignment(Columns.Key(Columns.Lookup(r, S.PlanAssignment.Participant)), plans[Columns.Lookup(r, S.PlanAssignment.Plan)], Columns.RequiredDate(r, S.PlanAssignment.EffectiveFrom))));
            planRows = plans.ToDictionary(p => p.Value.Id, p => p.Key, StringComparer.Ordinal);
            return assignments;
        }

        /// <summary>Plans with their components, tiers and SPIFFs: three queries whatever the number of plans.</summary>
        public Dictionary<Guid, CompPlan> LoadPlanDefinitions(IReadOnlyCollection<Guid> planIds, Dictionary<Guid, Currency> currencies, Currency baseCurrency)
        {
            var result = new Dictionary<Guid, CompPlan>();
            if (planIds.Count == 0)
            {
                return result;
            }

            var planRows = _service.All(Queries.Of(S.CompPlan.Table, S.CompPlan.Name, S.CompPlan.Currency, S.CompPlan.Rounding, S.CompPlan.DrawAmount, S.CompPlan.DrawRecoverable, S.CompPlan.ClawbackDays).WhereIn(S.CompPlan.Id, planIds));
            var componentQuery = Queries.Of(S.PlanComponent.Table, PlanMapping.ComponentColumns)
                .WhereIn(S.PlanComponent.Plan, planIds)
                .OrderBy(S.PlanComponent.Order);
            var tiers = componentQuery.AddLink(S.PlanTier.Table, S.PlanComponent.Id, S.PlanTier.Component, JoinOperator.LeftOuter);
            tiers.EntityAlias = "tier";
            tiers.Columns = new ColumnSet(PlanMapping.TierColumns);
            var componentRows = _service.All(componentQuery);
            var spiffRows = _service.All(Queries.Of(S.Spiff.Table, PlanMapping.SpiffColumns).WhereIn(S.Spiff.Plan, planIds));

            foreach (var planRow in planRows)
            {
                var name = Columns.Text(planRow, S.CompPlan.Name);
                try
                {
                    result[planRow.Id] = ToPlan(planRow, name, componentRows, spiffRows, currencies, baseCurrency);
                }
                catch (SpmRuleException rule)
                {
                    // The rule says what is wrong; the user also needs to know which plan to open.
                    throw new InvalidPluginExecutionException($"Comp plan '{name}' is misconfigured: {rule.Message} Fix it under Sales Performance > Comp Plans, then save the record again.", rule);
                }
            }

            return result;
        }

        private static CompPlan ToPlan(Entity planRow, string name, List<Entity> componentRows, List<Entity> spiffRows, Dictionary<Guid, Currency> currencies, Currency baseCurrency)
        {
            var currencyRow = planRow.GetAttributeValue<EntityReference>(S.CompPlan.Currency);
            Currency currency;
            if (currencyRow == null)
            {
                currency = baseCurrency;
            }
            else if (!currencies.TryGetValue(currencyRow.Id, out currency!))
            {
                throw new SpmRuleException(S.CompPlan.Currency, currencyRow.Id, $"It pays in currency {currencyRow.Name ?? currencyRow.Id.ToString()}, which has no exchange rate in this organization (the currency was deleted or deactivated). Choose an active currency for the plan.");
            }

            var rounding = Columns.Choice(planRow, S.CompPlan.Rounding, S.CompPlan.RoundingCommercial) == S.CompPlan.RoundingBankers ? MoneyRounding.Bankers(currency) : MoneyRounding.Commercial(currency);
            var components = componentRows
                .Where(r => Columns.Lookup(r, S.PlanComponent.Plan) == planRow.Id)
                .GroupBy(r => r.Id)
                .Select(g => ToComponent(name, g.ToList()))
                .ToList();
            var spiffs = spiffRows.Where(r => Columns.Lookup(r, S.Spiff.Plan) == planRow.Id).Select(PlanMapping.ToSpiff).ToList();
            var drawAmount = Columns.Money(planRow, S.CompPlan.DrawAmount);
            var draw = drawAmount > 0m ? new Draw(drawAmount, planRow.GetAttributeValue<bool>(S.CompPlan.DrawRecoverable)) : null;
            var clawbackDays = planRow.GetAttributeValue<int?>(S.CompPlan.ClawbackDays);
            return new CompPlan(Columns.Key(planRow.Id), name, rounding, components, spiffs, draw, clawbackDays.HasValue ? new ClawbackPolicy(clawbackDays.Value) : null);
        }

        private static PlanComponent ToComponent(string planName, List<Entity> rows)
        {
            var row = rows[0];
            var name = Columns.Text(row, S.PlanComponent.Name);
            var tierRows = rows.Where(r => r.Contains("tier." + S.PlanTier.FromPercent)).ToList();
            if (tierRows.Count == 0)
            {
                throw new SpmRuleException($"{S.PlanTier.Table}", name, $"Component '{name}' of plan '{planName}' has no rate tiers. Add at least one tier starting at 0% (a flat rate is one tier with no upper bound).");
            }

            var isIncentive = PlanMapping.IsTargetIncentive(row);
            var table = new RateTable(tierRows.Select(t => PlanMapping.ToTier(Aliased<string>(t, S.PlanTier.Name), Aliased<decimal?>(t, S.PlanTier.FromPercent), Aliased<decimal?>(t, S.PlanTier.ToPercent), Aliased<decimal?>(t, S.PlanTier.Rate), isIncentive)));
            return PlanMapping.ToComponent(planName, row, table);
        }

        private static T? Aliased<T>(Entity row, string column)
        {
            var value = row.GetAttributeValue<AliasedValue>("tier." + column)?.Value;
            return value is T typed ? typed : default;
        }

        /// <param name="periods">The periods the change can move (any kind overlapping them: monthly quotas under quarterly statements).</param>
        private QuotaBook LoadQuotas(IReadOnlyCollection<Guid> participants, Dictionary<Guid, FiscalPeriod> periods, ReferenceData reference)
        {
            var rows = reference.ForParticipants(S.Quota.Table, S.Quota.Participant, participants, missing => _service.All(Queries.Of(S.Quota.Table, S.Quota.Participant, S.Quota.Period, S.Quota.Measure, S.Quota.Amount, S.Quota.Ramp, S.Quota.AdjustmentDelta, S.Quota.AdjustmentDate, S.Quota.AdjustmentReason).WhereIn(S.Quota.Participant, missing)));
            var quotas = new List<Quota>();
            foreach (var row in rows)
            {
                if (!periods.TryGetValue(Columns.Lookup(row, S.Quota.Period), out var period))
                {
                    continue;
                }

                var participantId = Columns.Key(Columns.Lookup(row, S.Quota.Participant));
                var ramp = Columns.Text(row, S.Quota.Ramp);
                var delta = Columns.OptionalDecimal(row, S.Quota.AdjustmentDelta);
                var adjustments = delta.HasValue && delta.Value != 0m
                    ? new[] { new QuotaAdjustment(Columns.RequiredDate(row, S.Quota.AdjustmentDate), delta.Value, Columns.Text(row, S.Quota.AdjustmentReason)) }
                    : null;
                quotas.Add(new Quota(
                    participantId,
                    period,
                    (Measure)(Columns.Choice(row, S.Quota.Measure, S.Quota.MeasureBase) - S.Quota.MeasureBase),
                    Columns.Decimal(row, S.Quota.Amount),
                    ramp.Length == 0 ? null : new RampSchedule(ramp.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => decimal.Parse(s.Trim(), CultureInfo.InvariantCulture) / 100m)),
                    adjustments));
            }

            return new QuotaBook(quotas);
        }

        /// <summary>
        /// Active manual adjustments booked on open statements. One booked on a period since locked is part of that
        /// period's frozen statement already, so it is not added again.
        /// </summary>
        private int LoadAdjustments(SpmEngine engine, IReadOnlyCollection<Guid> participants, Dictionary<Guid, FiscalPeriod> periods, ReferenceData reference)
        {
            var rows = reference.ForParticipants(S.Adjustment.Table, S.Adjustment.Participant, participants, missing => _service.All(Queries.Of(S.Adjustment.Table, S.Adjustment.Participant, S.Adjustment.Period, S.Adjustment.Amount, S.Adjustment.Reason, S.Adjustment.EffectiveDate)
                .WhereIn(S.Adjustment.Participant, missing)
                .Where(S.Adjustment.State, ConditionOperator.Equal, 0)));
            var added = 0;
            foreach (var row in rows)
            {
                var amount = Columns.Money(row, S.Adjustment.Amount);
                if (amount == 0m || !periods.TryGetValue(Columns.Lookup(row, S.Adjustment.Period), out var period) || !engine.Periods.Periods.Contains(period) || engine.Periods.IsFrozen(period))
                {
                    continue;
                }

                var reason = Columns.Text(row, S.Adjustment.Reason);
                engine.AddAdjustment(new StatementAdjustment(Columns.Key(row.Id), Columns.Key(Columns.Lookup(row, S.Adjustment.Participant)), period.Id, amount, Columns.Date(row, S.Adjustment.EffectiveDate) ?? period.Start, reason.Length == 0 ? "Manual adjustment" : reason));
                added++;
            }

            return added;
        }

        private sealed class LoadedPeriods
        {
            public LoadedPeriods(FiscalCalendar calendar, PeriodBook book, Dictionary<string, Guid> rowsById, Dictionary<Guid, FiscalPeriod> byRow)
            {
                Calendar = calendar;
                Book = book;
                RowsById = rowsById;
                ByRow = byRow;
            }

            public FiscalCalendar Calendar { get; }

            public PeriodBook Book { get; }

            public Dictionary<string, Guid> RowsById { get; }

            public Dictionary<Guid, FiscalPeriod> ByRow { get; }
        }
    }
}
