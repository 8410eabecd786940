using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Spm.Plugins.Tests;
using Spm.WebApi.Identity;
using Spm.WebApi.Tests.Fixture;
using static Spm.WebApi.Tests.Fixture.Json;

namespace Spm.WebApi.Tests;

/// <summary>The local token endpoint, the bearer check on /api/data and WhoAmI.</summary>
[TestClass]
public sealed class IdentityTests
{
    private static readonly Guid Leo = new("a0000000-0000-0000-0000-00000000001e");
    private static WebApiOrganization _api = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => _api = await WebApiOrganization.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await _api.DisposeAsync();

    [TestMethod]
    public async Task Token_endpoint_signs_a_seeded_user_in_by_domain_name_for_an_hour()
    {
        using JsonDocument answer = await PostTokenAsync(WebApiOrganization.Ava, HttpStatusCode.OK);

        Assert.AreEqual("Bearer", answer.RootElement.GetProperty("token_type").GetString());
        Assert.AreEqual(3600, answer.RootElement.GetProperty("expires_in").GetInt32());
        var token = new JsonWebToken(answer.RootElement.GetProperty("access_token").GetString());
        Assert.AreEqual("RS256", token.Alg);
        Assert.AreEqual(WebApiOrganization.AvaObjectId.ToString(), token.GetClaim("oid").Value);
        Assert.AreEqual(WebApiOrganization.AvaObjectId.ToString(), token.Subject);
        Assert.AreEqual(_api.Host.BaseUrl.GetLeftPart(UriPartial.Authority), token.Audiences.Single());
        Assert.AreEqual(TimeSpan.FromHours(1), token.ValidTo - token.IssuedAt);
    }

    [TestMethod]
    [DataRow("nobody@spm.local", "invalid_grant", "No user of this organization signs in as 'nobody@spm.local'.")]
    [DataRow("", "invalid_request", "The form field username (a user's domainname) is missing.")]
    public async Task Token_endpoint_refuses_a_name_no_user_signs_in_with(string username, string error, string description)
    {
        using JsonDocument answer = await PostTokenAsync(username, HttpStatusCode.BadRequest);

        Assert.AreEqual(error, answer.RootElement.GetProperty("error").GetString());
        Assert.AreEqual(description, answer.RootElement.GetProperty("error_description").GetString());
    }

    [TestMethod]
    [DataRow(WebApiOrganization.Ava, "a0000000-0000-0000-0000-0000000000a1")]
    [DataRow(WebApiOrganization.Marco, "a0000000-0000-0000-0000-0000000000ac")]
    [DataRow(WebApiOrganization.Admin, "a0000000-0000-0000-0000-000000000001")]
    public async Task WhoAmI_names_the_signed_in_user_their_business_unit_and_the_organization(string user, string systemUserId)
    {
        var (status, body, _) = await _api.GetAsync(user, "WhoAmI");

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(Guid.Parse(systemUserId), body.GetProperty("UserId").GetGuid());
        Assert.AreEqual(_api.Org.Pipeline.Options.BusinessUnitId, body.GetProperty("BusinessUnitId").GetGuid());
        Assert.AreEqual(_api.Org.Pipeline.Options.OrganizationId, body.GetProperty("OrganizationId").GetGuid());
    }

