using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Domain.Credits;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Synchronous PreValidation on spm_creditsplit Create, Update and Delete: who may grant credit is a rule
    /// (<see cref="CreditGrantPolicy"/>), not only a role depth. The caller is the initiating user (the plug-ins run as
    /// SYSTEM); admin means holding SPM Admin or System Administrator. A write a plug-in makes with its own SYSTEM service
    /// (deeper than the user's request, as another user) is trusted: registered code, not a person, decided it.
    /// </summary>
    public sealed class CreditGrantGuardPlugin : PluginBase
    {
        private static readonly string[] SplitColumns = { S.CreditSplit.Opportunity, S.CreditSplit.Participant, S.CreditSplit.Percent, S.CreditSplit.Kind };

        public CreditGrantGuardPlugin()
            : base(typeof(CreditGrantGuardPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var execution = context.PluginExecutionContext;
            if (execution.Depth > 1 && execution.UserId != execution.InitiatingUserId)
            {
                context.Trace(string.Format(CultureInfo.InvariantCulture, "A plug-in writes this split as {0} for {1}: trusted.", execution.UserId, execution.InitiatingUserId));
                return;
            }

            var action = Action(execution.MessageName);
            var service = context.SystemService;

            // PreValidation has no images: the stored row is read here, before anything is locked.
            var stored = action == CreditGrantAction.Create ? null : service.Retrieve(S.CreditSplit.Table, execution.PrimaryEntityId, new ColumnSet(SplitColumns));
            Entity? after = null;
            if (action != CreditGrantAction.Delete)
            {
                after = new Entity(S.CreditSplit.Table, execution.PrimaryEntityId);
                foreach (var column in SplitColumns)
                {
                    if (context.Target != null && context.Target.Contains(column))
                    {
                        after[column] = context.Target[column];
                    }
                    else if (stored != null && stored.Contains(column))
                    {
                        after[column] = stored[column];
                    }
                }
            }

            var caller = execution.InitiatingUserId;
            if (CallerAccess.IsAdmin(service, caller))
            {
                // The rule lets an admin change any split, so no reads are spent on the deals.
                context.Trace(string.Format(CultureInfo.InvariantCulture, "{0} of credit split {1} by admin {2} allowed.", action, execution.PrimaryEntityId, caller));
                return;
            }

            var deals = new Dictionary<Guid, CreditGrantDeal?>();
            CreditGrantPolicy.Ensure(
                new CreditGrantCaller(Columns.Key(caller), isAdmin: false),
                action,
                stored == null ? null : ToSplit(service, stored, deals),
                after == null ? null : ToSplit(service, after, deals));
            context.Trace(string.Format(CultureInfo.InvariantCulture, "{0} of credit split {1} by {2} allowed: the deal's owner reports to them.", action, execution.PrimaryEntityId, caller));
        }

        private static CreditGrantAction Action(string message) => message switch
        {
            "Create" => CreditGrantAction.Create,
            "Update" => CreditGrantAction.Update,
            "Delete" => CreditGrantAction.Delete,
            _ => throw new InvalidPluginExecutionException($"CreditGrantGuardPlugin is registered on {message}; register it on Create, Update and Delete of spm_creditsplit."),
        };

        private static CreditGrantSplit ToSplit(IOrganizationService service, Entity row, Dictionary<Guid, CreditGrantDeal?> deals)
        {
            var opportunityId = Columns.RequiredLookup(row, S.CreditSplit.Opportunity);
            var participantId = Columns.RequiredLookup(row, S.CreditSplit.Participant);
            if (!deals.TryGetValue(opportunityId, out var deal))
            {
                deals[opportunityId] = deal = Deal(service, opportunityId);
            }

            // An unknown deal is refused like a foreign one, so the error does not tell the two apart.
            deal ??= new CreditGrantDeal(Columns.Key(opportunityId), Columns.Key(opportunityId), Columns.Key(Guid.Empty), Array.Empty<string>());
            var participant = service.Retrieve(S.SystemUser.Table, participantId, new ColumnSet(S.SystemUser.FullName));
            return new CreditGrantSplit(
                deal,
                Columns.Key(participantId),
                participant.GetAttributeValue<string>(S.SystemUser.FullName) ?? Columns.Key(participantId),
                Columns.Decimal(row, S.CreditSplit.Percent),
                Columns.Choice(row, S.CreditSplit.Kind, S.CreditSplit.KindRevenue) == S.CreditSplit.KindOverlay ? SplitKind.Overlay : SplitKind.Revenue);
        }

        private static CreditGrantDeal? Deal(IOrganizationService service, Guid opportunityId)
        {
            var rows = service.RetrieveMultiple(Queries.Of(S.Opportunity.Table, S.Opportunity.Name, S.Opportunity.Owner).Where(S.Opportunity.Id, ConditionOperator.Equal, opportunityId)).Entities;
            if (rows.Count == 0)
            {
                return null;
            }

            // A team-owned deal has no manager chain: only an admin splits it.
            var owner = rows[0].GetAttributeValue<EntityReference>(S.Opportunity.Owner);
            var managers = new List<string>();
            if (owner?.LogicalName == S.SystemUser.Table)
            {
                foreach (var manager in CallerAccess.ManagersOf(service, owner.Id))
                {
                    managers.Add(Columns.Key(manager));
                }
            }

            return new CreditGrantDeal(Columns.Key(opportunityId), Columns.Text(rows[0], S.Opportunity.Name), Columns.Key(owner?.Id ?? Guid.Empty), managers);
        }
    }
}
