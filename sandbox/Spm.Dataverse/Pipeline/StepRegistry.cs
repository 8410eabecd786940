using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// The steps, Custom APIs and service-endpoint names registered on a <see cref="PluginPipeline"/>: validates each
    /// registration as a step file would be validated and answers which steps a message on a table runs.
    /// </summary>
    internal sealed class StepRegistry
    {
        private readonly PluginPipelineOptions _options;
        private readonly List<RegisteredStep> _steps = new List<RegisteredStep>();
        private readonly Dictionary<string, CustomApiStep> _customApis = new Dictionary<string, CustomApiStep>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<Guid, ServiceEndpointRegistration> _serviceEndpoints = new Dictionary<Guid, ServiceEndpointRegistration>();
        private readonly object _gate = new object();

        public StepRegistry(PluginPipelineOptions options)
        {
            _options = options;
        }

        /// <summary>The registered steps, in registration order.</summary>
        public IReadOnlyList<StepRegistration> Steps
        {
            get
            {
                lock (_gate)
                {
                    return _steps.Select(s => s.Registration).ToArray();
                }
            }
        }

        /// <summary>The registered Custom APIs, in registration order.</summary>
        public IReadOnlyList<CustomApiRegistration> CustomApis
        {
            get
            {
                lock (_gate)
                {
                    return _customApis.Values.OrderBy(a => a.Step.Order).Select(a => a.Api).ToArray();
                }
            }
        }

        /// <summary>The registered service endpoints, in id order.</summary>
        public IReadOnlyList<ServiceEndpointRegistration> ServiceEndpoints
        {
            get
            {
                lock (_gate)
                {
                    return _serviceEndpoints.Values.OrderBy(e => e.Id).ToArray();
                }
            }
        }

        public void RegisterServiceEndpoint(ServiceEndpointRegistration endpoint)
        {
            lock (_gate)
            {
                _serviceEndpoints[endpoint.Id] = endpoint;
            }
        }

        /// <summary>The endpoint as registered, or one named by its id when it never was.</summary>
        public ServiceEndpointRegistration ServiceEndpoint(Guid id)
        {
            lock (_gate)
            {
                return _serviceEndpoints.TryGetValue(id, out ServiceEndpointRegistration? known) ? known : new ServiceEndpointRegistration(id, id.ToString("D"));
            }
        }

        public StepRegistration Register(StepRegistration step, IPlugin plugin)
        {
            ArgumentNullException.ThrowIfNull(step);
            ArgumentNullException.ThrowIfNull(plugin);
            StepRegistrationValidator.Validate(step, "step " + step.Name, _options.Catalog);
            Guid? runAs = null;
            if (step.ImpersonatingUserIdName is { } userName)
            {
                if (!_options.UsersByDomainName.TryGetValue(userName, out Guid userId))
                {
                    throw new StepRegistrationException("step " + step.Name, "ImpersonatingUserIdName",
                        $"user '{userName}' is not in PluginPipelineOptions.UsersByDomainName.");
                }

                runAs = userId;
            }

            lock (_gate)
            {
                if (_steps.Any(s => s.Registration.Id == step.Id))
                {
                    throw new StepRegistrationException("step " + step.Name, "SdkMessageProcessingStep/@SdkMessageProcessingStepId",
                        $"step {step.Id:D} is already registered.");
                }

                _steps.Add(new RegisteredStep(step, plugin, runAs, _steps.Count));
            }

            return step;
        }

        public CustomApiRegistration RegisterCustomApi(string uniqueName, IPlugin plugin, bool isFunction, string? boundEntityLogicalName, string? executePrivilegeName)
        {
            ArgumentNullException.ThrowIfNull(plugin);
            const string source = "custom API";
            if (string.IsNullOrWhiteSpace(uniqueName))
            {
                throw new StepRegistrationException(source, "UniqueName", "a custom API needs a unique name.");
            }

            int underscore = uniqueName.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || underscore == uniqueName.Length - 1 || uniqueName.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
            {
                throw new StepRegistrationException(source + " " + uniqueName, "UniqueName",
                    "a custom API's unique name is the publisher's customization prefix, an underscore and letters or digits (e.g. spm_EstimateCommission).");
            }

            if (IsCoreMessage(uniqueName))
            {
                throw new StepRegistrationException(source + " " + uniqueName, "UniqueName", $"'{uniqueName}' is a platform message.");
            }

            var api = new CustomApiRegistration(uniqueName, plugin, isFunction, boundEntityLogicalName, executePrivilegeName);
            lock (_gate)
            {
                if (_customApis.ContainsKey(uniqueName))
                {
                    throw new StepRegistrationException(source + " " + uniqueName, "UniqueName", $"custom API '{uniqueName}' is already registered.");
                }

                // The main operation is recorded like a step (stage 30), so Executions and Traces show it.
                StepRegistration main = StepRegistration.For(uniqueName, boundEntityLogicalName, PipelineStage.MainOperation, plugin.GetType(), catalog: _options.Catalog) with
                {
                    Name = $"{api.PluginTypeName}: custom API {uniqueName}",
                };
                _customApis.Add(uniqueName, new CustomApiStep(api, new RegisteredStep(main, plugin, null, _customApis.Count)));
            }

            return api;
        }

        /// <summary>The steps registered on the message for the table (or for any table), in Rank then registration order.</summary>
        public RegisteredStep[] StepsFor(string messageName, string? entityName)
        {
            lock (_gate)
            {
                return _steps
                    .Where(s => string.Equals(s.Registration.MessageName, messageName, StringComparison.OrdinalIgnoreCase)
                        && (s.Registration.PrimaryEntity is null || string.Equals(s.Registration.PrimaryEntity, entityName, StringComparison.Ordinal)))
                    .OrderBy(s => s.Registration.Rank)
                    .ThenBy(s => s.Order)
                    .ToArray();
            }
        }

        /// <summary>The Custom API the message names, or null for a platform message.</summary>
        public CustomApiStep? CustomApiFor(string messageName)
        {
            lock (_gate)
            {
                return _customApis.TryGetValue(messageName, out CustomApiStep? api) ? api : null;
            }
        }

        /// <summary>The messages the store executes itself: a custom API cannot take one of these names.</summary>
        private static bool IsCoreMessage(string name) => name.ToUpperInvariant() switch
        {
            "CREATE" or "RETRIEVE" or "RETRIEVEMULTIPLE" or "UPDATE" or "DELETE" or "UPSERT" or "ASSIGN" or "SETSTATE"
                or "SETSTATEDYNAMICENTITY" or "WINOPPORTUNITY" or "LOSEOPPORTUNITY" or "WIN" or "LOSE" or "EXECUTEMULTIPLE" or "EXECUTETRANSACTION"
                or "ASSOCIATE" or "DISASSOCIATE" or "GRANTACCESS" or "REVOKEACCESS" or "RETRIEVESHAREDPRINCIPALSANDACCESS" => true,
            _ => false,
        };
    }
}
