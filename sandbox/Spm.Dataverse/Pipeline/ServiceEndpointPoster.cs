using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using Microsoft.Xrm.Sdk;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// The "plug-in" of a service-endpoint step: posts the execution context to the webhook as Dataverse does (the
    /// RemoteExecutionContext JSON, its headers and the endpoint's key), waits up to <see cref="PluginPipelineOptions.WebhookTimeout"/>,
    /// tries once more on 502, 503 or 504, and fails the step on any other non-2xx answer, a timeout or no connection.
    /// Every run is recorded; an endpoint without a target is recorded only.
    /// </summary>
    internal sealed class ServiceEndpointPoster : IPlugin
    {
        // One client for the process, as HttpClient is meant to be used; the timeout is per request (WebhookTimeout).
        private static readonly HttpClient SharedClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

        private readonly ServiceEndpointRegistration _endpoint;
        private readonly PluginPipelineOptions _options;
        private readonly Action<ServiceEndpointPost> _record;

        public ServiceEndpointPoster(ServiceEndpointRegistration endpoint, PluginPipelineOptions options, Action<ServiceEndpointPost> record)
        {
            _endpoint = endpoint;
            _options = options;
            _record = record;
        }

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            (string body, bool trimmed) = RemoteExecutionContextJson.Serialize(context);
            var post = new ServiceEndpointPost(_endpoint.Id, _endpoint.Name, context.MessageName, context.PrimaryEntityName, context.PrimaryEntityId, body);
            if (!_options.ServiceEndpoints.TryGetValue(_endpoint.Id, out ServiceEndpointTarget? target))
            {
                _record(post);
                return;
            }

            Uri url = WithAuthQuery(target.Url);
            IEnumerable<KeyValuePair<string, string>> authHeaders = target.Headers
                ?? (_endpoint.AuthType == ServiceEndpointAuthType.HttpHeader ? _endpoint.AuthPairs() : Enumerable.Empty<KeyValuePair<string, string>>());
            HttpClient client = _options.WebhookHttpClient ?? SharedClient;
            int attempts = 0;
            int? status;
            string? error;
            while (true)
            {
                attempts++;
                (status, error) = Send(client, url, body, trimmed, authHeaders, context);
                bool transient = status is 502 or 503 or 504;
                if (error is null || !transient || attempts == 2)
                {
                    break;
                }
            }

            _record(post with { Url = url, Attempts = attempts, StatusCode = status, Error = error });
            if (error is not null)
            {
                throw new InvalidPluginExecutionException(error);
            }
        }

        private (int? Status, string? Error) Send(
            HttpClient client, Uri url, string body, bool trimmed, IEnumerable<KeyValuePair<string, string>> authHeaders, IPluginExecutionContext context)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("x-request-id", Guid.NewGuid().ToString("D"));
            request.Headers.Add("x-ms-dynamics-organization", _options.OrganizationDomainName ?? _options.OrganizationName + ".crm.dynamics.com");
            request.Headers.Add("x-ms-dynamics-entity-name", context.PrimaryEntityName);
            request.Headers.Add("x-ms-dynamics-request-name", context.MessageName);
            request.Headers.Add("x-ms-correlation-request-id", context.CorrelationId.ToString("D"));
            if (trimmed)
            {
                request.Headers.Add("x-ms-dynamics-msg-size-exceeded", "true");
            }

            foreach (KeyValuePair<string, string> header in authHeaders)
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            string what = $"The webhook '{_endpoint.Name}' (POST {url.GetLeftPart(UriPartial.Path)})";
            using var timeout = new CancellationTokenSource(_options.WebhookTimeout);
            try
            {
                using HttpResponseMessage response = client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).GetAwaiter().GetResult();
                int status = (int)response.StatusCode;
                return response.IsSuccessStatusCode
                    ? (status, null)
                    : (status, $"{what} answered {status} {response.ReasonPhrase}.");
            }
            catch (OperationCanceledException)
            {
                return (null, $"{what} did not answer within {_options.WebhookTimeout.TotalSeconds:0.###} seconds.");
            }
            catch (HttpRequestException ex)
            {
                return (null, $"{what} could not be reached: {ex.Message}");
            }
        }

        /// <summary>WebhookKey and HttpQueryString auth travel in the query string.</summary>
        private Uri WithAuthQuery(Uri url)
        {
            if (_endpoint.AuthType is not (ServiceEndpointAuthType.WebhookKey or ServiceEndpointAuthType.HttpQueryString))
            {
                return url;
            }

            var builder = new UriBuilder(url);
            string pairs = string.Join("&", _endpoint.AuthPairs().Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            if (pairs.Length > 0)
            {
                builder.Query = string.IsNullOrEmpty(builder.Query) ? pairs : builder.Query.TrimStart('?') + "&" + pairs;
            }

            return builder.Uri;
        }
    }
}
