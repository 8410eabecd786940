using System;
using Spm.Domain.Credits;
using Spm.Domain.Internal;

namespace Spm.Domain.Plans
{
    /// <summary>
    /// When commission already settled in a locked period is taken back: a deal cancelled (lost, re-opened or deleted)
    /// within WindowDays of its close date is clawed back in the next open period; later cancellations keep their pay.
    /// <para>
    /// A deal is paid once. Kept pay is kept only while the deal stays cancelled: when the participant is credited on
    /// the same deal again (won again, in the same or a later period, at the same or another amount), the late
    /// cancellation is clawed back after all, in the first open period after the locked one, and the new credit is
    /// paid where it now closes. So over all periods the participant is paid for the deal once, at its latest amount.
    /// If the new credit is itself withdrawn before it is settled, the cancellation keeps its pay again. Kept pay is
    /// the participant's own: a deal won back by someone else pays them and leaves the first rep's pay alone.
    /// </para>
    /// </summary>
    public sealed record ClawbackPolicy
    {
        public ClawbackPolicy(int windowDays)
        {
            WindowDays = Preconditions.InRange(windowDays, 0, 3650, "ClawbackPolicy.WindowDays");
        }

        public int WindowDays { get; }

        /// <summary>The common default: cancellations within 90 days of close are clawed back.</summary>
        public static ClawbackPolicy NinetyDays { get; } = new ClawbackPolicy(90);

        public bool ClawsBack(Credit reversal) => reversal.IsReversal && (reversal.PostedOn - reversal.Date).TotalDays <= WindowDays;

        /// <summary>
        /// Whether a reversal of settled credit (posted after its period was locked) leaves the participant the pay:
        /// only outside the window, and only while the participant is not credited on the deal again afterwards.
        /// </summary>
        public bool KeepsPay(Credit reversal, bool creditedOnTheDealAgain) =>
            reversal.IsReversal && !ClawsBack(reversal) && !creditedOnTheDealAgain;

        public int DaysAfterClose(Credit reversal) => (int)Math.Round((reversal.PostedOn - reversal.Date).TotalDays);
    }
}
