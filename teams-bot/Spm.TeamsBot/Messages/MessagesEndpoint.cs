using System.Net;
using Microsoft.Extensions.Options;
using Spm.TeamsBot.Authentication;
using Spm.TeamsBot.Hosting;
using Spm.TeamsBot.Protocol;

namespace Spm.TeamsBot.Messages;

/// <summary>POST /api/messages: authenticate, read the activity, hand it on; nothing is processed for a request that fails a check.</summary>
internal sealed partial class MessagesEndpoint(
    IOptions<BotOptions> botOptions,
    IOptions<MessagesOptions> messagesOptions,
    ChannelAuthenticator authenticator,
    IActivityHandler activityHandler,
    ILogger<MessagesEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        ChannelToken? token = null;
        if (botOptions.Value.IsLocalMode)
        {
            var remote = context.Connection.RemoteIpAddress;
            if (remote is null || !IPAddress.IsLoopback(remote))
            {
                return Unauthorized(context, $"local mode (no MicrosoftAppId) accepts loopback only, not {remote?.ToString() ?? "an unknown address"}");
            }
        }
        else
        {
            token = await authenticator.AuthenticateAsync(context.Request.Headers.Authorization.ToString()).ConfigureAwait(false);
            if (!token.IsValid)
            {
                return Unauthorized(context, token.Rejection!);
            }
        }

        var limit = messagesOptions.Value.MaxActivityBytes;
        var body = await ReadBodyAsync(context, limit).ConfigureAwait(false);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The activity is too large.", detail: $"The body exceeds {limit} bytes.");
        }

        var parsed = ActivityParser.Parse(body.Value);
        if (parsed.Activity is not { } activity)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The activity is malformed.", detail: parsed.Problem);
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["ActivityId"] = activity.Id,
            ["ConversationId"] = activity.ConversationId,
        });
        if (token is not null && ChannelAuthenticator.CheckActivity(token, activity) is { } rejection)
        {
            return Unauthorized(context, rejection);
        }

        if (ActivityTypes.IsHandled(activity.Type))
        {
            await activityHandler.HandleAsync(activity, context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            LogIgnored(logger, activity.Type);
        }

        return Results.Ok();
    }

    private IResult Unauthorized(HttpContext context, string reason)
    {
        // The reason is logged, not returned: a caller probing the bot learns nothing about which check failed.
        LogRejected(logger, reason);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The request is not authenticated.");
    }

    /// <summary>The body, or null when it is larger than the limit (read no further than one byte past it).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected /api/messages: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored activity of type {ActivityType}")]
    private static partial void LogIgnored(ILogger logger, string activityType);
}
