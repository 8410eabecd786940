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
    /// 100%), overlay credits, and roll-up credit for the managers above each credited rep.
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

            var revenueSplits = deal.Splits.Where(s => s.Kind == SplitKind.Revenue).ToList();
            var direct = new List<DirectShare>();
            if (revenueSplits.Count == 0)
            {
                direct.Add(new DirectShare(Participant(deal.OwnerId, deal, "owner").Id, 1m, CreditKind.Owner));
            }
            else
            {
                var total = revenueSplits.Sum(s => s.Percent);
                Preconditions.Require(
                    total == 100m,
                    $"CreditSplit.Percent of '{deal.Name}'",
                    total,
                    $"Revenue splits on deal '{deal.Name}' total {Preconditions.Format(total)}% ({string.Join(", ", revenueSplits.Select(s => $"{Name(s.ParticipantId)} {Preconditions.Format(s.Percent)}%"))}); they must total exactly 100%.");
                direct.AddRange(revenueSplits.Select(s => new DirectShare(Participant(s.ParticipantId, deal, "split").Id, s.Percent / 100m, CreditKind.Split)));
            }

            var drafts = new List<CreditDraft>();
            foreach (var share in direct)
            {
                drafts.Add(Draft(deal, share.ParticipantId, share.Kind, share.Share, date, revenue, margin));
            }

            foreach (var overlay in deal.Splits.Where(s => s.Kind == SplitKind.Overlay))
            {
                drafts.Add(Draft(deal, Participant(overlay.ParticipantId, deal, "overlay").Id, CreditKind.Overlay, overlay.Percent / 100m, date, revenue, margin));
            }

            // Managers get the combined share of their reports' direct credit; a manager who is also credited directly keeps both.
            var rollUps = new Dictionary<string, decimal>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var credited in direct)
            {
                var chain = Organization.ManagerChain(credited.ParticipantId);
                var levels = Math.Min(chain.Count, RollUp.Levels ?? int.MaxValue);
                for (var i = 0; i < levels; i++)
                {
                    if (!rollUps.ContainsKey(chain[i].Id))
                    {
                        order.Add(chain[i].Id);
                        rollUps[chain[i].Id] = 0m;
                    }

                    rollUps[chain[i].Id] += credited.Share;
                }
            }

            foreach (var managerId in order)
            {
                drafts.Add(Draft(deal, managerId, CreditKind.RollUp, rollUps[managerId], date, revenue, margin));
            }

            return drafts;
        }

        private sealed record DirectShare(string ParticipantId, decimal Share, CreditKind Kind);

        private static CreditDraft Draft(Deal deal, string participantId, CreditKind kind, decimal share, DateTime date, decimal revenue, decimal margin) =>
            new CreditDraft(deal.Id, deal.Name, participantId, kind, share, date, revenue * share, margin * share, deal.Units * share, revenue, deal.Category);

        private Participant Participant(string id, Deal deal, string role) =>
            Organization.Contains(id)
                ? Organization.Get(id)
                : throw new SpmRuleException($"Deal {role} of '{deal.Name}'", id, $"The {role} {id} of deal '{deal.Name}' is not an SPM participant; add them as a participant or change the {role}.");

        private string Name(string id) => Organization.Contains(id) ? Organization.Get(id).Name : id;
    }
}
