using System.Net;
using System.Text;

namespace Spm.Solution.Tests.WebApi;

/// <summary>
/// What register-steps sent to the host, recorded by a handler in front of the real one; and the one fault the host cannot
/// make on demand: Dataverse's service protection 429 with Retry-After, answered here instead of forwarding the request.
/// </summary>
internal sealed class WebApiTraffic
{
    private readonly object _gate = new();
    private readonly List<WebApiRequest> _requests = [];
    private int _throttledSeconds = -1;

    /// <summary>Every request sent, in order (a throttled one included).</summary>
    public IReadOnlyList<WebApiRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>The POST, PATCH and DELETE requests: what a run changed.</summary>
    public IReadOnlyList<WebApiRequest> Writes => Requests.Where(r => r.Method != "GET").ToList();

    /// <summary>The next request is answered 429 with Retry-After, as Dataverse's service protection limits do.</summary>
    public void ThrottleNext(int retryAfterSeconds)
    {
        lock (_gate)
        {
            _throttledSeconds = retryAfterSeconds;
        }
    }

    /// <summary>A transport for one run of the command: records, maybe throttles, then sends over sockets.</summary>
    public HttpMessageHandler Handler() => new Recorder(this);

    private int Record(WebApiRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
            var throttle = _throttledSeconds;
            _throttledSeconds = -1;
            return throttle;
        }
    }

    private sealed class Recorder(WebApiTraffic traffic) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content == null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            var throttle = traffic.Record(new WebApiRequest(request.Method.Method, request.RequestUri!.PathAndQuery, body, DateTimeOffset.UtcNow));
            if (throttle < 0)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var refused = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            {
                RequestMessage = request,
                Content = new StringContent("""{"error":{"code":"0x80072322","message":"Number of requests exceeded the limit of 6000 over time window of 300 seconds."}}""", Encoding.UTF8, "application/json"),
            };
            refused.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(throttle));
            return refused;
        }
    }
}

/// <summary>One request register-steps sent.</summary>
internal sealed record WebApiRequest(string Method, string PathAndQuery, string Body, DateTimeOffset At);
