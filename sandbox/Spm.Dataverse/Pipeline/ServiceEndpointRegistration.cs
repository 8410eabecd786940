using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>ServiceEndpoint.AuthType: how a webhook (Contract 8) proves itself to the endpoint.</summary>
    public enum ServiceEndpointAuthType
    {
        None = 0,

        /// <summary>4: AuthValue goes in the query string as <c>code</c>.</summary>
        WebhookKey = 4,

        /// <summary>5: AuthValue (<c>&lt;settings&gt;&lt;setting name="…" value="…" /&gt;&lt;/settings&gt;</c>) is sent as request headers.</summary>
        HttpHeader = 5,

        /// <summary>6: AuthValue (the same settings) is sent as query-string parameters.</summary>
        HttpQueryString = 6,
    }

    /// <summary>
    /// A service endpoint (serviceendpoint row) as the solution registers it: where a webhook posts and how it authenticates.
    /// The solution's URL is a placeholder the admin replaces after import; <see cref="PluginPipelineOptions.ServiceEndpoints"/>
    /// says where the simulator really posts.
    /// </summary>
    public sealed record ServiceEndpointRegistration(Guid Id, string Name)
    {
        /// <summary>Contract 8 is a webhook.</summary>
        public int Contract { get; init; } = 8;

        public Uri? Url { get; init; }

        public ServiceEndpointAuthType AuthType { get; init; }

        /// <summary>The key (WebhookKey) or the settings XML (HttpHeader, HttpQueryString); not exported with the solution.</summary>
        public string? AuthValue { get; init; }

        /// <summary>
        /// The key/value pairs of <see cref="AuthValue"/>: for HttpHeader and HttpQueryString the settings' name/value pairs,
        /// for WebhookKey the single pair <c>code</c>.
        /// </summary>
        public IReadOnlyList<KeyValuePair<string, string>> AuthPairs()
        {
            if (string.IsNullOrEmpty(AuthValue))
            {
                return Array.Empty<KeyValuePair<string, string>>();
            }

            if (AuthType == ServiceEndpointAuthType.WebhookKey)
            {
                return new[] { new KeyValuePair<string, string>("code", AuthValue) };
            }

            XElement settings;
            try
            {
                settings = XElement.Parse(AuthValue);
            }
            catch (System.Xml.XmlException ex)
            {
                throw new InvalidOperationException($"Service endpoint '{Name}': AuthValue is not <settings><setting name=\"…\" value=\"…\" /></settings>: {ex.Message}", ex);
            }

            return settings.Elements("setting")
                .Select(s => new KeyValuePair<string, string>(
                    (string?)s.Attribute("name") ?? throw new InvalidOperationException($"Service endpoint '{Name}': a setting of AuthValue has no name."),
                    (string?)s.Attribute("value") ?? string.Empty))
                .ToList();
        }

        /// <summary>
        /// The service endpoints of the unpacked solution holding <paramref name="folder"/>: PluginAssemblies/ServiceEndpoints.xml,
        /// where SolutionPackager keeps them, or inline in Other/Customizations.xml.
        /// </summary>
        public static IReadOnlyList<ServiceEndpointRegistration> ReadFolder(string folder)
        {
            var endpoints = new Dictionary<Guid, ServiceEndpointRegistration>();
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
                    XElement? list = document?.Name.LocalName == "ServiceEndpoints" ? document : document?.Element("ServiceEndpoints");
                    foreach (XElement endpoint in list?.Elements("ServiceEndpoint") ?? Enumerable.Empty<XElement>())
                    {
                        if (Guid.TryParse((string?)endpoint.Attribute("ServiceEndpointId"), out Guid id))
                        {
                            endpoints[id] = Read(endpoint, id, file);
                        }
                    }
                }

                break;
            }

            return endpoints.Values.ToList();
        }

        private static ServiceEndpointRegistration Read(XElement endpoint, Guid id, string file)
        {
            string name = (string?)endpoint.Attribute("Name") ?? id.ToString("D");
            string? url = endpoint.Element("Url")?.Value;
            if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                throw new InvalidDataException($"{file}: service endpoint '{name}' has Url '{url}', which is not an absolute URL.");
            }

            return new ServiceEndpointRegistration(id, name)
            {
                Contract = int.TryParse(endpoint.Element("Contract")?.Value, out int contract) ? contract : 8,
                Url = url is null ? null : new Uri(url),
                AuthType = int.TryParse(endpoint.Element("AuthType")?.Value, out int auth) ? (ServiceEndpointAuthType)auth : ServiceEndpointAuthType.None,
                AuthValue = endpoint.Element("AuthValue")?.Value,
            };
        }
    }
}
