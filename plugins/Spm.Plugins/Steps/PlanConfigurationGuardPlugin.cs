using System;
using Microsoft.Xrm.Sdk;
using Spm.Plugins.Data;
using Spm.Plugins.Services;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Synchronous pre-operation on Create / Update / Delete of spm_plantier and Create / Update of spm_plancomponent and
    /// spm_spiff: the plan as the save would leave it is built with the domain's plan objects, and a save that would break
    /// it is refused naming the plan, component, column and value. Nothing is written, so a refused save leaves no trace.
    /// </summary>
    public sealed class PlanConfigurationGuardPlugin : PluginBase
    {
        public PlanConfigurationGuardPlugin()
            : base(typeof(PlanConfigurationGuardPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var execution = context.PluginExecutionContext;
            var message = execution.MessageName;
            if (message == "Delete" && IsCascadeOf(execution.ParentContext))
            {
                // The component or plan itself is being deleted: its tiers go with it, nothing is left to break.
                context.Trace("Tier deleted with its component or plan; nothing to check.");
                return;
            }

            var target = message == "Delete" ? null : context.Target;
            var before = context.PreImage(StepImages.Pre);
            if (message != "Delete" && target == null)
            {
                return;
            }

            if (message != "Create" && before == null)
            {
                // Without the stored row the save cannot be merged, and passing it unchecked is what this step exists to stop.
                throw new InvalidPluginExecutionException($"The {message} step of {execution.PrimaryEntityName} must register a 'pre' image with the plan columns it checks.");
            }

            var id = execution.PrimaryEntityId != Guid.Empty ? execution.PrimaryEntityId : target?.Id ?? Guid.Empty;
            var guard = new PlanConfigurationGuard(context.SystemService, context.Trace);
            switch (execution.PrimaryEntityName)
            {
                case S.PlanTier.Table:
                    guard.CheckTierChange(id, target, before);
                    break;
                case S.PlanComponent.Table when target != null:
                    guard.CheckComponentSave(PlanMapping.Merge(before, target, id), message == "Create");
                    break;
                case S.Spiff.Table when target != null:
                    guard.CheckSpiffSave(PlanMapping.Merge(before, target, id));
                    break;
            }
        }

        private static bool IsCascadeOf(IPluginExecutionContext? parent)
        {
            for (var context = parent; context != null; context = context.ParentContext)
            {
                if (context.MessageName == "Delete" && (context.PrimaryEntityName == S.PlanComponent.Table || context.PrimaryEntityName == S.CompPlan.Table))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
