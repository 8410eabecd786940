using System;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// One run of a service-endpoint step (a webhook): the endpoint, the event, the body (the execution context as
    /// Dataverse's RemoteExecutionContext JSON) and, when it was sent, where, how it ended and after how many tries.
    /// </summary>
    public sealed record ServiceEndpointPost(Guid EndpointId, string EndpointName, string MessageName, string? PrimaryEntityName, Guid PrimaryEntityId, string Context)
    {
        /// <summary>The URL posted to; null when the endpoint has no target (<see cref="PluginPipelineOptions.ServiceEndpoints"/>), so nothing was sent.</summary>
        public Uri? Url { get; init; }

        public bool Sent => Url is not null;

        /// <summary>HTTP requests made: 0 when not sent, 2 when a 502/503/504 was retried.</summary>
        public int Attempts { get; init; }

        /// <summary>The status of the last answer; null when not sent or no answer came (timeout, connection refused).</summary>
        public int? StatusCode { get; init; }

        /// <summary>Why the post failed (the async job's message); null when it succeeded or was not sent.</summary>
        public string? Error { get; init; }

        public bool Succeeded => Sent && Error is null;
    }
}
