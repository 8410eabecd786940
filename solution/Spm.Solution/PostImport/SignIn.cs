using Microsoft.Identity.Client;

namespace Spm.Solution.PostImport;

/// <summary>How register-steps signs in: a token handed over (pipelines), or an admin signing in with MSAL.</summary>
public sealed record SignIn
{
    /// <summary>The variable a pipeline puts its Dataverse access token in when it does not pass --token.</summary>
    public const string TokenVariable = "SPM_DATAVERSE_TOKEN";

    public string? Token { get; init; }

    /// <summary>Sign in on another device with a code (for a terminal without a browser).</summary>
    public bool DeviceCode { get; init; }

    /// <summary>Sign in in the system browser.</summary>
    public bool Interactive { get; init; }

    /// <summary>The Entra ID tenant (id or domain); "organizations" lets any work account sign in.</summary>
    public string Tenant { get; init; } = "organizations";

    /// <summary>The application (client) id of an app registration allowed to call Dataverse as the signed-in user.</summary>
    public string? ClientId { get; init; }

    /// <summary>The bearer token for <paramref name="organization"/>; throws <see cref="InvalidOperationException"/> saying how to provide one.</summary>
    public async Task<string> AcquireToken(Uri organization, TextWriter output, CancellationToken cancel)
    {
        if (!string.IsNullOrWhiteSpace(Token))
        {
            return Token.Trim();
        }

        if (DeviceCode || Interactive)
        {
            return await SignInWithMsal(organization, output, cancel);
        }

        return Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment.Trim()
            : throw new InvalidOperationException(
                $"No credentials: pass --token <access token>, set {TokenVariable}, or sign in with --device-code or --interactive (with --client-id).");
    }

    private async Task<string> SignInWithMsal(Uri organization, TextWriter output, CancellationToken cancel)
    {
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            throw new InvalidOperationException(
                "--device-code and --interactive need --client-id: the application id of an app registration with the Dataverse user_impersonation permission and public client flows allowed.");
        }

        var app = PublicClientApplicationBuilder.Create(ClientId)
            .WithAuthority(AzureCloudInstance.AzurePublic, Tenant)
            .WithRedirectUri("http://localhost")
            .Build();
        string[] scopes = [organization.GetLeftPart(UriPartial.Authority) + "/.default"];
        try
        {
            var result = DeviceCode
                ? await app.AcquireTokenWithDeviceCode(scopes, code => output.WriteLineAsync(code.Message)).ExecuteAsync(cancel)
                : await app.AcquireTokenInteractive(scopes).ExecuteAsync(cancel);
            return result.AccessToken;
        }
        catch (MsalException failure)
        {
            throw new InvalidOperationException($"Sign-in to {organization.Host} failed ({failure.ErrorCode}): {failure.Message}", failure);
        }
    }
}
