using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Spm.TeamsBot.Authentication;
using Spm.TeamsBot.Tests.Fixture;

namespace Spm.TeamsBot.Tests;

[TestClass]
public sealed class InboundAuthenticationTests
{
    private const string AppId = "0b5e8f3a-6c1d-4a7e-b2f9-3d8c6a1e5f47";
    private const string Issuer = ChannelTokenSources.BotFrameworkIssuer;

    private static readonly Dictionary<string, string> MultiTenantBot = new()
    {
        ["MicrosoftAppType"] = "MultiTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "client-secret-for-outbound-calls",
    };

    private static DateTime Now => DateTime.UtcNow;

    [TestMethod]
    public async Task A_token_the_Bot_Framework_signed_for_this_bot_and_this_serviceUrl_is_accepted_and_the_activity_handled()
    {
        using var keys = new ChannelKeys();
        using var bot = new BotHost(MultiTenantBot).ServingBotFrameworkKeys(keys);
        var token = ChannelKeys.Token(keys.TeamsKey, SecurityAlgorithms.RsaSha256, Issuer, AppId, Activities.AmericasServiceUrl, Now.AddMinutes(-5), Now.AddMinutes(55));

        var response = await bot.PostActivityAsync(Activities.Of("message"), token);

        Assert.AreEqual(200, response.Status, bot.RejectionsLogged());
        Assert.AreEqual(string.Empty, response.Body);
        Assert.AreEqual("scorecard", bot.Handler.Handled.Single().Text);
        Assert.Contains(ChannelTokenSources.BotFrameworkMetadataUrl, bot.Documents.Requested);
    }

    [TestMethod]
    public async Task A_token_expired_less_than_the_five_minute_clock_skew_ago_is_still_accepted()
    {
        using var keys = new ChannelKeys();
        using var bot = new BotHost(MultiTenantBot).ServingBotFrameworkKeys(keys);
        var token = ChannelKeys.Token(keys.TeamsKey, SecurityAlgorithms.RsaSha256, Issuer, AppId, Activities.AmericasServiceUrl, Now.AddMinutes(-60), Now.AddMinutes(-4));

        var response = await bot.PostActivityAsync(Activities.Of("message"), token);

        Assert.AreEqual(200, response.Status, bot.RejectionsLogged());
    }

    [TestMethod]
    [DataRow("none", "no bearer token")]
    [DataRow("malformed", "not a JWT")]
    [DataRow("expired", "SecurityTokenExpiredException")]
    [DataRow("not yet valid", "SecurityTokenNotYetValidException")]
    [DataRow("wrong audience", "SecurityTokenInvalidAudienceException")]
    [DataRow("wrong issuer", "issuer 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/' is not trusted")]
    [DataRow("unknown key", "SecurityTokenSignatureKeyNotFoundException")]
    [DataRow("bad signature", "SecurityTokenInvalidSignatureException")]
    [DataRow("HS256", "algorithm 'HS256' is not RS256")]
    [DataRow("alg none", "algorithm 'none' is not RS256")]
    [DataRow("serviceUrl mismatch", "the token's serviceurl 'https://smba.trafficmanager.net/emea/' is not the activity's serviceUrl 'https://smba.trafficmanager.net/amer/'")]
    [DataRow("endorsement missing", "signing key 'bf-webchat-2026' is not endorsed for channel 'msteams'")]
    public async Task A_request_whose_token_fails_a_check_gets_401_and_the_activity_is_not_handled(string tokenClass, string loggedReason)
    {
        using var keys = new ChannelKeys();
        using var stranger = RSA.Create(2048);
        using var bot = new BotHost(MultiTenantBot).ServingBotFrameworkKeys(keys);
        var serviceUrl = Activities.AmericasServiceUrl;
        string? token = tokenClass switch
        {
            "none" => null,
            "malformed" => "not-a-jwt",
            "expired" => Signed(keys.TeamsKey, Issuer, AppId, serviceUrl, Now.AddMinutes(-70), Now.AddMinutes(-6)),
            "not yet valid" => Signed(keys.TeamsKey, Issuer, AppId, serviceUrl, Now.AddMinutes(6), Now.AddMinutes(66)),
            "wrong audience" => Signed(keys.TeamsKey, Issuer, "9d2c7e4a-1f3b-4e8d-a6c5-0b7f2e9d1c38", serviceUrl),
            "wrong issuer" => Signed(keys.TeamsKey, "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/", AppId, serviceUrl),
            "unknown key" => Signed(new RsaSecurityKey(stranger) { KeyId = "not-published" }, Issuer, AppId, serviceUrl),
            "bad signature" => Signed(new RsaSecurityKey(stranger) { KeyId = ChannelKeys.TeamsKeyId }, Issuer, AppId, serviceUrl),
            "HS256" => ChannelKeys.Token(
                new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = ChannelKeys.TeamsKeyId },
                SecurityAlgorithms.HmacSha256, Issuer, AppId, serviceUrl, Now.AddMinutes(-1), Now.AddMinutes(59)),
            "alg none" => ChannelKeys.UnsignedToken(Issuer, AppId, serviceUrl),
            "serviceUrl mismatch" => Signed(keys.TeamsKey, Issuer, AppId, "https://smba.trafficmanager.net/emea/"),
            "endorsement missing" => Signed(keys.WebChatOnlyKey, Issuer, AppId, serviceUrl),
            _ => throw new ArgumentOutOfRangeException(nameof(tokenClass), tokenClass, "no such token class"),
        };

