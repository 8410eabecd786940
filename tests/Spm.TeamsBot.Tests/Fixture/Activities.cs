using System.Text.Json;

namespace Spm.TeamsBot.Tests.Fixture;

/// <summary>Activities as Teams sends them (trimmed to the fields the bot reads, plus a few it ignores).</summary>
internal static class Activities
{
    public const string AmericasServiceUrl = "https://smba.trafficmanager.net/amer/";
    public const string ConversationId = "a:1Xk9_Pq7rTz3WmN0bVcL8sJ2hGfD4eYuIo6";

    public static string Of(string type, string text = "scorecard", string channelId = "msteams", string serviceUrl = AmericasServiceUrl) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = type,
            ["id"] = "1733400000123",
            ["timestamp"] = "2026-12-01T09:15:00.000Z",
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = channelId,
            ["from"] = new { id = "29:1hM3fQx7Zr0pLkWcV2nB8sJ4dGyT6uE9aO5iK", name = "Dana Reyes", aadObjectId = "6f0c5a1e-2b7d-4c1f-9e3a-8d4b2c7f1a90" },
            ["conversation"] = new { id = ConversationId, conversationType = "personal", tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47" },
            ["recipient"] = new { id = "28:0b5e8f3a-6c1d-4a7e-b2f9-3d8c6a1e5f47", name = "SPM" },
            ["text"] = text,
            ["locale"] = "en-US",
        });
}
