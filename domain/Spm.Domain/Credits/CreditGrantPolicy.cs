using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Spm.Domain.Internal;

namespace Spm.Domain.Credits
{
    /// <summary>What is being done to a credit split row.</summary>
    public enum CreditGrantAction
    {
        Create = 0,
        Update = 1,
        Delete = 2,
    }

    /// <summary>The person adding, changing or removing a split. IsAdmin: SPM Admin or System Administrator (or a trusted system call).</summary>
    public sealed record CreditGrantCaller
    {
        public CreditGrantCaller(string userId, bool isAdmin)
        {
            UserId = Preconditions.NotBlank(userId, "CreditGrant.Caller");
            IsAdmin = isAdmin;
        }

        public string UserId { get; }

        public bool IsAdmin { get; }
    }

    /// <summary>A deal as the grant rule sees it: who owns it and the owner's managers, nearest first (the owner excluded).</summary>
    public sealed record CreditGrantDeal
    {
        public CreditGrantDeal(string dealId, string dealName, string ownerId, IEnumerable<string> ownerManagers)
        {
            DealId = Preconditions.NotBlank(dealId, "CreditGrant.DealId");
            DealName = string.IsNullOrWhiteSpace(dealName) ? dealId : dealName;
            OwnerId = Preconditions.NotBlank(ownerId, "CreditGrant.OwnerId");
            OwnerManagers = Preconditions.NotNull(ownerManagers, "CreditGrant.OwnerManagers").ToList();
        }

        public string DealId { get; }

        public string DealName { get; }

        public string OwnerId { get; }

        public IReadOnlyList<string> OwnerManagers { get; }
    }

    /// <summary>One state of a split row: on which deal, for whom, what share and kind.</summary>
    public sealed record CreditGrantSplit
    {
        public CreditGrantSplit(CreditGrantDeal deal, string participantId, string participantName, decimal percent, SplitKind kind)
        {
            Deal = Preconditions.NotNull(deal, "CreditGrant.Deal");
            ParticipantId = Preconditions.NotBlank(participantId, "CreditGrant.ParticipantId");
            ParticipantName = string.IsNullOrWhiteSpace(participantName) ? participantId : participantName;
            Percent = percent;
            Kind = kind;
        }

        public CreditGrantDeal Deal { get; }

        public string ParticipantId { get; }

        public string ParticipantName { get; }

        public decimal Percent { get; }

        public SplitKind Kind { get; }
    }

    /// <summary>
    /// Who may grant credit. Role depth alone lets a manager write splits on every deal of the business unit, so:
    /// an admin may change any split; anyone else only splits on deals owned by someone who reports to them (at any
    /// level), never a split that credits themself, and never an overlay. A deal's owner does not split their own deal
    /// (their manager or an admin does), so nobody decides their own pay. Create checks the new row, Delete the old one,
    /// Update both: moving a split to another deal needs the right on both deals.
    /// </summary>
    public static class CreditGrantPolicy
    {
        /// <summary>Throws <see cref="SpmRuleException"/> naming the deal, participant, percent and why, when the caller may not do this.</summary>
        public static void Ensure(CreditGrantCaller caller, CreditGrantAction action, CreditGrantSplit? before, CreditGrantSplit? after)
        {
            var refusal = Refusal(caller, action, before, after);
            if (refusal != null)
            {
                throw refusal;
            }
        }

        /// <summary>Whether the caller may do this (the same rule as <see cref="Ensure"/>, without throwing).</summary>
        public static bool IsAllowed(CreditGrantCaller caller, CreditGrantAction action, CreditGrantSplit? before, CreditGrantSplit? after) =>
            Refusal(caller, action, before, after) == null;

        private static SpmRuleException? Refusal(CreditGrantCaller caller, CreditGrantAction action, CreditGrantSplit? before, CreditGrantSplit? after)
        {
            Preconditions.NotNull(caller, "CreditGrant.Caller");
            var sides = new List<CreditGrantSplit>();
            if (action != CreditGrantAction.Create)
            {
                sides.Add(Preconditions.NotNull(before, "CreditGrant.Before"));
            }

            if (action != CreditGrantAction.Delete)
            {
                sides.Add(Preconditions.NotNull(after, "CreditGrant.After"));
            }

            if (caller.IsAdmin)
            {
                return null;
            }

            foreach (var split in sides)
            {
                var refusal = Refusal(caller, action, split);
                if (refusal != null)
                {
                    return refusal;
                }
            }

            return null;
        }

        private static SpmRuleException? Refusal(CreditGrantCaller caller, CreditGrantAction action, CreditGrantSplit split)
        {
            var what = $"the {Percent(split.Percent)} {(split.Kind == SplitKind.Overlay ? "overlay" : "revenue split")} for {split.ParticipantName}";
            var outcome = action == CreditGrantAction.Create ? "was not saved" : action == CreditGrantAction.Delete ? "was not removed" : "was not changed";
            var deal = split.Deal;
            if (string.Equals(deal.OwnerId, caller.UserId, StringComparison.Ordinal))
            {
                return new SpmRuleException("CreditSplit.Opportunity", deal.DealId, $"You own {deal.DealName}: credit on your own deals is split by your manager or an SPM Admin, so {what} {outcome}.");
            }

            if (!deal.OwnerManagers.Contains(caller.UserId, StringComparer.Ordinal))
            {
                // Only the id the caller gave: the deal's name and owner are not theirs to learn from an error.
                return new SpmRuleException("CreditSplit.Opportunity", deal.DealId, $"You can grant credit only on deals owned by people who report to you; opportunity {deal.DealId} is not, so {what} {outcome}.");
            }

            if (string.Equals(split.ParticipantId, caller.UserId, StringComparison.Ordinal))
            {
                return new SpmRuleException("CreditSplit.Participant", split.ParticipantId, $"You cannot grant credit to yourself: {what} on {deal.DealName} {outcome}. Ask an SPM Admin.");
            }

            if (split.Kind == SplitKind.Overlay)
            {
                return new SpmRuleException("CreditSplit.Kind", split.Kind, $"Only an SPM Admin grants overlay credit: {what} on {deal.DealName} {outcome}.");
            }

            return null;
        }

        private static string Percent(decimal percent) => percent.ToString("0.####", CultureInfo.InvariantCulture) + "%";
    }
}
