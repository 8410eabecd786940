using System.Text.Json;

namespace Spm.TeamsBot.Protocol;

/// <summary>Reads an activity from its JSON body, or says which part is malformed.</summary>
internal static class ActivityParser
{
    public static ActivityParseResult Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return ActivityParseResult.Fail($"The body is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ActivityParseResult.Fail($"The activity must be a JSON object, not {root.ValueKind}.");
            }

            var problems = new List<string>();
            var type = RequiredString(root, "type", problems);
            var serviceUrl = RequiredString(root, "serviceUrl", problems);
            var channelId = RequiredString(root, "channelId", problems);
            string? conversationId = null;
            if (root.TryGetProperty("conversation", out var conversation) && conversation.ValueKind == JsonValueKind.Object)
            {
                conversationId = RequiredString(conversation, "id", problems, "conversation.id");
            }
            else
            {
                problems.Add("conversation is required and must be an object.");
            }

            if (serviceUrl is not null && !Uri.TryCreate(serviceUrl, UriKind.Absolute, out _))
            {
                problems.Add($"serviceUrl '{serviceUrl}' is not an absolute URL.");
            }

            if (problems.Count > 0)
            {
                return ActivityParseResult.Fail(string.Join(" ", problems));
            }

            return ActivityParseResult.Ok(new Activity(
                type!,
                OptionalString(root, "id"),
                conversationId!,
                Account(root, "from"),
                Account(root, "recipient"),
                serviceUrl!,
                channelId!,
                OptionalString(root, "text")));
        }
    }

    private static string? RequiredString(JsonElement parent, string name, List<string> problems, string? path = null)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
        {
            return value.GetString();
        }

        problems.Add($"{path ?? name} is required and must be a non-empty string.");
        return null;
    }

    private static string? OptionalString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ChannelAccount? Account(JsonElement root, string name) =>
        root.TryGetProperty(name, out var account) && account.ValueKind == JsonValueKind.Object
            ? new ChannelAccount(OptionalString(account, "id"), OptionalString(account, "name"), OptionalString(account, "aadObjectId"))
            : null;
}

/// <summary>An activity, or the reason the body is not one.</summary>
internal sealed record ActivityParseResult(Activity? Activity, string? Problem)
{
    public static ActivityParseResult Ok(Activity activity) => new(activity, null);

    public static ActivityParseResult Fail(string problem) => new(null, problem);
}
