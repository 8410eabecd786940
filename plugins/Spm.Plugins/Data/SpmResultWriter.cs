using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Spm.Domain.Calendar;
using Spm.Domain.Credits;
using Spm.Domain.Engine;
using Spm.Domain.Recognition;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Data
{
    /// <summary>Writes what the engine derived: ledger rows, statement totals and recognitions. Unchanged rows are not written.</summary>
    public sealed class SpmResultWriter
    {
        private readonly IOrganizationService _service;
        private readonly Action<string> _trace;

        public SpmResultWriter(IOrganizationService service, Action<string> trace)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
            _trace = trace ?? (_ => { });
        }

        public int Writes { get; private set; }

        /// <summary>
        /// Appends the posting's rows in ledger order. The participant + sequence alternate key makes each create the
        /// claim of its sequence: a concurrent writer that took the same number fails instead of duplicating it.
        /// </summary>
        public void WriteLedger(SpmModel model, LedgerPosting posting, bool opportunityExists)
        {
            var rows = posting.Posted.Concat(posting.Reversals).OrderBy(c => c.Id).ToList();
            foreach (var credit in rows)
            {
                var participant = model.Engine.Organization.Get(credit.ParticipantId);
                var row = new Entity(S.Credit.Table);
                row[S.Credit.Name] = Truncate($"{credit.DealName} – {participant.Name} ({credit.Kind}{(credit.IsReversal ? " reversal" : string.Empty)})", 100);
                row[S.Credit.Sequence] = checked((int)credit.Id);
                row[S.Credit.DealKey] = credit.DealId;
                if (opportunityExists && Guid.TryParse(credit.DealId, out var opportunityId))
                {
                    row[S.Credit.Opportunity] = new EntityReference(S.Opportunity.Table, opportunityId);
                }

                row[S.Credit.DealName] = Truncate(credit.DealName, 200);
                row[S.Credit.Participant] = new EntityReference(S.SystemUser.Table, Guid.Parse(credit.ParticipantId));
                row[S.OwnerId] = row[S.Credit.Participant];
                row[S.Credit.Kind] = new OptionSetValue(S.Credit.KindBase + (int)credit.Kind);
                row[S.Credit.Share] = credit.Share;
                row[S.Credit.CreditDate] = credit.Date;
                row[S.Credit.Revenue] = new Money(credit.Revenue);
                row[S.Credit.Margin] = new Money(credit.Margin);
                row[S.Credit.Units] = credit.Units;
                row[S.Credit.DealAmount] = new Money(credit.DealAmount);
                row[S.Credit.Category] = credit.Category;
                row[S.Credit.ReversalOf] = credit.ReversalOfId.HasValue ? checked((int)credit.ReversalOfId.Value) : (int?)null;
                row[S.Credit.PostedOn] = credit.PostedOn;
                _service.Create(row);
                Writes++;
            }

            _trace(string.Format(CultureInfo.InvariantCulture, "Ledger: {0} credit rows, {1} reversals", posting.Posted.Count, posting.Reversals.Count));
        }

        /// <summary>
        /// Re-derives and stores the statements of the given participants for the periods a change touched. A change
        /// dated in a locked or paid period is written to the next open period; frozen statement rows are never updated.
        /// </summary>
        public void WriteStatements(SpmModel model, IEnumerable<string> participantIds, IEnumerable<FiscalPeriod> periods, DateTime asOf, DateTime now)
        {
            var targets = new HashSet<FiscalPeriod>();
            foreach (var period in periods)
            {
                var target = model.Periods.IsFrozen(period) ? model.Periods.FirstOpenAfter(period) : period;
                if (target != null)
                {
                    targets.Add(target);
                }
            }

            // A draw balance carries forward within the fiscal year, so later open statements may move too.
            var carried = model.Periods.Periods
                .Where(later => !model.Periods.IsFrozen(later) && !targets.Contains(later)
                    && targets.Any(t => t.Kind == later.Kind && t.FiscalYear == later.FiscalYear && later.Start > t.Start))
                .ToList();
            foreach (var participantId in participantIds.Distinct(StringComparer.Ordinal))
            {
                foreach (var period in targets)
                {
                    WriteStatement(model, participantId, period, asOf, now);
                }

                foreach (var period in carried)
                {
                    WriteStatement(model, participantId, period, asOf, now, carriedForward: true);
                }
            }
        }

        /// <summary>The last computation of a period's statements, stored frozen. Frozen rows are never written again.</summary>
        public void FreezeStatements(SpmModel model, IEnumerable<string> participantIds, FiscalPeriod period, DateTime now)
        {
            foreach (var participantId in participantIds.Distinct(StringComparer.Ordinal))
            {
                WriteStatement(model, participantId, period, period.End.AddDays(-1) < now.Date ? period.End.AddDays(-1) : now.Date, now, freeze: true);
            }
        }

        /// <summary>
        /// Stores the milestones crossed, each once: a reopened and re-won deal crosses the same milestone again, so an
        /// event whose dedup key is already stored is not announced (or posted to Teams) a second time.
        /// </summary>
        public void WriteRecognitions(SpmModel model, IEnumerable<RecognitionEvent> events, bool opportunityExists)
        {
            var pending = events.GroupBy(r => r.DedupKey, StringComparer.Ordinal).Select(g => g.First()).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            // The read was bounded, so "first deal" is checked against the whole stored ledger: any earlier direct row means it is not.
            var firsts = pending.Where(r => r.Kind == RecognitionKind.FirstDeal).Select(r => Guid.Parse(r.ParticipantId)).ToList();
            if (firsts.Count > 0)
            {
                var seasoned = new LedgerReader(_service).DirectCreditCounts(firsts).Where(c => c.Value > 1).Select(c => Columns.Key(c.Key)).ToList();
                pending.RemoveAll(r => r.Kind == RecognitionKind.FirstDeal && seasoned.Contains(r.ParticipantId));
            }

            var stored = new HashSet<string>(
                _service.All(Queries.Of(S.Recognition.Table, S.Recognition.DedupKey).Where(S.Recognition.DedupKey, Microsoft.Xrm.Sdk.Query.ConditionOperator.In, pending.Select(r => r.DedupKey).Cast<object>().ToArray()))
                    .Select(r => Columns.Text(r, S.Recognition.DedupKey)),
                StringComparer.Ordinal);
            foreach (var recognition in pending.Where(r => !stored.Contains(r.DedupKey)))
            {
                var row = new Entity(S.Recognition.Table);
                row[S.Recognition.Name] = Truncate(recognition.Title, 200);
                row[S.Recognition.Participant] = new EntityReference(S.SystemUser.Table, Guid.Parse(recognition.ParticipantId));
                row[S.OwnerId] = row[S.Recognition.Participant];
                row[S.Recognition.Kind] = new OptionSetValue(S.Recognition.KindBase + (int)recognition.Kind);
                row[S.Recognition.Period] = recognition.PeriodId;
                row[S.Recognition.Detail] = recognition.Detail;
                if (opportunityExists && recognition.DealId != null && Guid.TryParse(recognition.DealId, out var opportunityId))
                {
                    row[S.Recognition.Opportunity] = new EntityReference(S.Opportunity.Table, opportunityId);
                }

                row[S.Recognition.Value] = recognition.Value;
                row[S.Recognition.DedupKey] = recognition.DedupKey;
                _service.Create(row);
                Writes++;
            }
        }

        /// <param name="carriedForward">
        /// The period only sees the change through a carried-forward balance: update an existing statement when its
        /// figures moved, never create one, and leave its ledger sequence alone when nothing else changed.
        /// </param>
        private void WriteStatement(SpmModel model, string participantId, FiscalPeriod period, DateTime asOf, DateTime now, bool freeze = false, bool carriedForward = false)
        {
            var key = SpmModel.StatementKey(participantId, period.Id);
            model.StatementRows.TryGetValue(key, out var existing);
            if ((existing != null && existing.GetAttributeValue<bool>(S.Statement.Frozen)) || (carriedForward && existing == null))
            {
                return;
            }

            var result = model.Engine.Result(participantId, period, asOf);
            var totals = model.Engine.TotalsOf(participantId, period);
            if (result.PlanId == null && existing == null && totals.Revenue == 0m && totals.Margin == 0m && totals.Units == 0m && totals.DealCount == 0m)
            {
                // Nobody to pay and nothing credited: no statement row.
                return;
            }

            // Without a plan in force the row shows the credit as it is and nothing earned or payable, so a rep moved
            // off a plan (or a planless manager) never shows stale earnings, and the row still carries the snapshot.
            var attainment = result.Attainment;
            var row = new Entity(S.Statement.Table);
            row[S.Statement.Measure] = new OptionSetValue(S.Quota.MeasureBase + (int)attainment.Measure);
            row[S.Statement.Credited] = new Money(attainment.Credited);
            row[S.Statement.Quota] = attainment.Quota.HasValue ? new Money(attainment.Quota.Value) : null;
            row[S.Statement.AttainmentPercent] = attainment.Attainment.HasValue ? Math.Round(attainment.Attainment.Value * 100m, 2, MidpointRounding.AwayFromZero) : (decimal?)null;
            row[S.Statement.Earned] = new Money(result.Earned);
            row[S.Statement.TotalPayable] = new Money(result.TotalPayable);
            row[S.Statement.DrawBalance] = new Money(result.DrawClosingBalance);
            row[S.Statement.LedgerSequence] = checked((int)result.LedgerSequence);
            row[S.Statement.Plan] = result.PlanId == null ? null : new EntityReference(S.CompPlan.Table, model.PlanRows[result.PlanId]);
            StatementSnapshot.Write(row, totals);
            if (freeze)
            {
                row[S.Statement.Frozen] = true;
            }

            if (existing != null && Same(existing, row, ignoreSequence: carriedForward))
            {
                return;
            }

            row[S.Statement.RecalculatedOn] = now;
            if (existing == null)
            {
                row[S.Statement.Name] = Truncate($"{model.Engine.Organization.Get(participantId).Name} – {period.Id}", 100);
                row[S.Statement.Participant] = new EntityReference(S.SystemUser.Table, Guid.Parse(participantId));
                row[S.OwnerId] = row[S.Statement.Participant];
                row[S.Statement.Period] = new EntityReference(S.Period.Table, model.PeriodRows[period.Id]);
                row[S.Statement.Frozen] = freeze;
                _service.Create(row);
            }
            else
            {
                // Only over the row this computation read: an async job that lost a race to another writer fails and is
                // retried from fresh rows, rather than putting back figures older than the ones stored.
                row.Id = existing.Id;
                row.RowVersion = existing.RowVersion;
                _service.Execute(new UpdateRequest { Target = row, ConcurrencyBehavior = existing.RowVersion == null ? ConcurrencyBehavior.Default : ConcurrencyBehavior.IfRowVersionMatches });
            }

            Writes++;
            _trace(string.Format(CultureInfo.InvariantCulture, "Statement {0}: credited {1}, attainment {2}%, payable {3}", key, attainment.Credited, row[S.Statement.AttainmentPercent] ?? "n/a", result.TotalPayable));
        }

        /// <summary>Re-running a step must change nothing: compare what would be written with what is stored.</summary>
        private static bool Same(Entity existing, Entity row, bool ignoreSequence = false)
        {
            foreach (var attribute in row.Attributes)
            {
                if (ignoreSequence && attribute.Key == S.Statement.LedgerSequence)
                {
                    continue;
                }

                var stored = existing.Contains(attribute.Key) ? existing[attribute.Key] : null;
                if (!Equals(Normalize(stored), Normalize(attribute.Value)))
                {
                    return false;
                }
            }

            return true;
        }

        private static object? Normalize(object? value) => value switch
        {
            Money money => money.Value,
            OptionSetValue option => option.Value,
            EntityReference reference => reference.Id,
            _ => value,
        };

        private static string Truncate(string text, int length) => text.Length <= length ? text : text.Substring(0, length);
    }
}
