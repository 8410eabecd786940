using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Spm.Domain;

namespace Spm.Plugins
{
    /// <summary>
    /// The one error boundary of every SPM plugin. Traces entry and exit with the correlation id, turns a broken business
    /// rule into an InvalidPluginExecutionException that tells the user what to fix, and anything unexpected into one
    /// that tells them whom to ask. Plugin classes hold no state: Dataverse reuses one instance across threads.
    /// </summary>
    public abstract class PluginBase : IPlugin
    {
        protected PluginBase(Type pluginClass)
        {
            PluginClassName = pluginClass?.FullName ?? throw new ArgumentNullException(nameof(pluginClass));
        }

        protected string PluginClassName { get; }

        public void Execute(IServiceProvider serviceProvider)
        {
            if (serviceProvider == null)
            {
                throw new InvalidPluginExecutionException(nameof(serviceProvider));
            }

            var local = new LocalPluginContext(serviceProvider);
            var context = local.PluginExecutionContext;
            local.Trace(string.Format(CultureInfo.InvariantCulture, "Entered {0}.Execute() correlation {1}, {2} of {3} {4}, stage {5}, mode {6}, depth {7}", PluginClassName, context.CorrelationId, context.MessageName, context.PrimaryEntityName, context.PrimaryEntityId, context.Stage, context.Mode, context.Depth));
            try
            {
                ExecuteDataversePlugin(local);
            }
            catch (InvalidPluginExecutionException)
            {
                throw;
            }
            catch (SpmRuleException rule)
            {
                local.Trace(string.Format(CultureInfo.InvariantCulture, "Rule broken: {0} (field {1}, value {2})", rule.Message, rule.Field, rule.Value ?? "(none)"));
                throw new InvalidPluginExecutionException(rule.Message, rule);
            }
            catch (Exception unexpected)
            {
                local.Trace(string.Format(CultureInfo.InvariantCulture, "Unexpected {0}: {1}", unexpected.GetType().Name, unexpected));

                // A synchronous step rolls the whole save back; an asynchronous one has committed its earlier calls and is retried.
                var outcome = context.Mode == 1
                    ? "The system job will be retried and completes what it started; if it keeps failing, give your administrator correlation id {1}."
                    : "Nothing was saved. Give your administrator correlation id {1}.";
                throw new InvalidPluginExecutionException(
                    string.Format(CultureInfo.InvariantCulture, "Sales Performance could not update commissions for this change ({0}). " + outcome, unexpected.Message, context.CorrelationId),
                    unexpected);
            }
            finally
            {
                local.Trace(string.Format(CultureInfo.InvariantCulture, "Exiting {0}.Execute() correlation {1}", PluginClassName, context.CorrelationId));
            }
        }

        /// <summary>The plugin's work. Registration stays thin: read the context, call a service.</summary>
        protected abstract void ExecuteDataversePlugin(LocalPluginContext context);
    }
}
