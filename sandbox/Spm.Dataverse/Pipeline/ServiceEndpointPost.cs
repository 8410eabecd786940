using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// What a service-endpoint step (a webhook) would have posted: the endpoint, the event and the execution context
    /// serialized as Dataverse sends it (a RemoteExecutionContext; here a JSON subset with the same member names).
    /// </summary>
    public sealed record ServiceEndpointPost(Guid EndpointId, string EndpointName, string MessageName, string? PrimaryEntityName, Guid PrimaryEntityId, string Context);

    /// <summary>The "plug-in" of a service-endpoint step: it records the post instead of calling out.</summary>
    internal sealed class ServiceEndpointPoster : IPlugin
    {
        private readonly Guid _endpointId;
        private readonly string _endpointName;
        private readonly Action<ServiceEndpointPost> _post;

        public ServiceEndpointPoster(Guid endpointId, string endpointName, Action<ServiceEndpointPost> post)
        {
            _endpointId = endpointId;
            _endpointName = endpointName;
            _post = post;
        }

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var target = context.InputParameters.TryGetValue("Target", out object? value) ? value as Entity : null;
            var body = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["MessageName"] = context.MessageName,
                ["PrimaryEntityName"] = context.PrimaryEntityName,
                ["PrimaryEntityId"] = context.PrimaryEntityId,
                ["UserId"] = context.UserId,
                ["InitiatingUserId"] = context.InitiatingUserId,
                ["Stage"] = context.Stage,
                ["Mode"] = context.Mode,
                ["Depth"] = context.Depth,
                ["CorrelationId"] = context.CorrelationId,
                ["Target"] = target?.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)
                    .ToDictionary(a => a.Key, a => Describe(a.Value), StringComparer.Ordinal),
            };
            _post(new ServiceEndpointPost(_endpointId, _endpointName, context.MessageName, context.PrimaryEntityName, context.PrimaryEntityId, JsonSerializer.Serialize(body)));
        }

        private static string? Describe(object? value) => value switch
        {
            null => null,
            EntityReference reference => $"{reference.LogicalName}:{reference.Id:D}",
            OptionSetValue option => option.Value.ToString(CultureInfo.InvariantCulture),
            Money money => money.Value.ToString(CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };

        /// <summary>
        /// ServiceEndpoint names by id from the unpacked solution holding <paramref name="folder"/>: PluginAssemblies/ServiceEndpoints.xml,
        /// where SolutionPackager keeps them, or inline in Other/Customizations.xml.
        /// </summary>
        public static IReadOnlyDictionary<Guid, string> ReadNames(string folder)
        {
            var names = new Dictionary<Guid, string>();
            string full = Path.GetFullPath(folder);
            foreach (string root in new[] { full, Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full)) ?? full })
            {
                string[] files = { Path.Combine(root, "PluginAssemblies", "ServiceEndpoints.xml"), Path.Combine(root, "Other", "Customizations.xml") };
                if (!File.Exists(files[1]))
                {
                    continue;
                }

                foreach (string file in files.Where(File.Exists))
                {
                    XElement? document = XDocument.Load(file).Root;
                    XElement? endpoints = document?.Name.LocalName == "ServiceEndpoints" ? document : document?.Element("ServiceEndpoints");
                    foreach (XElement endpoint in endpoints?.Elements("ServiceEndpoint") ?? Enumerable.Empty<XElement>())
                    {
                        if (Guid.TryParse((string?)endpoint.Attribute("ServiceEndpointId"), out Guid id))
                        {
                            names[id] = (string?)endpoint.Attribute("Name") ?? id.ToString("D");
                        }
                    }
                }

                break;
            }

            return names;
        }
    }
}
