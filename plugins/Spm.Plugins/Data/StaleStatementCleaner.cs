using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Domain.Calendar;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Data
{
    /// <summary>
    /// The statements <see cref="SpmResultWriter.WriteStatements"/> leaves alone: a participant with no plan for an open
    /// period gets no statement, so a row written while they had one would keep showing its old earnings. Such a row is
    /// rewritten with the domain's no-plan result: the credit and quota as they are, nothing earned or payable, no plan.
    /// The row is kept (not deleted) because approvals, acknowledgements, lines and inquiries hang off it. Frozen rows
    /// and frozen periods are never touched; a participant without a plan and without a row gets no row.
    /// </summary>
    public sealed class StaleStatementCleaner
    {
        private readonly IOrganizationService _service;
        private readonly Action<string> _trace;

        public StaleStatementCleaner(IOrganizationService service, Action<string> trace)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
            _trace = trace ?? (_ => { });
        }

        public int Writes { get; private set; }

        public void Clear(SpmModel model, IEnumerable<string> participantIds, IEnumerable<FiscalPeriod> periods, DateTime asOf, DateTime now)
        {
            var open = periods.Where(p => !model.Periods.IsFrozen(p)).Distinct().ToList();
            foreach (var participantId in participantIds.Distinct(StringComparer.Ordinal))
            {
                foreach (var period in open)
                {
                    if (!model.StatementRows.TryGetValue(SpmModel.StatementKey(participantId, period.Id), out var existing) || existing.GetAttributeValue<bool>(S.Statement.Frozen))
                    {
                        continue;
                    }

                    var result = model.Engine.Result(participantId, period, asOf);
                    if (result.PlanId != null)
                    {
                        continue;
                    }

                    var attainment = result.Attainment;
                    var row = new Entity(S.Statement.Table, existing.Id);
                    row[S.Statement.Plan] = null;
                    row[S.Statement.Measure] = new OptionSetValue(S.Quota.MeasureBase + (int)attainment.Measure);
                    row[S.Statement.Credited] = new Money(attainment.Credited);
                    row[S.Statement.Quota] = attainment.Quota.HasValue ? new Money(attainment.Quota.Value) : null;
                    row[S.Statement.AttainmentPercent] = attainment.Attainment.HasValue ? Math.Round(attainment.Attainment.Value * 100m, 2, MidpointRounding.AwayFromZero) : (decimal?)null;
                    row[S.Statement.Earned] = new Money(result.Earned);
                    row[S.Statement.TotalPayable] = new Money(result.TotalPayable);
                    row[S.Statement.DrawBalance] = new Money(result.DrawClosingBalance);
                    row[S.Statement.LedgerSequence] = checked((int)result.LedgerSequence);
                    if (Same(existing, row))
                    {
                        continue;
                    }

                    row[S.Statement.RecalculatedOn] = now;
                    _service.Update(row);
                    Writes++;
                    _trace(string.Format(CultureInfo.InvariantCulture, "Statement {0}|{1}: no plan in force, earnings cleared (credited {2})", participantId, period.Id, attainment.Credited));
                }
            }
        }

        private static bool Same(Entity existing, Entity row) =>
            row.Attributes.All(a => Equals(Normalize(existing.Contains(a.Key) ? existing[a.Key] : null), Normalize(a.Value)));

        private static object? Normalize(object? value) => value switch
        {
            Money money => money.Value,
            OptionSetValue option => option.Value,
            EntityReference reference => reference.Id,
            _ => value,
        };
    }
}
