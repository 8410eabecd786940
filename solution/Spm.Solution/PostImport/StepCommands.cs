using System.CommandLine;

namespace Spm.Solution.PostImport;

/// <summary>
/// register-steps and unregister-steps: the steps of solution/PostImportSteps/, created in (or removed from) an
/// organization through its Web API after the SpmAddin solution is imported.
/// </summary>
public static class StepCommands
{
    /// <param name="transport">What sends the requests (default: a <see cref="SocketsHttpHandler"/>); the retry on 429 wraps it.</param>
    public static Command Register(string repo, Func<HttpMessageHandler>? transport = null) => Create(repo, transport, "register-steps",
        "Register the Win and Lose steps (solution/PostImportSteps/) in an organization after importing SpmAddin; a second run changes nothing.",
        (registrar, steps, cancel) => registrar.Register(steps, cancel));

    public static Command Unregister(string repo, Func<HttpMessageHandler>? transport = null) => Create(repo, transport, "unregister-steps",
        "Remove the steps register-steps created (do it before uninstalling SpmAddin: they are not part of the managed solution).",
        (registrar, steps, cancel) => registrar.Unregister(steps, cancel));

    private static Command Create(string repo, Func<HttpMessageHandler>? transport, string name, string description, Func<StepRegistrar, IReadOnlyList<PostImportStep>, CancellationToken, Task<int>> run)
    {
        var url = new Option<string>("--url") { Description = "The organization, e.g. https://<org>.crm.dynamics.com.", Required = true };
        var token = new Option<string?>("--token") { Description = $"A Dataverse access token (default: ${SignIn.TokenVariable})." };
        var deviceCode = new Option<bool>("--device-code") { Description = "Sign in with a code on another device (needs --client-id)." };
        var interactive = new Option<bool>("--interactive") { Description = "Sign in in the browser (needs --client-id)." };
        var clientId = new Option<string?>("--client-id") { Description = "Application (client) id of an app registration allowed to call Dataverse for the signed-in user." };
        var tenant = new Option<string>("--tenant") { Description = "Entra ID tenant id or domain.", DefaultValueFactory = _ => "organizations" };
        var source = new Option<DirectoryInfo>("--source") { Description = "The unpacked solution folder.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(repo, "solution")) };
        var command = new Command(name, description) { url, token, deviceCode, interactive, clientId, tenant, source };
        command.SetAction(async (result, cancel) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            if (Organization(result.GetValue(url)!) is not { } organization)
            {
                await error.WriteLineAsync($"--url '{result.GetValue(url)}' is not an organization URL: use https://<org>.crm.dynamics.com (plain http only on this machine).");
                return 1;
            }

            IReadOnlyList<PostImportStep> steps;
            string accessToken;
            try
            {
                steps = PostImportStepFile.ReadFolder(result.GetValue(source)!.FullName);
                accessToken = await new SignIn
                {
                    Token = result.GetValue(token),
                    DeviceCode = result.GetValue(deviceCode),
                    Interactive = result.GetValue(interactive),
                    ClientId = result.GetValue(clientId),
                    Tenant = result.GetValue(tenant)!,
                }.AcquireToken(organization, output, cancel);
            }
            catch (Exception failure) when (failure is PostImportStepException or InvalidOperationException)
            {
                await error.WriteLineAsync(failure.Message);
                return 1;
            }

            await output.WriteLineAsync($"{name}: {steps.Count} steps of {Path.Combine(result.GetValue(source)!.Name, PostImportStepFile.FolderName)}/ in {organization.Authority}");
            using var api = new DataverseWebApi(organization, accessToken, new ThrottlingRetryHandler(transport?.Invoke() ?? new SocketsHttpHandler(), line => output.WriteLine("  " + line)));
            return await run(new StepRegistrar(api, output, error), steps, cancel);
        });
        return command;
    }

    /// <summary>The organization's URL: https, or http to a service on this machine (the local sandbox host).</summary>
    private static Uri? Organization(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            ? uri
            : null;
}
