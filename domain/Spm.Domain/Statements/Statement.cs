using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Calendar;
using Spm.Domain.Money;

namespace Spm.Domain.Statements
{
    /// <summary>
    /// A participant's pay for one period: explained lines whose sum is the total payable, the draw balance carried,
    /// and whether it is frozen (its period is locked or paid). Ledger sequence records how much of the participant's
    /// ledger it reflects, so later changes can be booked as adjustments instead of rewriting it.
    /// </summary>
    public sealed class Statement
    {
        internal Statement(string participantId, FiscalPeriod period, string planId, Currency currency, PeriodAttainment attainment, IReadOnlyList<StatementLine> lines, decimal drawOpeningBalance, decimal drawClosingBalance, long ledgerSequence, bool frozen, decimal? earned = null, decimal? totalPayable = null)
        {
            ParticipantId = participantId;
            Period = period;
            PlanId = planId;
            Currency = currency;
            Attainment = attainment;
            Lines = lines;
            DrawOpeningBalance = drawOpeningBalance;
            DrawClosingBalance = drawClosingBalance;
            LedgerSequence = ledgerSequence;
            Frozen = frozen;
            // Figures-only statements (full recalculation) carry the totals; explained ones derive them from their lines.
            TotalPayable = totalPayable ?? lines.Sum(l => l.Amount);
            Earned = earned ?? lines.Where(l => l.Kind != StatementLineKind.DrawTopUp && l.Kind != StatementLineKind.DrawRecovery).Sum(l => l.Amount);
        }

        public string ParticipantId { get; }

        public FiscalPeriod Period { get; }

        public string PlanId { get; }

        public Currency Currency { get; }

        /// <summary>Credited, quota and attainment on the plan's primary measure.</summary>
        public PeriodAttainment Attainment { get; }

        public IReadOnlyList<StatementLine> Lines { get; }

        /// <summary>Commission, incentives, SPIFFs and adjustments, before the draw.</summary>
        public decimal Earned { get; }

        /// <summary>The sum of the lines, always.</summary>
        public decimal TotalPayable { get; }

        /// <summary>Recoverable draw owed by the rep at the start and end of the period.</summary>
        public decimal DrawOpeningBalance { get; }

        public decimal DrawClosingBalance { get; }

        /// <summary>The id of the participant's last ledger row this statement reflects; later rows become adjustments once frozen.</summary>
        public long LedgerSequence { get; }

        public bool Frozen { get; }

        internal Statement Freeze() => new Statement(ParticipantId, Period, PlanId, Currency, Attainment, Lines, DrawOpeningBalance, DrawClosingBalance, LedgerSequence, true, Earned, TotalPayable);
    }
}
