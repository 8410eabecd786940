using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Domain;
using Spm.Domain.Calendar;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Services
{
    /// <summary>
    /// Re-derives statements after a change that moves no credit (a plan assignment or a quota) for every participant on
    /// either side of it: one model load, the statements written, and rows of periods the participant no longer has a
    /// plan for shown without earnings (see SpmResultWriter). Frozen periods are never written.
    /// </summary>
    public sealed class StatementRefreshService
    {
        private readonly IOrganizationService _service;
        private readonly Action<string> _trace;

        public StatementRefreshService(IOrganizationService service, Action<string> trace)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
            _trace = trace ?? (_ => { });
        }

        /// <summary>
        /// The participants' open statements after a plan assignment was added, moved or removed: every open period that
        /// has a statement row or ledger credit for them. A period with neither has nothing to show yet, and need not
        /// have its quota entered before a plan can be assigned.
        /// </summary>
        public void RefreshOpenStatements(IReadOnlyCollection<Guid> participants, DateTime now)
        {
            var model = new SpmModelLoader(_service, _trace).Load(participants, null, false);
            foreach (var participant in participants)
            {
                var key = Columns.Key(participant);
                var credits = model.Engine.Ledger.CreditsOf(key);
                var periods = model.Periods.Periods
                    .Where(p => !model.Periods.IsFrozen(p) && (model.StatementRows.ContainsKey(SpmModel.StatementKey(key, p.Id)) || credits.Any(c => p.Contains(c.Date))))
                    .ToList();
                Write(model, new[] { participant }, periods, now);
            }
        }

        /// <summary>
        /// The statements the quota rows (its images before and after the change) belong to. A quota of a locked or paid
        /// period cannot be set, moved in or moved out: that would rewrite a frozen statement. A quota of a period that
        /// is not a statement period (a month under quarterly statements) refreshes every open period.
        /// </summary>
        public void RefreshForQuotas(IEnumerable<Entity> quotas, DateTime now)
        {
            var scopes = quotas
                .Select(q => new KeyValuePair<Guid, Guid>(Columns.Lookup(q, S.Quota.Participant), Columns.Lookup(q, S.Quota.Period)))
                .Where(s => s.Key != Guid.Empty)
                .Distinct()
                .ToList();
            if (scopes.Count == 0)
            {
                _trace("The quota names no participant; no statement to re-derive.");
                return;
            }

            var model = new SpmModelLoader(_service, _trace).Load(scopes.Select(s => s.Key).Distinct().ToList(), null, false);
            var open = model.Periods.Periods.Where(p => !model.Periods.IsFrozen(p)).ToList();
            var periods = scopes.Select(s => PeriodOf(model, s.Value)).ToList();
            var frozen = periods.FirstOrDefault(p => p != null && model.Periods.IsFrozen(p));
            if (frozen != null)
            {
                throw new SpmRuleException(S.Quota.Period, frozen.Id, $"{frozen.Id} is {model.Periods.StatusOf(frozen)}: its quotas and statements are final. Record the change as an adjustment in {model.Periods.FirstOpenAfter(frozen)?.Id ?? "the next open period"} instead.");
            }

            for (var i = 0; i < scopes.Count; i++)
            {
                Write(model, new[] { scopes[i].Key }, periods[i] != null ? new[] { periods[i]! } : (IReadOnlyList<FiscalPeriod>)open, now);
            }
        }

        private void Write(SpmModel model, IReadOnlyCollection<Guid> participants, IReadOnlyList<FiscalPeriod> periods, DateTime now)
        {
            var keys = participants.Select(Columns.Key).ToList();
            new SpmResultWriter(_service, _trace).WriteStatements(model, keys, periods, now.Date, now);
        }

        private static FiscalPeriod? PeriodOf(SpmModel model, Guid periodRow) =>
            model.PeriodRows.Where(p => p.Value == periodRow).Select(p => model.Periods.Periods.FirstOrDefault(x => x.Id == p.Key)).FirstOrDefault();
    }
}
