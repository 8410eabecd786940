using Spm.Domain.Internal;

namespace Spm.Domain.Credits
{
    /// <summary>One line of an opportunity's credit split (spm_creditsplit): who gets what share.</summary>
    public sealed record DealSplit
    {
        public DealSplit(string participantId, decimal percent, SplitKind kind)
        {
            ParticipantId = Preconditions.NotBlank(participantId, "CreditSplit.ParticipantId");
            Percent = Preconditions.InRange(percent, 0.0001m, 100m, $"CreditSplit.Percent for {participantId}");
            Kind = kind;
        }

        public string ParticipantId { get; }

        /// <summary>0–100, e.g. 60 for 60%.</summary>
        public decimal Percent { get; }

        public SplitKind Kind { get; }
    }
}
