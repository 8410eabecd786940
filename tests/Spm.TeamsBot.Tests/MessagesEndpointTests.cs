using System.Net;
using System.Text.Json;
using Spm.TeamsBot.Tests.Fixture;

namespace Spm.TeamsBot.Tests;

/// <summary>The endpoint's handling of bodies and activity types, in local mode from loopback so only the protocol is under test.</summary>
[TestClass]
public sealed class MessagesEndpointTests
{
    [TestMethod]
    [DataRow("message")]
    [DataRow("conversationUpdate")]
    [DataRow("installationUpdate")]
    public async Task An_activity_the_bot_handles_is_answered_200_with_an_empty_body(string type)
    {
        using var bot = new BotHost(new Dictionary<string, string>());

        var response = await bot.PostActivityAsync(Activities.Of(type), from: IPAddress.Loopback);

        Assert.AreEqual(200, response.Status);
        Assert.AreEqual(string.Empty, response.Body);
        var activity = bot.Handler.Handled.Single();
        Assert.AreEqual(type, activity.Type);
        Assert.AreEqual("1733400000123", activity.Id);
        Assert.AreEqual(Activities.ConversationId, activity.ConversationId);
        Assert.AreEqual("msteams", activity.ChannelId);
        Assert.AreEqual(Activities.AmericasServiceUrl, activity.ServiceUrl);
        Assert.AreEqual("6f0c5a1e-2b7d-4c1f-9e3a-8d4b2c7f1a90", activity.From?.AadObjectId);
        Assert.AreEqual("28:0b5e8f3a-6c1d-4a7e-b2f9-3d8c6a1e5f47", activity.Recipient?.Id);
    }

    [TestMethod]
    public async Task An_activity_type_the_bot_does_not_handle_is_acknowledged_and_not_handed_on()
    {
        using var bot = new BotHost(new Dictionary<string, string>());

        var response = await bot.PostActivityAsync(Activities.Of("typing"), from: IPAddress.Loopback);

        Assert.AreEqual(200, response.Status);
        Assert.IsEmpty(bot.Handler.Handled);
    }

    [TestMethod]
    [DataRow("{\"type\":\"message\",", "The body is not JSON")]
    [DataRow("[1,2,3]", "The activity must be a JSON object, not Array.")]
    [DataRow("{\"serviceUrl\":\"https://smba.trafficmanager.net/amer/\",\"channelId\":\"msteams\",\"conversation\":{\"id\":\"a:1\"}}", "type is required and must be a non-empty string.")]
    [DataRow("{\"type\":\"message\",\"serviceUrl\":\"https://smba.trafficmanager.net/amer/\",\"channelId\":\"msteams\"}", "conversation is required and must be an object.")]
    [DataRow("{\"type\":\"message\",\"serviceUrl\":\"https://smba.trafficmanager.net/amer/\",\"channelId\":\"msteams\",\"conversation\":{}}", "conversation.id is required and must be a non-empty string.")]
    [DataRow("{\"type\":\"message\",\"serviceUrl\":\"smba/amer\",\"channelId\":\"msteams\",\"conversation\":{\"id\":\"a:1\"}}", "serviceUrl 'smba/amer' is not an absolute URL.")]
    public async Task A_malformed_activity_gets_400_with_a_problem_naming_what_is_wrong(string body, string detail)
    {
        using var bot = new BotHost(new Dictionary<string, string>());

        var response = await bot.PostActivityAsync(body, from: IPAddress.Loopback);

        Assert.AreEqual(400, response.Status);
        using var problem = JsonDocument.Parse(response.Body);
        Assert.AreEqual(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(detail, problem.RootElement.GetProperty("detail").GetString()!);
        Assert.IsEmpty(bot.Handler.Handled);
    }

    [TestMethod]
    public async Task An_activity_over_the_body_limit_gets_413_and_is_not_handled()
    {
        using var bot = new BotHost(new Dictionary<string, string> { ["Messages:MaxActivityBytes"] = "4096" });

        var response = await bot.PostActivityAsync(Activities.Of("message", text: new string('x', 4096)), from: IPAddress.Loopback);

        Assert.AreEqual(413, response.Status);
        Assert.Contains("The body exceeds 4096 bytes.", response.Body);
        Assert.IsEmpty(bot.Handler.Handled);
    }

    [TestMethod]
    public async Task An_activity_just_under_the_body_limit_is_handled()
    {
        using var bot = new BotHost(new Dictionary<string, string> { ["Messages:MaxActivityBytes"] = "4096" });

        var response = await bot.PostActivityAsync(Activities.Of("message", text: new string('x', 3000)), from: IPAddress.Loopback);

        Assert.AreEqual(200, response.Status);
    }

    [TestMethod]
    public async Task Log_entries_written_while_handling_an_activity_carry_its_activity_id_and_conversation_id()
    {
        using var local = new BotHost(new Dictionary<string, string>());
        await local.PostActivityAsync(Activities.Of("typing"), from: IPAddress.Loopback);
        var ignored = local.Logs.Entries.Single(e => e.Message == "Ignored activity of type typing");
        Assert.AreEqual("1733400000123", ignored.Scope["ActivityId"]);
        Assert.AreEqual(Activities.ConversationId, ignored.Scope["ConversationId"]);
    }

    [TestMethod]
    public async Task The_health_endpoint_answers_healthy()
    {
        using var bot = new BotHost(new Dictionary<string, string>());

        var response = await bot.GetAsync("/healthz");

        Assert.AreEqual(200, response.Status);
        Assert.AreEqual("Healthy", response.Body);
    }
}
