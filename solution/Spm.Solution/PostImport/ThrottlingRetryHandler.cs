using System.Globalization;
using System.Net;
using Polly;
using Polly.Retry;

namespace Spm.Solution.PostImport;

/// <summary>
/// Retries a call Dataverse answered 429 (service protection limits) or 503, waiting as long as its Retry-After says:
/// both mean the request was not processed, so even a POST may be sent again.
/// </summary>
public sealed class ThrottlingRetryHandler : DelegatingHandler
{
    /// <summary>How many times a throttled call is sent again before its 429 / 503 is reported.</summary>
    public const int MaxRetries = 5;

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <param name="report">Told of each wait, so an admin sees why a run pauses.</param>
    public ThrottlingRetryHandler(HttpMessageHandler inner, Action<string> report)
        : base(inner)
    {
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable),
                MaxRetryAttempts = MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(2),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    var request = args.Outcome.Result?.RequestMessage;
                    report(string.Create(CultureInfo.InvariantCulture,
                        $"{request?.Method} {Uri.UnescapeDataString(request?.RequestUri?.PathAndQuery ?? string.Empty)}: {(int?)args.Outcome.Result?.StatusCode} from Dataverse, retrying in {args.RetryDelay.TotalSeconds:0.#} s ({args.AttemptNumber + 1} of {MaxRetries})"));
                    return default;
                },
            })
            .Build();
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(async (message, cancel) => await base.SendAsync(message, cancel), request, cancellationToken).AsTask();

    /// <summary>The wait the response asks for (seconds or a date), or null to back off exponentially.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is { } delay ? TimeSpan.FromTicks(Math.Clamp(delay.Ticks, 0, TimeSpan.FromMinutes(10).Ticks)) : null;
    }
}