        var response = await bot.PostActivityAsync(Activities.Of("message"), token);

        Assert.AreEqual(401, response.Status);
        Assert.AreEqual("Bearer", response.WwwAuthenticate);
        Assert.IsEmpty(bot.Handler.Handled);
        Assert.Contains(loggedReason, bot.RejectionsLogged());
    }

    [TestMethod]
    [DataRow("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0", 200)]
    [DataRow("https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/", 200)]
    [DataRow("https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0", 401)]
    public async Task A_single_tenant_bot_accepts_tokens_its_own_tenant_issued_with_the_tenants_keys(string issuer, int status)
    {
        const string tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        const string tenantKeysUrl = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/discovery/v2.0/keys";
        using var keys = new ChannelKeys();
        using var tenantKey = RSA.Create(2048);
        using var bot = new BotHost(new Dictionary<string, string>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "client-secret-for-outbound-calls",
            ["MicrosoftAppTenantId"] = tenant,
        }).ServingBotFrameworkKeys(keys);
        bot.Documents.Serve(ChannelTokenSources.TenantMetadataUrl(tenant), ChannelKeys.Metadata($"https://login.microsoftonline.com/{tenant}/v2.0", tenantKeysUrl));
        bot.Documents.Serve(tenantKeysUrl, ChannelKeys.KeySetOf(tenantKey, "entra-2026"));

        var response = await bot.PostActivityAsync(
            Activities.Of("message"), Signed(new RsaSecurityKey(tenantKey) { KeyId = "entra-2026" }, issuer, AppId, Activities.AmericasServiceUrl));

        Assert.AreEqual(status, response.Status, bot.RejectionsLogged());
        Assert.HasCount(status == 200 ? 1 : 0, bot.Handler.Handled);
    }

    [TestMethod]
    public async Task A_key_published_after_the_metadata_was_first_read_is_found_by_refreshing_it()
    {
        using var keys = new ChannelKeys();
        using var rolled = RSA.Create(2048);
        using var bot = new BotHost(MultiTenantBot).ServingBotFrameworkKeys(keys);
        Assert.AreEqual(200, (await bot.PostActivityAsync(Activities.Of("message"), Signed(keys.TeamsKey, Issuer, AppId, Activities.AmericasServiceUrl))).Status);

        bot.Documents.Serve(ChannelKeys.BotFrameworkKeysUrl, ChannelKeys.KeySetOf(rolled, "bf-rolled-2027", "msteams"));
        var response = await bot.PostActivityAsync(
            Activities.Of("message"), Signed(new RsaSecurityKey(rolled) { KeyId = "bf-rolled-2027" }, Issuer, AppId, Activities.AmericasServiceUrl));

        Assert.AreEqual(200, response.Status, bot.RejectionsLogged());
        Assert.HasCount(2, bot.Handler.Handled);
    }

    [TestMethod]
    public async Task Without_an_app_id_the_bot_accepts_an_unauthenticated_request_from_loopback()
    {
        using var bot = new BotHost(new Dictionary<string, string>());

        var response = await bot.PostActivityAsync(Activities.Of("message"), bearer: null, from: IPAddress.Loopback);

        Assert.AreEqual(200, response.Status, bot.RejectionsLogged());
        Assert.HasCount(1, bot.Handler.Handled);
        Assert.IsEmpty(bot.Documents.Requested);
    }

    [TestMethod]
    [DataRow("52.112.0.10")]
    [DataRow("10.0.0.4")]
    [DataRow("192.168.1.20")]
    public async Task Without_an_app_id_a_request_from_another_address_gets_401(string address)
    {
        using var bot = new BotHost(new Dictionary<string, string>());

        var response = await bot.PostActivityAsync(Activities.Of("message"), bearer: null, from: IPAddress.Parse(address));

        Assert.AreEqual(401, response.Status);
        Assert.IsEmpty(bot.Handler.Handled);
        Assert.Contains($"loopback only, not {address}", bot.RejectionsLogged());
    }

    [TestMethod]
    public async Task With_an_app_id_an_unauthenticated_request_from_loopback_gets_401()
    {
        using var keys = new ChannelKeys();
        using var bot = new BotHost(MultiTenantBot).ServingBotFrameworkKeys(keys);

        var response = await bot.PostActivityAsync(Activities.Of("message"), bearer: null, from: IPAddress.Loopback);

        Assert.AreEqual(401, response.Status);
        Assert.IsEmpty(bot.Handler.Handled);
    }

    private static string Signed(SecurityKey key, string issuer, string audience, string serviceUrl) =>
        ChannelKeys.Token(key, SecurityAlgorithms.RsaSha256, issuer, audience, serviceUrl, Now.AddMinutes(-1), Now.AddMinutes(59));

    private static string Signed(SecurityKey key, string issuer, string audience, string serviceUrl, DateTime notBefore, DateTime expires) =>
        ChannelKeys.Token(key, SecurityAlgorithms.RsaSha256, issuer, audience, serviceUrl, notBefore, expires);
}
