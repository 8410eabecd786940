using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Internal;

namespace Spm.Domain.Calendar
{
    /// <summary>
    /// The statement periods an administrator has defined (contiguous, one kind) and their status.
    /// Status only moves forward: Open → Locked → Paid.
    /// </summary>
    public sealed class PeriodBook
    {
        private readonly List<FiscalPeriod> _periods;
        private readonly Dictionary<string, PeriodStatus> _status;
        private readonly Dictionary<string, FiscalPeriod> _byId;

        public PeriodBook(FiscalCalendar calendar, IEnumerable<FiscalPeriod> periods)
        {
            Calendar = Preconditions.NotNull(calendar, "PeriodBook.Calendar");
            _periods = Preconditions.NotNull(periods, "PeriodBook.Periods").OrderBy(p => p.Start).ToList();
            Preconditions.Require(_periods.Count > 0, "PeriodBook.Periods", null, "At least one statement period must be defined.");
            Kind = _periods[0].Kind;
            for (var i = 0; i < _periods.Count; i++)
            {
                var period = _periods[i];
                Preconditions.Require(period.Kind == Kind, "PeriodBook.Periods", period.Id, $"Statement periods must all be {Kind}s; {period.Id} is a {period.Kind}.");
                Preconditions.Require(Calendar.PeriodContaining(period.Start, Kind) == period, "PeriodBook.Periods", period.Id, $"Period {period.Id} does not belong to a fiscal calendar starting in month {Calendar.StartMonth}.");
                if (i > 0)
                {
                    var previous = _periods[i - 1];
                    Preconditions.Require(previous.End == period.Start, "PeriodBook.Periods", period.Id, previous.End > period.Start
                        ? $"Period {period.Id} overlaps {previous.Id}."
                        : $"There is a gap between {previous.Id} (ends {previous.End.AddDays(-1):yyyy-MM-dd}) and {period.Id} (starts {period.Start:yyyy-MM-dd}).");
                }
            }

            _status = _periods.ToDictionary(p => p.Id, _ => PeriodStatus.Open, StringComparer.Ordinal);
            _byId = _periods.ToDictionary(p => p.Id, p => p, StringComparer.Ordinal);
        }

        public FiscalCalendar Calendar { get; }

        public PeriodKind Kind { get; }

        public IReadOnlyList<FiscalPeriod> Periods => _periods;

        public static PeriodBook ForFiscalYear(FiscalCalendar calendar, int fiscalYear, PeriodKind kind) =>
            new PeriodBook(calendar, calendar.PeriodsWithin(calendar.Period(PeriodKind.Year, fiscalYear, 1), kind));

        public PeriodStatus StatusOf(FiscalPeriod period) => _status[Get(period.Id).Id];

        public bool IsFrozen(FiscalPeriod period) => StatusOf(period) != PeriodStatus.Open;

        public FiscalPeriod Get(string periodId) =>
            periodId != null && _byId.TryGetValue(periodId, out var period)
                ? period
                : throw new SpmRuleException("Period", periodId, $"Period {periodId} is not defined (defined: {_periods[0].Id} to {_periods[_periods.Count - 1].Id}).");

        /// <summary>The defined period containing a date; a date outside every defined period is an error.</summary>
        public FiscalPeriod PeriodOf(DateTime date, string field)
        {
            if (TryPeriodOf(date, out var period))
            {
                return period!;
            }

            throw new SpmRuleException(field, date, $"{field} {date:yyyy-MM-dd} falls in no defined period (defined: {_periods[0].Id} {_periods[0].Start:yyyy-MM-dd} to {_periods[_periods.Count - 1].Id} ending {_periods[_periods.Count - 1].End.AddDays(-1):yyyy-MM-dd}).");
        }

        public bool TryPeriodOf(DateTime date, out FiscalPeriod? period)
        {
            // Periods are contiguous, so a range check and one index computation find it.
            if (date < _periods[0].Start || date >= _periods[_periods.Count - 1].End)
            {
                period = null;
                return false;
            }

            var index = (MonthKey.Of(date) - _periods[0].FirstMonthKey) / (int)Kind;
            period = _periods[index];
            return true;
        }

        public void Lock(FiscalPeriod period) => Move(period, PeriodStatus.Open, PeriodStatus.Locked);

        public void MarkPaid(FiscalPeriod period) => Move(period, PeriodStatus.Locked, PeriodStatus.Paid);

        /// <summary>The first Open period that starts after <paramref name="period"/>: where changes to a frozen period land.</summary>
        public FiscalPeriod? FirstOpenAfter(FiscalPeriod period) =>
            _periods.FirstOrDefault(p => p.Start >= period.End && _status[p.Id] == PeriodStatus.Open);

        /// <summary>Frozen periods that end at or before <paramref name="period"/> starts.</summary>
        public IEnumerable<FiscalPeriod> FrozenBefore(FiscalPeriod period) =>
            _periods.Where(p => p.End <= period.Start && _status[p.Id] != PeriodStatus.Open);

        private void Move(FiscalPeriod period, PeriodStatus from, PeriodStatus to)
        {
            var current = StatusOf(period);
            Preconditions.Require(current == from, "Period.Status", current, $"Period {period.Id} is {current}; only a {from} period can become {to}.");
            if (to == PeriodStatus.Locked)
            {
                var earlierOpen = _periods.FirstOrDefault(p => p.End <= period.Start && _status[p.Id] == PeriodStatus.Open);
                Preconditions.Require(earlierOpen == null, "Period.Status", period.Id, $"Lock {earlierOpen?.Id} before {period.Id}: periods are locked in order.");
            }

            _status[period.Id] = to;
        }
    }
}
