using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Synchronous pre-operation on every save of what sales ops configure (periods, comp plans, components, tiers,
    /// SPIFFs, currencies, plan assignments, quotas, manual adjustments, and the user columns SPM reads): stamps a new
    /// configuration version in the same transaction, so postings drop their cached copy the moment the change commits
    /// (a rolled-back save leaves the version as it was). Before the save, so the save's own recalculation steps already
    /// read the new version and the rows as saved.
    /// </summary>
    public sealed class ConfigurationVersionPlugin : PluginBase
    {
        public ConfigurationVersionPlugin()
            : base(typeof(ConfigurationVersionPlugin))
        {
        }

        protected override void ExecuteDataversePlugin(LocalPluginContext context)
        {
            var row = new Entity(S.LedgerState.Table, S.LedgerState.ConfigurationRowId);
            row[S.LedgerState.Name] = "SPM configuration";
            row[S.LedgerState.ConfigVersion] = Guid.NewGuid().ToString("N");
            row[S.LedgerState.LockedBy] = $"{context.PluginExecutionContext.MessageName} of {context.PluginExecutionContext.PrimaryEntityName} {context.PluginExecutionContext.PrimaryEntityId:D}";
            context.SystemService.Execute(new UpsertRequest { Target = row });
        }
    }
}
