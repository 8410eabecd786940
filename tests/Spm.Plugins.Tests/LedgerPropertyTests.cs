using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Engine;
using Spm.Domain.Money;
using Spm.Domain.Participants;
using Spm.Domain.Plans;
using Spm.Domain.Quotas;
using Spm.Domain.Statements;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>
/// A few hundred everyday changes from two threads (wins, some worth 0.00, losses, reopens, reassignments, deletes, split
/// edits and moves, renames and probability edits, quota changes, stale and duplicated retries, async jobs failing once, a
/// quarter locked and paid mid-run), with deals owned by or split to a sales coordinator who is not an SPM participant and
/// an AE whose user is disabled, then: the ledger holds exactly what the final CRM state credits (and nothing for those
/// two, and no row worth nothing), every open statement equals a full recalculation of the stored ledger, each
/// participant's sequences run 1..n, and no recognition is stored or posted to Teams twice.
/// </summary>
[TestClass]
public sealed class LedgerPropertyTests
{
    private static readonly Guid Priya = new("a0000000-0000-0000-0000-0000000000e1");
    private static readonly Guid Lena = new("a0000000-0000-0000-0000-0000000000e2");
    private static readonly Guid Omar = new("a0000000-0000-0000-0000-0000000000e3");

    /// <summary>Olga Novak: East's sales coordinator under Priya, owns deals she tidies up; spm_isparticipant is false.</summary>
    private static readonly Guid Olga = new("a0000000-0000-0000-0000-0000000000f2");

    /// <summary>Sofia Marin: an AE under Marco on plan AE-2026 with a quota, whose user is disabled (she left).</summary>
    private static readonly Guid Sofia = new("a0000000-0000-0000-0000-0000000000f1");

    private static readonly Guid[] Owners = [Ava, Ben, Lena, Omar, Olga, Sofia];
    private static readonly Guid[] Everyone = [Ava, Ben, Lena, Omar, Sofia, Marco, Priya, Dana];

