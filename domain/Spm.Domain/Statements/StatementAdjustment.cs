using System;
using Spm.Domain.Internal;

namespace Spm.Domain.Statements
{
    /// <summary>A manual amount sales ops adds to a statement (spm_adjustment), dated and with a reason.</summary>
    public sealed record StatementAdjustment
    {
        public StatementAdjustment(string id, string participantId, string periodId, decimal amount, DateTime date, string reason)
        {
            Id = Preconditions.NotBlank(id, "Adjustment.Id");
            ParticipantId = Preconditions.NotBlank(participantId, "Adjustment.ParticipantId");
            PeriodId = Preconditions.NotBlank(periodId, "Adjustment.PeriodId");
            Preconditions.Require(amount != 0m, "Adjustment.Amount", amount, "Adjustment.Amount cannot be zero.");
            Amount = amount;
            Date = Preconditions.DateOnly(date, "Adjustment.Date");
            Reason = Preconditions.NotBlank(reason, "Adjustment.Reason");
        }

        public string Id { get; }

        public string ParticipantId { get; }

        /// <summary>The period the adjustment is for; when that period is frozen it lands in the next open period.</summary>
        public string PeriodId { get; }

        public decimal Amount { get; }

        public DateTime Date { get; }

        public string Reason { get; }
    }
}
