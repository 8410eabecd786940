using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Data
{
    /// <summary>
    /// Reads only the ledger rows a change can move, so a posting costs the same after five years as after one quarter,
    /// and for a VP of ten thousand reps as for a team lead: the rows above each participant's stored snapshot, the
    /// direct credit of recent weeks (win streaks), the deal's own rows (by the deal-first key), and whole locked
    /// periods only when a late change lands in them.
    /// </summary>
    internal sealed class LedgerReader
    {
        public static readonly string[] CreditColumns =
        {
            S.Credit.Sequence, S.Credit.DealKey, S.Credit.DealName, S.Credit.Participant, S.Credit.Kind, S.Credit.Share, S.Credit.CreditDate,
            S.Credit.Revenue, S.Credit.Margin, S.Credit.Units, S.Credit.DealAmount, S.Credit.Category, S.Credit.ReversalOf, S.Credit.PostedOn,
        };

        private static readonly int[] DirectKinds = { S.Credit.KindBase + (int)CreditKind.Owner, S.Credit.KindBase + (int)CreditKind.Split };
        private readonly IOrganizationService _service;

        public LedgerReader(IOrganizationService service)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
        }

        /// <summary>
        /// The participants whose ledger holds rows above the sequence given for them, with their new last sequence. One
        /// indexed query that returns only the newer rows (usually none); never an aggregate over a whole ledger, which
        /// Dataverse refuses past 50,000 rows and a VP's ledger passes within a quarter.
        /// </summary>
        public Dictionary<Guid, long> GrownAbove(IReadOnlyDictionary<Guid, long> known)
        {
            var grown = new Dictionary<Guid, long>();
            if (known.Count == 0)
            {
                return grown;
            }

            var query = Queries.Of(S.Credit.Table, S.Credit.Participant, S.Credit.Sequence);
            query.Criteria.FilterOperator = LogicalOperator.Or;
            foreach (var pair in known)
            {
                var mine = new FilterExpression(LogicalOperator.And);
                mine.AddCondition(S.Credit.Participant, ConditionOperator.Equal, pair.Key);
                mine.AddCondition(S.Credit.Sequence, ConditionOperator.GreaterThan, checked((int)pair.Value));
                query.Criteria.AddFilter(mine);
            }

            foreach (var row in _service.All(query))
            {
                var participant = Columns.Lookup(row, S.Credit.Participant);
                var sequence = row.GetAttributeValue<int>(S.Credit.Sequence);
                if (!grown.TryGetValue(participant, out var last) || sequence > last)
                {
                    grown[participant] = sequence;
                }
            }

            return grown;
        }

        /// <summary>How many owner or split credits (not reversals) each participant holds in the whole ledger.</summary>
        public Dictionary<Guid, int> DirectCreditCounts(IEnumerable<Guid> participants)
        {
            var ids = participants.Where(id => id != Guid.Empty).Distinct().ToList();
            var result = ids.ToDictionary(id => id, _ => 0);
            var fetch = "<fetch aggregate='true'><entity name='" + S.Credit.Table + "'>"
                + "<attribute name='" + S.Credit.Participant + "' alias='participant' groupby='true' />"
                + "<attribute name='" + S.Credit.Id + "' alias='rows' aggregate='count' />"
                + "<filter>" + In(S.Credit.Participant, ids)
                + "<condition attribute='" + S.Credit.Kind + "' operator='in'>" + string.Concat(DirectKinds.Select(k => "<value>" + k.ToString(CultureInfo.InvariantCulture) + "</value>")) + "</condition>"
                + "<condition attribute='" + S.Credit.ReversalOf + "' operator='null' /></filter>"
                + "</entity></fetch>";
            foreach (var row in _service.RetrieveMultiple(new FetchExpression(fetch)).Entities)
            {
                var participant = (row.GetAttributeValue<AliasedValue>("participant")?.Value as EntityReference)?.Id ?? Guid.Empty;
                if (result.ContainsKey(participant) && row.GetAttributeValue<AliasedValue>("rows")?.Value is object count)
                {
                    result[participant] = Convert.ToInt32(count, CultureInfo.InvariantCulture);
                }
            }

            return result;
        }

        /// <summary>The sequence each participant's latest locked statement was booked up to (0: nothing locked yet).</summary>
        public Dictionary<Guid, long> Settled(IEnumerable<Guid> participants)
        {
            var ids = participants.Where(id => id != Guid.Empty).Distinct().ToList();
            var result = ids.ToDictionary(id => id, _ => 0L);
            if (ids.Count == 0)
            {
                return result;
            }

            var fetch = "<fetch aggregate='true'><entity name='" + S.Statement.Table + "'>"
                + "<attribute name='" + S.Statement.Participant + "' alias='participant' groupby='true' />"
                + "<attribute name='" + S.Statement.LedgerSequence + "' alias='settled' aggregate='max' />"
                + "<filter><condition attribute='" + S.Statement.Frozen + "' operator='eq' value='1' />" + In(S.Statement.Participant, ids) + "</filter>"
                + "</entity></fetch>";
            foreach (var row in _service.RetrieveMultiple(new FetchExpression(fetch)).Entities)
            {
                var participant = (row.GetAttributeValue<AliasedValue>("participant")?.Value as EntityReference)?.Id ?? Guid.Empty;
                var settled = row.GetAttributeValue<AliasedValue>("settled")?.Value;
                if (result.ContainsKey(participant) && settled != null)
                {
                    result[participant] = Convert.ToInt64(settled, CultureInfo.InvariantCulture);
                }
            }

            return result;
        }

        /// <summary>
        /// The rows each window asks for and, when a deal is named, every row of that deal, in one query (the branches are
        /// OR-ed; a row matching several comes once).
        /// </summary>
        public List<Entity> Rows(IReadOnlyCollection<LedgerWindow> windows, Guid? dealId = null)
        {
            if (windows.Count == 0 && dealId == null)
            {
                return new List<Entity>();
            }

            var query = Queries.Of(S.Credit.Table, CreditColumns);
            query.Criteria.FilterOperator = LogicalOperator.Or;
            if (dealId.HasValue)
            {
                query.Criteria.AddCondition(S.Credit.DealKey, ConditionOperator.Equal, Columns.Key(dealId.Value));
            }

            foreach (var window in windows)
            {
                var mine = new FilterExpression(LogicalOperator.And);
                mine.AddCondition(S.Credit.Participant, ConditionOperator.Equal, window.Participant);
                var wanted = new FilterExpression(LogicalOperator.Or);
                if (window.AboveSequence.HasValue)
                {
                    wanted.AddCondition(S.Credit.Sequence, ConditionOperator.GreaterThan, checked((int)window.AboveSequence.Value));
                }

                if (window.LateBefore.HasValue)
                {
                    var late = new FilterExpression(LogicalOperator.And);
                    late.AddCondition(S.Credit.Sequence, ConditionOperator.GreaterThan, checked((int)window.SettledSequence));
                    late.AddCondition(S.Credit.CreditDate, ConditionOperator.LessThan, window.LateBefore.Value);
                    wanted.AddFilter(late);
                }

                if (window.DatedFrom.HasValue)
                {
                    wanted.AddCondition(S.Credit.CreditDate, ConditionOperator.OnOrAfter, window.DatedFrom.Value);
                }

                if (window.DirectDatedFrom.HasValue)
                {
                    var direct = new FilterExpression(LogicalOperator.And);
                    direct.AddCondition(S.Credit.Kind, ConditionOperator.In, DirectKinds.Cast<object>().ToArray());
                    direct.AddCondition(S.Credit.CreditDate, ConditionOperator.OnOrAfter, window.DirectDatedFrom.Value);
                    wanted.AddFilter(direct);
                }

                mine.AddFilter(wanted);
                query.Criteria.AddFilter(mine);
            }

            return _service.All(query);
        }

        /// <summary>Every row of the participants dated in the given (locked) periods: a late change there re-prices the whole period.</summary>
        public List<Entity> RowsDatedIn(IReadOnlyCollection<Guid> participants, IReadOnlyCollection<FiscalPeriod> periods)
        {
            if (participants.Count == 0 || periods.Count == 0)
            {
                return new List<Entity>();
            }

            var query = Queries.Of(S.Credit.Table, CreditColumns).WhereIn(S.Credit.Participant, participants);
            var dated = new FilterExpression(LogicalOperator.Or);
            foreach (var period in periods)
            {
                var range = new FilterExpression(LogicalOperator.And);
                range.AddCondition(S.Credit.CreditDate, ConditionOperator.OnOrAfter, period.Start);
                range.AddCondition(S.Credit.CreditDate, ConditionOperator.LessThan, period.End);
                dated.AddFilter(range);
            }

            query.Criteria.AddFilter(dated);
            return _service.All(query);
        }

        private static string In(string column, IEnumerable<Guid> ids) =>
            "<condition attribute='" + column + "' operator='in'>" + string.Concat(ids.Select(id => "<value>" + id.ToString("D") + "</value>")) + "</condition>";
    }

    /// <summary>
    /// Which of a participant's rows to read: those above their open snapshots' sequence; every row dated from the first
    /// open period without a snapshot; direct credit dated from a day (streaks); and rows posted after their latest lock
    /// but dated before the open periods (late changes to locked periods).
    /// </summary>
    internal sealed class LedgerWindow
    {
        public LedgerWindow(Guid participant, long? aboveSequence, DateTime? datedFrom, DateTime? directDatedFrom, long settledSequence, DateTime? lateBefore)
        {
            Participant = participant;
            AboveSequence = aboveSequence;
            DatedFrom = datedFrom;
            DirectDatedFrom = directDatedFrom;
            SettledSequence = settledSequence;
            LateBefore = lateBefore;
        }

        public Guid Participant { get; }

        public long? AboveSequence { get; }

        public DateTime? DatedFrom { get; }

        public DateTime? DirectDatedFrom { get; }

        public long SettledSequence { get; }

        public DateTime? LateBefore { get; }
    }
}
