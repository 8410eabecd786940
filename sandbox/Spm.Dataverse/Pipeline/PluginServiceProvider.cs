using System;
using Microsoft.Xrm.Sdk;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>What IPlugin.Execute receives: the context, the organization service factory and the tracing service.</summary>
    internal sealed class PluginServiceProvider : IServiceProvider, IOrganizationServiceFactory
    {
        private readonly PluginPipeline _pipeline;
        private readonly PluginExecutionContext _context;
        private readonly TracingService _tracing;
        private readonly RequestCounter _counter;

        public PluginServiceProvider(PluginPipeline pipeline, PluginExecutionContext context, TracingService tracing, RequestCounter counter)
        {
            _pipeline = pipeline;
            _context = context;
            _tracing = tracing;
            _counter = counter;
        }

        public object? GetService(Type serviceType)
        {
            if (serviceType == typeof(IPluginExecutionContext) || serviceType == typeof(IExecutionContext))
            {
                return _context;
            }

            if (serviceType == typeof(IOrganizationServiceFactory))
            {
                return this;
            }

            if (serviceType == typeof(ITracingService))
            {
                return _tracing;
            }

            return null;
        }

        /// <summary>
        /// As documented for plug-ins: null runs as SYSTEM, <see cref="Guid.Empty"/> as the context's user, any other id as that
        /// user. Calls re-enter the pipeline one level deeper, with the same correlation id and inside the same transaction.
        /// </summary>
        public IOrganizationService CreateOrganizationService(Guid? userId)
        {
            Guid user = userId is null ? _pipeline.Options.SystemUserId : userId.Value == Guid.Empty ? _context.UserId : userId.Value;
            return new PipelineOrganizationService(_pipeline, user, _context.InitiatingUserId, _context, _counter);
        }
    }

    /// <summary>Counts the requests one step run makes.</summary>
    internal sealed class RequestCounter
    {
        private int _count;

        public int Count => _count;

        public void Increment() => System.Threading.Interlocked.Increment(ref _count);
    }
}