    /// <summary>
    /// SPM_PROPERTY_DEBUG=1 reduces a failing seed: each batch runs on one thread (so the seed replays exactly), the
    /// invariants are checked whenever the async queue is empty, and the whole change log is printed.
    /// </summary>
    private static bool Debugging => Environment.GetEnvironmentVariable("SPM_PROPERTY_DEBUG") == "1";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(11)]
    [DataRow(2026)]
    [DataRow(424242)]
    [DataRow(7)]
    [DataRow(90210)]
    public void Any_sequence_of_changes_leaves_ledger_and_statements_equal_to_a_recalculation_from_scratch(int seed)
    {
        var run = new Run(seed);
        Exception? failure = null;
        try
        {
            run.Play(operations: 260);
            run.AssertConsistent();
        }
        catch (Exception caught)
        {
            failure = caught;
            TestContext.WriteLine($"Seed {seed} failed after {run.Log.Count} operations; last ones:{Environment.NewLine}{string.Join(Environment.NewLine, Debugging ? run.Log : run.Log.TakeLast(25))}");
        }

        Assert.IsNull(failure, $"Seed {seed}: {failure?.Message}");
    }

    private sealed class Run
    {
        private readonly Random _random;
        private readonly SpmOrganization _org;
        private readonly List<Guid> _deals = [];
        private readonly List<Guid> _splits = [];
        private readonly List<OrganizationRequest> _sent = [];
        private readonly object _gate = new();
        private DateTime _today = new(2026, 1, 12);

        public Run(int seed)
        {
            _random = new Random(seed);
            _org = Create(_today);
            _org.AddParticipant(Priya, "Priya Nair", Dana, "East Management", 400_000m);
            _org.AddParticipant(Lena, "Lena Fischer", Priya, "East", 200_000m);
            _org.AddParticipant(Omar, "Omar Haddad", Priya, "East", 150_000m);
            _org.AddParticipant(Sofia, "Sofia Marin", Marco, "West", 200_000m, isDisabled: true);
            _org.AddUser(Olga, "Olga Novak", Priya, "East", isParticipant: false);
            _org.Pipeline.Register("Create", S.Credit.Table, PipelineStage.PreOperation, new FlakyAsyncWrites(seed));
            _org.Pipeline.Register("Create", S.Statement.Table, PipelineStage.PreOperation, new FlakyAsyncWrites(seed + 1));
            _org.Pipeline.Register("Update", S.Statement.Table, PipelineStage.PreOperation, new FlakyAsyncWrites(seed + 2));
        }

        public List<string> Log { get; } = [];

        public int Refused { get; private set; }

        public void Play(int operations)
        {
            var locked = false;
            var paid = false;
            for (var done = 0; done < operations;)
            {
                // A day passes, then a batch of changes arrives from two users at once.
                _today = _today.AddDays(_random.Next(0, 3));
                _org.Today(_today);
                if (!locked && _today >= new DateTime(2026, 4, 6))
                {
                    _org.Pipeline.RunAsyncSteps();
                    Say("lock FY2026-Q1");
                    _org.Service.Update(new Entity(S.Period.Table, _org.Periods["FY2026-Q1"]) { [S.Period.Status] = new OptionSetValue(S.Period.StatusLocked) });
                    _org.Pipeline.RunAsyncSteps();
                    locked = true;
                }
                else if (locked && !paid && _today >= new DateTime(2026, 4, 20))
                {
                    Say("pay FY2026-Q1");
                    _org.Service.Update(new Entity(S.Period.Table, _org.Periods["FY2026-Q1"]) { [S.Period.Status] = new OptionSetValue(S.Period.StatusPaid) });
                    paid = true;
                }

                var batch = Enumerable.Range(0, _random.Next(1, 5)).Select(_ => Next()).ToList();
                done += batch.Count;
                Parallel.ForEach(batch, new ParallelOptions { MaxDegreeOfParallelism = Debugging ? 1 : 2 }, Send);
                if (_random.Next(3) == 0)
                {
                    _org.Pipeline.RunAsyncSteps();
                    if (Debugging)
                    {
                        // Reducing a failure: every time the queue is empty the invariants must already hold.
                        Say("check");
                        AssertConsistent(final: false);
                    }
                }
            }

            _org.Pipeline.RunAsyncSteps();
        }

        /// <summary>One change a sales team makes in a day, drawn at random (and built on this thread, so the draw is repeatable).</summary>
        private OrganizationRequest Next()
        {
            var roll = _random.Next(100);
            var deal = _deals.Count == 0 ? Guid.Empty : _deals[_random.Next(_deals.Count)];
            if (deal == Guid.Empty || roll < 22)
            {
                var row = new Entity(S.Opportunity.Table, Guid.NewGuid());
                row[S.Opportunity.Name] = $"Deal {_deals.Count + 1:000}";
                row[S.Opportunity.Owner] = new EntityReference(S.SystemUser.Table, Pick(Owners));
                row[S.Opportunity.EstimatedValue] = new Money(Amount());
                row[S.Opportunity.EstimatedCloseDate] = _today.AddDays(30);
                row[S.Opportunity.CloseProbability] = 40;
                row[S.Opportunity.Currency] = new EntityReference(S.TransactionCurrency.Table, _random.Next(5) == 0 ? Eur : Usd);
                _deals.Add(row.Id);
                return new CreateRequest { Target = row };
            }

            if (roll < 45)
            {
                var close = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference(S.Opportunity.Table, deal), ["actualrevenue"] = new Money(_random.Next(8) == 0 ? 0.00m : Amount()), ["actualend"] = _today.AddDays(-_random.Next(0, 4)), ["subject"] = "Won" };
                return new WinOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(3) };
            }

            if (roll < 50)
            {
                var close = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference(S.Opportunity.Table, deal), ["actualend"] = _today, ["subject"] = "Lost" };
                return new LoseOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(4) };
            }

            if (roll < 58)
            {
                return new UpdateRequest { Target = new Entity(S.Opportunity.Table, deal) { [S.Opportunity.State] = new OptionSetValue(S.Opportunity.StateOpen), [S.Opportunity.Status] = new OptionSetValue(1) } };
            }

            if (roll < 64)
            {
                return new AssignRequest { Target = new EntityReference(S.Opportunity.Table, deal), Assignee = new EntityReference(S.SystemUser.Table, Pick(Owners)) };
            }

            if (roll < 67)
            {
                return new DeleteRequest { Target = new EntityReference(S.Opportunity.Table, deal) };
            }

            if (roll < 75 || _splits.Count == 0)
            {
                // A whole-deal split to another rep (two rows would each be refused alone: they must total 100%).
                var row = new Entity(S.CreditSplit.Table, Guid.NewGuid());
                row[S.CreditSplit.Opportunity] = new EntityReference(S.Opportunity.Table, deal);
                row[S.CreditSplit.Participant] = new EntityReference(S.SystemUser.Table, Pick(Owners));
                row[S.CreditSplit.Percent] = 100m;
                row[S.CreditSplit.Kind] = new OptionSetValue(S.CreditSplit.KindRevenue);
                _splits.Add(row.Id);
                return new CreateRequest { Target = row };
            }

            var split = _splits[_random.Next(_splits.Count)];
            if (roll < 80)
            {
                return new UpdateRequest { Target = new Entity(S.CreditSplit.Table, split) { [S.CreditSplit.Participant] = new EntityReference(S.SystemUser.Table, Pick(Owners)) } };
            }

            if (roll < 84)
            {
                return new UpdateRequest { Target = new Entity(S.CreditSplit.Table, split) { [S.CreditSplit.Opportunity] = new EntityReference(S.Opportunity.Table, deal) } };
            }

            if (roll < 87)
            {
                return new DeleteRequest { Target = new EntityReference(S.CreditSplit.Table, split) };
            }

            if (roll < 91)
            {
                var quota = _org.Raw.RetrieveMultiple(new QueryExpression(S.Quota.Table) { ColumnSet = new ColumnSet(false), Criteria = { Conditions = { new(S.Quota.Participant, ConditionOperator.Equal, Pick(Everyone)), new(S.Quota.Period, ConditionOperator.Equal, _org.Periods[_today < new DateTime(2026, 4, 6) ? "FY2026-Q1" : "FY2026-Q2"]) } } }).Entities.Single();
                return new UpdateRequest { Target = new Entity(S.Quota.Table, quota.Id) { [S.Quota.Amount] = 100_000m + (_random.Next(0, 30) * 10_000m) } };
            }

            if (roll < 95)
            {
                // A deal renamed, its probability edited, or both: no credit may move.
                var edit = new Entity(S.Opportunity.Table, deal);
                var what = _random.Next(3);
                if (what != 1)
                {
                    edit[S.Opportunity.Name] = $"Deal renamed {_random.Next(1000)}";
                }

                if (what != 0)
                {
                    edit[S.Opportunity.CloseProbability] = _random.Next(0, 101);
                }

                return new UpdateRequest { Target = edit };
            }

            // A client retrying: the same request again, or an older one arriving late.
            lock (_gate)
            {
                return _sent.Count == 0 ? new UpdateRequest { Target = new Entity(S.Opportunity.Table, deal) { ["description"] = "retry" } } : _sent[_random.Next(Math.Max(0, _sent.Count - 6), _sent.Count)];
            }
        }

        private void Send(OrganizationRequest request)
        {
            var text = Describe(request);
            try
            {
                _org.Service.Execute(request);
                lock (_gate)
                {
                    if (request is not DeleteRequest)
                    {
                        _sent.Add(request);
                    }
                }

                Say(text);
            }
            catch (DataverseFaultException refused)
            {
                // Refused changes (a split set that does not total 100%, a deleted row, winning a won deal) must leave nothing behind.
                lock (_gate)
                {
                    Refused++;
                }

                Say($"{text} → refused: {refused.Message.Split('\n')[0]}");
            }
        }

        private void Say(string line)
        {
            lock (_gate)
            {
                Log.Add($"{_today:yyyy-MM-dd} {line}");
            }
        }

        public void AssertConsistent(bool final = true)
        {
            Assert.IsEmpty(_org.Pipeline.FailedAsyncOperations, "every failed async job succeeded on a retry: " + string.Join("; ", _org.Pipeline.FailedAsyncOperations.Select(f => f.LastError.Message)));
            var stored = _org.Raw.RetrieveMultiple(new QueryExpression(S.Credit.Table) { ColumnSet = new ColumnSet(S.Credit.Sequence, S.Credit.Participant, S.Credit.DealKey, S.Credit.Kind, S.Credit.Revenue, S.Credit.CreditDate, S.Credit.ReversalOf, S.Credit.DealName, S.Credit.Share, S.Credit.Margin, S.Credit.Units, S.Credit.DealAmount, S.Credit.Category, S.Credit.PostedOn) }).Entities;

            // 1. Sequences: each participant's rows are numbered 1..n.
            foreach (var group in stored.GroupBy(r => r.GetAttributeValue<EntityReference>(S.Credit.Participant).Id))
            {
                var sequences = group.Select(r => r.GetAttributeValue<int>(S.Credit.Sequence)).OrderBy(n => n).ToList();
                Assert.AreSequenceEqual(Enumerable.Range(1, sequences.Count).ToList(), sequences, $"sequences of {group.Key}");
            }

            // 2. The ledger nets to exactly what the final CRM state credits, per participant, deal and kind.
            var scratch = Engine(locks: false);
            foreach (var opportunity in _org.Raw.RetrieveMultiple(new QueryExpression(S.Opportunity.Table) { ColumnSet = new ColumnSet(Data.DealMapper.Columns) }).Entities)
            {
                // Only a won deal holds credit: an open one may carry a split set still being edited (two whole-deal rows).
                if (opportunity.GetAttributeValue<OptionSetValue>(S.Opportunity.State)?.Value != S.Opportunity.StateWon)
                {
                    continue;
                }

                var splits = _org.Raw.RetrieveMultiple(new QueryExpression(S.CreditSplit.Table) { ColumnSet = new ColumnSet(S.CreditSplit.Participant, S.CreditSplit.Percent, S.CreditSplit.Kind), Criteria = { Conditions = { new(S.CreditSplit.Opportunity, ConditionOperator.Equal, opportunity.Id) } } }).Entities;
                scratch.ApplyDeal(Data.DealMapper.ToDeal(opportunity, splits, new Dictionary<Guid, string> { [Usd] = "USD", [Eur] = "EUR" }, _today), _today);
            }

            string Key(string participant, string deal, CreditKind kind) => $"{participant}|{deal}|{kind}";
            var expected = scratch.Ledger.Entries.GroupBy(c => Key(c.ParticipantId, c.DealId, c.Kind)).ToDictionary(g => g.Key, g => g.Sum(c => c.Revenue));
            var actual = stored.GroupBy(r => Key(r.GetAttributeValue<EntityReference>(S.Credit.Participant).Id.ToString("D"), r.GetAttributeValue<string>(S.Credit.DealKey), (CreditKind)(r.GetAttributeValue<OptionSetValue>(S.Credit.Kind).Value - S.Credit.KindBase)))
                .ToDictionary(g => g.Key, g => g.Sum(r => r.GetAttributeValue<Money>(S.Credit.Revenue)?.Value ?? 0m));
            foreach (var key in expected.Keys.Union(actual.Keys).OrderBy(k => k, StringComparer.Ordinal))
            {
                Assert.AreEqual(expected.GetValueOrDefault(key), actual.GetValueOrDefault(key), $"net credit {key}");
            }

            // 3. Every open statement equals a full recalculation of the stored ledger (frozen ones restored as stored).
            var full = Engine(locks: true);
            full.Ledger.Restore(stored.Select(ToCredit).ToList());
            var statements = _org.Raw.RetrieveMultiple(new QueryExpression(S.Statement.Table) { ColumnSet = new ColumnSet(S.Statement.Participant, S.Statement.Period, S.Statement.Credited, S.Statement.TotalPayable, S.Statement.Earned, S.Statement.Quota, S.Statement.DrawBalance, S.Statement.LedgerSequence, S.Statement.Frozen) }).Entities;
            var periodIds = _org.Periods.ToDictionary(p => p.Value, p => p.Key);
            foreach (var row in statements.Where(r => r.GetAttributeValue<bool>(S.Statement.Frozen)))
            {
                var period = full.Periods.Get(periodIds[row.GetAttributeValue<EntityReference>(S.Statement.Period).Id]);
                full.RestoreFrozenStatement(row.GetAttributeValue<EntityReference>(S.Statement.Participant).Id.ToString("D"), period, "AE-2026", new PeriodAttainment(Measure.Revenue, row.GetAttributeValue<Money>(S.Statement.Credited).Value, row.GetAttributeValue<Money>(S.Statement.Quota)?.Value), row.GetAttributeValue<Money>(S.Statement.Earned).Value, row.GetAttributeValue<Money>(S.Statement.TotalPayable).Value, row.GetAttributeValue<Money>(S.Statement.DrawBalance)?.Value ?? 0m, row.GetAttributeValue<int>(S.Statement.LedgerSequence));
            }

            foreach (var who in Everyone)
            {
                foreach (var period in full.Periods.Periods.Where(p => !full.Periods.IsFrozen(p)))
                {
                    var result = full.Result(who.ToString("D"), period, _today);
                    var row = statements.SingleOrDefault(r => r.GetAttributeValue<EntityReference>(S.Statement.Participant).Id == who && periodIds[r.GetAttributeValue<EntityReference>(S.Statement.Period).Id] == period.Id);
                    Assert.AreEqual(result.Attainment.Credited, row?.GetAttributeValue<Money>(S.Statement.Credited)?.Value ?? 0m, $"{who} {period.Id} credited");
                    Assert.AreEqual(result.TotalPayable, row?.GetAttributeValue<Money>(S.Statement.TotalPayable)?.Value ?? 0m, $"{who} {period.Id} payable");
                }
            }

            // 4. No milestone is announced twice, nor posted to Teams twice; nobody who earns no credit is announced.
            var recognitions = _org.Raw.RetrieveMultiple(new QueryExpression(S.Recognition.Table) { ColumnSet = new ColumnSet(S.Recognition.Participant, S.Recognition.Kind, S.Recognition.Period, S.Recognition.Value, S.Recognition.DedupKey) }).Entities;
            var twice = recognitions.GroupBy(r => $"{r.GetAttributeValue<OptionSetValue>(S.Recognition.Kind).Value}|{r.GetAttributeValue<EntityReference>(S.Recognition.Participant).Id}|{r.GetAttributeValue<string>(S.Recognition.Period)}|{r.GetAttributeValue<decimal?>(S.Recognition.Value)}").Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.IsEmpty(twice, "recognitions stored twice: " + string.Join(", ", twice));
            var sameKey = recognitions.GroupBy(r => r.GetAttributeValue<string>(S.Recognition.DedupKey)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.IsEmpty(sameKey, "recognitions stored twice under one dedup key: " + string.Join(", ", sameKey));
            var posts = _org.WebhookPosts(S.Recognition.Table).GroupBy(p => p.PrimaryEntityId).ToDictionary(g => g.Key, g => g.Count());
            Assert.IsTrue(recognitions.All(r => posts.GetValueOrDefault(r.Id) == 1) && posts.Count == recognitions.Count, $"each shout-out posted to Teams once: {recognitions.Count} stored, posts {string.Join(", ", posts.Values)}");
            Assert.IsEmpty(recognitions.Where(r => r.GetAttributeValue<EntityReference>(S.Recognition.Participant).Id is var who && (who == Olga || who == Sofia)), "no shout-out for a non-participant or a disabled user");

            // 5. Nothing is credited to the coordinator or the disabled AE, and no row is worth nothing.
            Assert.IsEmpty(stored.Where(r => r.GetAttributeValue<EntityReference>(S.Credit.Participant).Id is var who && (who == Olga || who == Sofia)), "credited a non-participant or a disabled user");
            Assert.IsEmpty(stored.Where(r => (r.GetAttributeValue<Money>(S.Credit.Revenue)?.Value ?? 0m) == 0m), "a credit row worth nothing");
            if (final)
            {
                Assert.IsGreaterThan(20, stored.Count, "the run exercised the ledger");
            }
        }

        /// <summary>The org's plan, people and quotas as stored now, built straight on the domain engine.</summary>
        private SpmEngine Engine(bool locks)
        {
            var calendar = new FiscalCalendar(1);
            var periods = PeriodBook.ForFiscalYear(calendar, 2026, PeriodKind.Quarter);
            if (locks)
            {
                foreach (var row in _org.Raw.RetrieveMultiple(new QueryExpression(S.Period.Table) { ColumnSet = new ColumnSet(S.Period.Name, S.Period.Status) }).Entities.OrderBy(r => r.GetAttributeValue<string>(S.Period.Name), StringComparer.Ordinal))
                {
                    var status = row.GetAttributeValue<OptionSetValue>(S.Period.Status).Value;
                    var period = periods.Get(row.GetAttributeValue<string>(S.Period.Name));
                    if (status != S.Period.StatusOpen)
                    {
                        periods.Lock(period);
                    }

                    if (status == S.Period.StatusPaid)
                    {
                        periods.MarkPaid(period);
                    }
                }
            }

            var users = _org.Raw.RetrieveMultiple(new QueryExpression(S.SystemUser.Table) { ColumnSet = new ColumnSet(S.SystemUser.FullName, S.SystemUser.Manager, S.SystemUser.SalesTeam, S.SystemUser.IsParticipant, "isdisabled") }).Entities;
            var organization = new SalesOrganization(users.Select(u => new Participant(u.Id.ToString("D"), u.GetAttributeValue<string>(S.SystemUser.FullName), u.GetAttributeValue<EntityReference>(S.SystemUser.Manager)?.Id.ToString("D"), u.GetAttributeValue<string>(S.SystemUser.SalesTeam), string.Empty, "USD", new DateTime(2021, 3, 1), isActive: u.GetAttributeValue<bool?>(S.SystemUser.IsParticipant) == true && u.GetAttributeValue<bool?>("isdisabled") != true)));
            var plan = new CompPlan(Plan.ToString("D"), "AE-2026", MoneyRounding.Commercial(Currency.Usd), new PlanComponent[]
            {
                new CommissionComponent(Component.ToString("D"), "New business commission", Measure.Revenue, new RateTable(new[] { new Tier("Base", 0m, 1m, 0.10m), new Tier("Accelerator", 1m, null, 0.15m) })),
            }, clawback: new ClawbackPolicy(90));
            var quotas = _org.Raw.RetrieveMultiple(new QueryExpression(S.Quota.Table) { ColumnSet = new ColumnSet(S.Quota.Participant, S.Quota.Period, S.Quota.Amount) }).Entities
                .Select(q => new Quota(q.GetAttributeValue<EntityReference>(S.Quota.Participant).Id.ToString("D"), periods.Get(_org.Periods.Single(p => p.Value == q.GetAttributeValue<EntityReference>(S.Quota.Period).Id).Key), Measure.Revenue, q.GetAttributeValue<decimal>(S.Quota.Amount)));
            return new SpmEngine(calendar, periods, organization, new CurrencyTable(Currency.Usd, new[] { Currency.Eur }), new QuotaBook(quotas), new PlanAssignments(Everyone.Select(p => new PlanAssignment(p.ToString("D"), plan, new DateTime(2026, 1, 1)))));
        }

        private static Credit ToCredit(Entity row)
        {
            var draft = new CreditDraft(
                row.GetAttributeValue<string>(S.Credit.DealKey),
                row.GetAttributeValue<string>(S.Credit.DealName) ?? string.Empty,
                row.GetAttributeValue<EntityReference>(S.Credit.Participant).Id.ToString("D"),
                (CreditKind)(row.GetAttributeValue<OptionSetValue>(S.Credit.Kind).Value - S.Credit.KindBase),
                row.GetAttributeValue<decimal?>(S.Credit.Share) ?? 0m,
                row.GetAttributeValue<DateTime>(S.Credit.CreditDate).Date,
                row.GetAttributeValue<Money>(S.Credit.Revenue)?.Value ?? 0m,
                row.GetAttributeValue<Money>(S.Credit.Margin)?.Value ?? 0m,
                row.GetAttributeValue<decimal?>(S.Credit.Units) ?? 0m,
                row.GetAttributeValue<Money>(S.Credit.DealAmount)?.Value ?? 0m,
                row.GetAttributeValue<string>(S.Credit.Category));
            return Credit.Restore(row.GetAttributeValue<int>(S.Credit.Sequence), draft, row.GetAttributeValue<int?>(S.Credit.ReversalOf), row.GetAttributeValue<DateTime>(S.Credit.PostedOn).Date);
        }

        private Guid Pick(Guid[] people) => people[_random.Next(people.Length)];

        private decimal Amount() => 2_000m + (_random.Next(0, 160) * 625m);

        private static string Describe(OrganizationRequest request) => request switch
        {
            CreateRequest c => $"create {c.Target.LogicalName} {c.Target.Id.ToString("N")[..8]} {Values(c.Target)}",
            UpdateRequest u => $"update {u.Target.LogicalName} {u.Target.Id.ToString("N")[..8]} {Values(u.Target)}",
            DeleteRequest d => $"delete {d.Target.LogicalName} {d.Target.Id.ToString("N")[..8]}",
            AssignRequest a => $"assign {a.Target.Id.ToString("N")[..8]} to {a.Assignee.Id.ToString("N")[^2..]}",
            WinOpportunityRequest w => $"win {w.OpportunityClose.GetAttributeValue<EntityReference>("opportunityid").Id.ToString("N")[..8]} {w.OpportunityClose.GetAttributeValue<Money>("actualrevenue").Value}",
            LoseOpportunityRequest l => $"lose {l.OpportunityClose.GetAttributeValue<EntityReference>("opportunityid").Id.ToString("N")[..8]}",
            _ => request.RequestName,
        };

        /// <summary>A row's columns, short: ids by their first 8 (opportunities, splits) or last 2 (people) hex digits.</summary>
        private static string Values(Entity row) => string.Join(" ", row.Attributes.Select(a => a.Key + "=" + a.Value switch
        {
            EntityReference r when r.LogicalName == S.SystemUser.Table => r.Id.ToString("N")[^2..],
            EntityReference r => r.Id.ToString("N")[..8],
            Money m => m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            OptionSetValue o => o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DateTime d => d.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
        }));
    }

    /// <summary>An asynchronous job's write fails now and then (a timeout), at most once per job, so its retry must finish the work.</summary>
    private sealed class FlakyAsyncWrites(int seed) : IPlugin
    {
        private readonly Random _random = new(seed);
        private readonly HashSet<Guid> _failed = [];

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var job = context.ParentContext;
            if (job == null || job.Mode != 1)
            {
                return;
            }

            lock (_failed)
            {
                // The operation id is the system job's: the same on each retry of that job.
                if (!_failed.Contains(job.OperationId) && _random.Next(6) == 0)
                {
                    _failed.Add(job.OperationId);
                    throw new InvalidPluginExecutionException("Timeout expired while saving (simulated).");
                }
            }
        }
    }
}
