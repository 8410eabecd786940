using System;
using Microsoft.Xrm.Sdk;

namespace Spm.Plugins
{
    /// <summary>What a plugin execution needs from the service provider, resolved once per execution.</summary>
    public sealed class LocalPluginContext
    {
        public LocalPluginContext(IServiceProvider serviceProvider)
        {
            ServiceProvider = serviceProvider ?? throw new ArgumentNullException(nameof(serviceProvider));
            PluginExecutionContext = (IPluginExecutionContext?)serviceProvider.GetService(typeof(IPluginExecutionContext))
                ?? throw new InvalidPluginExecutionException("The plugin execution context is not available.");
            TracingService = (ITracingService?)serviceProvider.GetService(typeof(ITracingService))
                ?? throw new InvalidPluginExecutionException("The tracing service is not available.");
            var factory = (IOrganizationServiceFactory?)serviceProvider.GetService(typeof(IOrganizationServiceFactory))
                ?? throw new InvalidPluginExecutionException("The organization service factory is not available.");

            // Ledger and statement rows are system-maintained: reps may not write them, so SPM writes as SYSTEM.
            SystemService = factory.CreateOrganizationService(null);
        }

        public IServiceProvider ServiceProvider { get; }

        public IPluginExecutionContext PluginExecutionContext { get; }

        public ITracingService TracingService { get; }

        public IOrganizationService SystemService { get; }

        public void Trace(string message) => TracingService.Trace("{0}", message);

        public Entity? Target => PluginExecutionContext.InputParameters.Contains("Target") ? PluginExecutionContext.InputParameters["Target"] as Entity : null;

        public Entity? PreImage(string alias) => PluginExecutionContext.PreEntityImages.Contains(alias) ? PluginExecutionContext.PreEntityImages[alias] : null;

        public Entity? PostImage(string alias) => PluginExecutionContext.PostEntityImages.Contains(alias) ? PluginExecutionContext.PostEntityImages[alias] : null;
    }
}
