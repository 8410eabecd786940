using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Steps
{
    /// <summary>
    /// Synchronous post-operation on every save of a period, comp plan, plan component, tier, SPIFF or currency: stamps a
    /// new configuration version in the same transaction, so postings drop their cached copy of those tables the moment
    /// the change commits (and not before: a rolled-back save leaves the version as it was).
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
