using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Engine;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Services
{
    /// <summary>
    /// Brings the ledger in line with an opportunity and re-derives the statements it moves: read what the change needs,
    /// let the domain diff and compute, lock the participants it writes (last, in a fixed order), check nobody posted for
    /// them meanwhile, then write only what changed.
    /// </summary>
    public sealed class CreditPostingService
    {
        private const int Attempts = 3;
        private readonly IOrganizationService _service;
        private readonly Action<string> _trace;

        public CreditPostingService(IOrganizationService service, Action<string> trace)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
            _trace = trace ?? (_ => { });
        }

        /// <summary>The deal's credit splits as stored.</summary>
        public List<Entity> SplitsOf(Guid opportunityId) =>
            _service.All(Queries.Of(S.CreditSplit.Table, S.CreditSplit.Opportunity, S.CreditSplit.Participant, S.CreditSplit.Percent, S.CreditSplit.Kind).Where(S.CreditSplit.Opportunity, ConditionOperator.Equal, opportunityId));

        /// <summary>
        /// Posts the opportunity's current state (null when it was deleted) in the given scope. <paramref name="splits"/>
        /// is the deal's split rows as they will be once the current operation commits (null: read them).
        /// </summary>
        public DealChange? Post(Guid opportunityId, Entity? opportunity, IReadOnlyList<Entity>? splits, CreditScope scope, Guid userId, DateTime now)
        {
            splits = opportunity == null ? new List<Entity>() : splits ?? SplitsOf(opportunityId);
            var people = new List<Guid>();
            if (opportunity != null)
            {
                people.Add(Columns.RequiredLookup(opportunity, S.Opportunity.Owner));
                people.AddRange(splits.Select(s => Columns.Lookup(s, S.CreditSplit.Participant)));
            }

            var closed = opportunity == null ? null : Columns.Date(opportunity, S.Opportunity.ActualCloseDate);
            var postingDates = closed.HasValue ? new[] { closed.Value } : null;
            var today = now.Date;
            IReadOnlyDictionary<Guid, long>? verified = null;
            for (var attempt = 1; ; attempt++)
            {
                var model = new SpmModelLoader(_service, _trace).Load(people, opportunityId, scope == CreditScope.RollUp, null, postingDates, verified);
                var change = opportunity == null
                    ? model.Engine.RemoveDeal(Columns.Key(opportunityId), today, scope)
                    : model.Engine.ApplyDeal(DealMapper.ToDeal(opportunity, splits, model.CurrencyCodes, today), today, scope);
                var writer = new SpmResultWriter(_service, _trace);
                if (change.Posting.IsEmpty)
                {
                    // A retry of a job that wrote its credits but failed before its statements lands here: re-derive them.
                    _trace("The ledger already matches this opportunity; checking its statements.");
                    WriteDealStatements(model, writer, change.Posting, Columns.Key(opportunityId), scope, now);
                    return change;
                }

                var writing = change.Posting.AffectedParticipants.Select(Guid.Parse).ToList();
                ParticipantLocks.Take(_service, writing, userId);
                var grown = new LedgerReader(_service).GrownAbove(writing.ToDictionary(p => p, p => model.LastSequences.TryGetValue(p, out var last) ? last : 0L));
                if (grown.Count > 0)
                {
                    var moved = grown.Keys.First();
                    if (attempt == Attempts)
                    {
                        throw new InvalidPluginExecutionException(string.Format(CultureInfo.InvariantCulture, "Sales Performance could not post this change: the ledger of systemuser {0} kept changing while it was being updated. Save again.", moved));
                    }

                    _trace(string.Format(CultureInfo.InvariantCulture, "Systemuser {0} was posted to while this change was computed; recomputing (attempt {1}).", moved, attempt + 1));
                    verified = model.LastSequences.Concat(grown).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Max(p => p.Value));
                    continue;
                }

                writer.WriteLedger(model, change.Posting, opportunity != null);
                WriteDealStatements(model, writer, change.Posting, Columns.Key(opportunityId), scope, now);
                writer.WriteRecognitions(model, change.Recognitions, opportunity != null);
                return change;
            }
        }

        /// <summary>
        /// The statements of everyone who holds or held credit on the deal in this scope, for every period its rows and this
        /// posting touch. An async job's calls commit one at a time, so a retry may find some rows written and some
        /// statements not: re-deriving the deal's whole set (unchanged ones are not rewritten) is what completes it.
        /// </summary>
        private static void WriteDealStatements(SpmModel model, SpmResultWriter writer, LedgerPosting posting, string dealId, CreditScope scope, DateTime now)
        {
            var rows = model.Engine.Ledger.Entries.Where(c => c.DealId == dealId && scope.Includes(c.Kind)).ToList();
            var participants = posting.AffectedParticipants.Concat(rows.Select(c => c.ParticipantId)).Distinct(StringComparer.Ordinal).ToList();
            var periods = model.Engine.StatementPeriodsMovedBy(posting)
                .Concat(rows.Select(c => model.Periods.TryPeriodOf(c.Date, out var period) ? period : null).Where(p => p != null).Select(p => p!))
                .Distinct()
                .ToList();
            writer.WriteStatements(model, participants, periods, now.Date, now);
        }

        /// <summary>Re-derives statements without a ledger change (a quota or plan changed).</summary>
        public void Recalculate(IReadOnlyCollection<Guid> participants, IEnumerable<FiscalPeriod>? periods, DateTime now)
        {
            var loader = new SpmModelLoader(_service, _trace);
            var model = loader.Load(participants, null, false);
            var writer = new SpmResultWriter(_service, _trace);
            writer.WriteStatements(model, participants.Select(Columns.Key), periods ?? model.Periods.Periods.Where(p => !model.Periods.IsFrozen(p)), now.Date, now);
        }
    }
}
