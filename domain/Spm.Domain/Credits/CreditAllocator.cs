using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Calendar;
using Spm.Domain.Internal;
using Spm.Domain.Money;
using Spm.Domain.Participants;

namespace Spm.Domain.Credits
{
    /// <summary>
    /// Turns a won deal into the credits it should produce: the owner's 100% (or the revenue splits, which must total
    /// 100%), overlay credits, and roll-up credit for the managers above each credited rep. Deals of no value and
    /// people who are not active participants are credited nothing (see <see cref="Allocate"/>).
    /// </summary>
    public sealed class CreditAllocator
    {
        public CreditAllocator(SalesOrganization organization, CurrencyTable currencies, PeriodBook periods, RollUpPolicy rollUp)
        {
            Organization = Preconditions.NotNull(organization, "CreditAllocator.Organization");
            Currencies = Preconditions.NotNull(currencies, "CreditAllocator.Currencies");
            Periods = Preconditions.NotNull(periods, "CreditAllocator.Periods");
            RollUp = Preconditions.NotNull(rollUp, "CreditAllocator.RollUp");
        }

        public SalesOrganization Organization { get; }

        public CurrencyTable Currencies { get; }

        public PeriodBook Periods { get; }

        public RollUpPolicy RollUp { get; }

        /// <summary>The deal's value in base currency as Dataverse stores it: amount / exchange rate, rounded to base precision.</summary>
        public decimal ToBase(Deal deal, decimal amount)
        {
            var currency = Currencies.Get(deal.CurrencyCode);
            if (currency.Code == Currencies.Base.Code)
            {
                return amount;
            }

            if (!deal.ExchangeRate.HasValue)
            {
                throw new SpmRuleException($"Deal.ExchangeRate of '{deal.Name}'", null, $"Deal '{deal.Name}' is in {currency.Code} but has no exchange rate to {Currencies.Base.Code}; set the currency's exchange rate and save the opportunity again.");
            }

            return MoneyRounding.Commercial(Currencies.Base).Round(amount / deal.ExchangeRate.Value);
        }

        /// <summary>
        /// The credits the deal's current state should hold. Rules, besides the splits' 100%:
        /// <list type="bullet">
        /// <item>Only a won deal carrying value is credited: a deal whose revenue, margin (in base currency) and units
        /// are all zero (a no-charge renewal, a duplicate closed to tidy the pipeline) posts nothing, so it counts as no
        /// deal won, earns no per-deal SPIFF and announces nothing. A deal with units but no revenue (pilot licences)
        /// is credited: its units, and as one deal for deal-count measures.</item>
        /// <item>Only active participants (<see cref="Participant.IsActive"/>) are credited. A disabled user, a user who
        /// is not an SPM participant, or one the organization does not know at all gets no owner, split or overlay
        /// credit and blocks nothing; a non-participant's revenue split share is credited to nobody directly (the split
        /// still has to total 100%).</item>
        /// <item>Managers roll up their team's deals whoever closed them: a known but inactive rep's share still rolls up
        /// their manager chain. Inactive managers in the chain get no roll-up and are passed over, so the active managers
        /// above them are credited; <see cref="RollUpPolicy.Levels"/> counts levels of the hierarchy, inactive ones included.</item>
        /// </list>
        /// </summary>
        public IReadOnlyList<CreditDraft> Allocate(Deal deal)
        {
            Preconditions.NotNull(deal, "Deal");
            if (deal.Status != DealStatus.Won)
            {
                return Array.Empty<CreditDraft>();
            }

            var date = deal.ActualCloseDate!.Value;
            Periods.PeriodOf(date, $"Credit date (actual close date) of deal '{deal.Name}'");
            var revenue = ToBase(deal, deal.Amount);
            var margin = ToBase(deal, deal.Margin);
            if (revenue == 0m && margin == 0m && deal.Units == 0m)
            {
                return Array.Empty<CreditDraft>();
            }

            var revenueSplits = deal.Splits.Where(s => s.Kind == SplitKind.Revenue).ToList();

            // Every share of the deal, credited or not: an inactive rep's share still rolls up to their managers.
            var shares = new List<DirectShare>();
            if (revenueSplits.Count == 0)
            {
                shares.Add(new DirectShare(deal.OwnerId, 1m, CreditKind.Owner));
            }
            else
            {
                var total = revenueSplits.Sum(s => s.Percent);
                Preconditions.Require(
                    total == 100m,
                    $"CreditSplit.Percent of '{deal.Name}'",
                    total,
                    $"Revenue splits on deal '{deal.Name}' total {Preconditions.Format(total)}% ({string.Join(", ", revenueSplits.Select(s => $"{Name(s.ParticipantId)} {Preconditions.Format(s.Percent)}%"))}); they must total exactly 100%.");
                shares.AddRange(revenueSplits.Select(s => new DirectShare(s.ParticipantId, s.Percent / 100m, CreditKind.Split)));
            }

            var drafts = new List<CreditDraft>();
            foreach (var share in shares)
            {
                if (IsCredited(share.ParticipantId))
                {
                    drafts.Add(Draft(deal, share.ParticipantId, share.Kind, share.Share, date, revenue, margin));
                }
            }

            foreach (var overlay in deal.Splits.Where(s => s.Kind == SplitKind.Overlay))
            {
                if (IsCredited(overlay.ParticipantId))
                {
                    drafts.Add(Draft(deal, overlay.ParticipantId, CreditKind.Overlay, overlay.Percent / 100m, date, revenue, margin));
                }
            }

            // Managers get the combined share of their reports' direct shares; a manager who is also credited directly keeps both.
            var rollUps = new Dictionary<string, decimal>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var share in shares)
            {
                if (!Organization.Contains(share.ParticipantId))
                {
                    // Someone SPM does not know has no known managers.
                    continue;
                }

                var chain = Organization.ManagerChain(share.ParticipantId);
                var levels = Math.Min(chain.Count, RollUp.Levels ?? int.MaxValue);
                for (var i = 0; i < levels; i++)
                {
                    if (!chain[i].IsActive)
                    {
                        continue;
                    }

                    if (!rollUps.ContainsKey(chain[i].Id))
                    {
                        order.Add(chain[i].Id);
                        rollUps[chain[i].Id] = 0m;
                    }

                    rollUps[chain[i].Id] += share.Share;
                }
            }

            foreach (var managerId in order)
            {
                drafts.Add(Draft(deal, managerId, CreditKind.RollUp, rollUps[managerId], date, revenue, margin));
            }

            return drafts;
        }

        /// <summary>Whether someone named on a deal earns credit: a known, active participant.</summary>
        public bool IsCredited(string participantId) =>
            participantId != null && Organization.Contains(participantId) && Organization.Get(participantId).IsActive;

        private sealed record DirectShare(string ParticipantId, decimal Share, CreditKind Kind);

        private static CreditDraft Draft(Deal deal, string participantId, CreditKind kind, decimal share, DateTime date, decimal revenue, decimal margin) =>
            new CreditDraft(deal.Id, deal.Name, participantId, kind, share, date, revenue * share, margin * share, deal.Units * share, revenue, deal.Category);

        private string Name(string id) => Organization.Contains(id) ? Organization.Get(id).Name : id;
    }
}
