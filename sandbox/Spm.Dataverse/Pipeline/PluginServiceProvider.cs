using System;
using System.Collections.Generic;
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

    /// <summary>Records the requests one step run makes, as "Message table" (e.g. "RetrieveMultiple spm_credit").</summary>
    internal sealed class RequestCounter
    {
        private readonly List<string> _requests = new List<string>();

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_requests)
                {
                    return _requests.ToArray();
                }
            }
        }

        public void Record(OrganizationRequest request)
        {
            string? table = RequestInspector.PrimaryEntity(request.RequestName, request).EntityName;
            lock (_requests)
            {
                _requests.Add(table is null ? request.RequestName : request.RequestName + " " + table);
            }
        }
    }
}
