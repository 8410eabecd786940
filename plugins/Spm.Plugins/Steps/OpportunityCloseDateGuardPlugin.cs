using Spm.Domain;
using Spm.Plugins.Data;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Synchronous pre-operation on opportunity Update (filtering on actualclosedate): a won opportunity's Actual Close
    /// Date dates its commission credit, so it cannot be cleared while the opportunity stays won. Without this the
    /// posting falls back to "today" and the credit wanders to the day of every later save. Refused before the row is
    /// written, so nothing changes. A date outside every defined period is refused by the posting itself, in the domain.
    /// </summary>
    public sealed class OpportunityCloseDateGuardPlugin : PluginBase
    {
        public OpportunityCloseDateGuardPlugin()
            : base(typeof(OpportunityCloseDateGuardPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var target = context.Target;
            var before = context.PreImage(StepImages.Pre);
            if (target == null || before == null || !target.Contains(S.Opportunity.ActualCloseDate) || target[S.Opportunity.ActualCloseDate] != null)
            {
                return;
            }

            // The state after this save: reopening (or losing) in the same save may clear the date; staying won may not.
            var state = Columns.Choice(target.Contains(S.Opportunity.State) ? target : before, S.Opportunity.State, S.Opportunity.StateOpen);
            if (state != S.Opportunity.StateWon)
            {
                return;
            }

            throw new SpmRuleException(
                S.Opportunity.ActualCloseDate,
                null,
                $"Actual Close Date of '{Columns.Text(before, S.Opportunity.Name)}' cannot be cleared while the opportunity is won: it dates the commission credit. Reopen the opportunity first, or set the date it was won.");
        }
    }
}