    [TestMethod]
    [DataRow("none", "0x80070005", "The request has no bearer token")]
    [DataRow("malformed", "0x80070005", "The bearer token is not a well-formed JWT.")]
    [DataRow("bad signature", "0x80070005", "The bearer token's signature is not valid.")]
    [DataRow("expired", "0x80070005", "The bearer token has expired or is not yet valid.")]
    [DataRow("wrong audience", "0x80070005", "The bearer token was issued for another audience (aud)")]
    [DataRow("unknown user", "0x80072560", "The user is not a member of the organization.")]
    public async Task A_request_without_a_valid_token_gets_401_with_the_bearer_challenge(string kind, string code, string message)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "opportunities?$select=name");
        if (Token(kind) is string token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using HttpResponseMessage response = await _api.Anonymous.SendAsync(request, TestContext.CancellationToken);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.CancellationToken));

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        string origin = _api.Host.BaseUrl.GetLeftPart(UriPartial.Authority);
        Assert.AreEqual($"Bearer authorization_uri={origin}/token, resource_id={origin}/", string.Join(",", response.Headers.GetValues("WWW-Authenticate")));
        Assert.AreEqual(code, Error(body.RootElement).Code);
        Assert.StartsWith(message, Error(body.RootElement).Message);
    }

    [TestMethod]
    public async Task A_user_disabled_after_signing_in_is_refused()
    {
        _api.Org.AddUser(Leo, "Leo Martin", SpmOrganization.Marco, "West", isParticipant: false);
        _api.Org.Raw.Update(new Microsoft.Xrm.Sdk.Entity("systemuser", Leo) { ["domainname"] = "leo@spm.local" });
        HttpClient leo = await _api.SignedInAsync("leo@spm.local");
        _api.Org.Raw.Update(new Microsoft.Xrm.Sdk.Entity("systemuser", Leo) { ["isdisabled"] = true });

        using HttpResponseMessage response = await leo.GetAsync("WhoAmI", TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        using JsonDocument refused = await PostTokenAsync("leo@spm.local", HttpStatusCode.BadRequest);
        Assert.AreEqual("The user 'leo@spm.local' (Leo Martin) is disabled.", refused.RootElement.GetProperty("error_description").GetString());
    }

    [TestMethod]
    public async Task The_openid_configuration_publishes_keys_that_validate_the_hosts_tokens()
    {
        using JsonDocument configuration = JsonDocument.Parse(await _api.Anonymous.GetStringAsync(new Uri(_api.Host.BaseUrl, ".well-known/openid-configuration"), TestContext.CancellationToken));
        string issuer = configuration.RootElement.GetProperty("issuer").GetString()!;
        var keys = new JsonWebKeySet(await _api.Anonymous.GetStringAsync(configuration.RootElement.GetProperty("jwks_uri").GetString(), TestContext.CancellationToken));
        Assert.AreEqual(_api.Host.TokenUrl.ToString(), configuration.RootElement.GetProperty("token_endpoint").GetString());

        TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(
            _api.Host.IssueToken(WebApiOrganization.Ben),
            new TokenValidationParameters { ValidIssuer = issuer, ValidAudience = issuer, IssuerSigningKeys = keys.GetSigningKeys() });

        Assert.IsTrue(result.IsValid, result.Exception?.Message);
        Assert.AreEqual(SpmOrganization.Ben.ToString(), result.Claims["oid"]);
    }

    private static string? Token(string kind)
    {
        TokenService tokens = _api.Host.Services.Tokens;
        SignInUser ben = _api.Host.Services.Users.FindByDomainName(WebApiOrganization.Ben)!;
        DateTime now = DateTime.UtcNow;
        return kind switch
        {
            "none" => null,
            "malformed" => "not-a-jwt",
            "bad signature" => Forged(ben),
            "expired" => tokens.Issue(ben, now.AddHours(-2), now.AddHours(-1), tokens.Audience),
            "wrong audience" => tokens.Issue(ben, now, now.AddHours(1), "https://contoso.crm.dynamics.com"),
            "unknown user" => tokens.Issue(ben with { SystemUserId = Guid.NewGuid(), AzureActiveDirectoryObjectId = Guid.NewGuid() }, now, now.AddHours(1), tokens.Audience),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such token"),
        };
    }

    /// <summary>Ben's claims for this host, signed with a key the host never made.</summary>
    private static string Forged(SignInUser user)
    {
        using RSA rsa = RSA.Create(2048);
        TokenService tokens = _api.Host.Services.Tokens;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = tokens.Issuer,
            Audience = tokens.Audience,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = tokens.SigningKey.KeyId }, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object> { ["oid"] = user.ObjectId.ToString() },
        });
    }

    private static async Task<JsonDocument> PostTokenAsync(string username, HttpStatusCode expected)
    {
        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("username", username)]);
        using HttpResponseMessage response = await _api.Anonymous.PostAsync(_api.Host.TokenUrl, form);
        Assert.AreEqual(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
