using System;
using Spm.Domain.Credits;
using Spm.Domain.Internal;

namespace Spm.Domain.Plans
{
    /// <summary>
    /// When commission already settled in a locked period is taken back: a deal cancelled (lost, re-opened or deleted)
    /// within WindowDays of its close date is clawed back in the next open period; later cancellations keep their pay.
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

        public int DaysAfterClose(Credit reversal) => (int)Math.Round((reversal.PostedOn - reversal.Date).TotalDays);
    }
}
