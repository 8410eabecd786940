using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Engine;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Services
{
    /// <summary>
    /// Brings the ledger in line with an opportunity and re-derives the statements it moves: lock the ledger, read what
    /// the change needs, let the domain diff and compute, write only what changed.
    /// </summary>
    public sealed class CreditPostingService
    {
        private readonly IOrganizationService _service;
        private readonly Action<string> _trace;

        public CreditPostingService(IOrganizationService service, Action<string> trace)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
            _trace = trace ?? (_ => { });
        }

        /// <summary>Posts the opportunity's current state (null when it was deleted) in the given scope.</summary>
        public DealChange? Post(Guid opportunityId, Entity? opportunity, CreditScope scope, Guid userId, DateTime now)
        {
            var splits = opportunity == null
                ? new List<Entity>()
                : _service.All(Queries.Of(S.CreditSplit.Table, S.CreditSplit.Participant, S.CreditSplit.Percent, S.CreditSplit.Kind).Where(S.CreditSplit.Opportunity, Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, opportunityId));
            var people = new List<Guid>();
            if (opportunity != null)
            {
                people.Add(Columns.RequiredLookup(opportunity, S.Opportunity.Owner));
                people.AddRange(splits.Select(s => Columns.Lookup(s, S.CreditSplit.Participant)));
            }

            var loader = new SpmModelLoader(_service, _trace);
            var model = loader.Load(people, opportunityId, scope == CreditScope.RollUp, loader.LockLedger(userId));
            var today = now.Date;
            var change = opportunity == null
                ? model.Engine.RemoveDeal(Columns.Key(opportunityId), today, scope)
                : model.Engine.ApplyDeal(DealMapper.ToDeal(opportunity, splits, model.CurrencyCodes, today), today, scope);
            if (change.Posting.IsEmpty)
            {
                _trace("The ledger already matches this opportunity; nothing to write.");
                return change;
            }

            var writer = new SpmResultWriter(_service, _trace);
            writer.WriteLedger(model, change.Posting, opportunity != null);
            var periods = change.Posting.AffectedDates.Select(d => model.Periods.PeriodOf(d, "Credit date")).Distinct();
            writer.WriteStatements(model, change.Posting.AffectedParticipants, periods, today, now);
            writer.WriteRecognitions(model, change.Recognitions, opportunity != null);
            return change;
        }

        /// <summary>Re-derives statements without a ledger change (a quota or plan changed).</summary>
        public void Recalculate(IReadOnlyCollection<Guid> participants, IEnumerable<FiscalPeriod>? periods, DateTime now)
        {
            var loader = new SpmModelLoader(_service, _trace);
            var model = loader.Load(participants, null, false, 0);
            var writer = new SpmResultWriter(_service, _trace);
            writer.WriteStatements(model, participants.Select(Columns.Key), periods ?? model.Periods.Periods.Where(p => !model.Periods.IsFrozen(p)), now.Date, now);
        }
    }
}
