using System.CommandLine;
using Spm.Solution.PostImport;

namespace Spm.Solution.Tests.WebApi;

/// <summary>Runs register-steps / unregister-steps as the admin would, against the organization's host, capturing what it prints.</summary>
internal static class StepsCommand
{
    public static Task<Run> Register(StepsOrganization api, params string[] extra) => Invoke(StepCommands.Register(Repo.Root, api.Traffic.Handler), api, extra);

    public static Task<Run> Unregister(StepsOrganization api, params string[] extra) => Invoke(StepCommands.Unregister(Repo.Root, api.Traffic.Handler), api, extra);

    private static async Task<Run> Invoke(Command command, StepsOrganization api, string[] extra)
    {
        // The host, the checked-in steps and the admin's token, unless the test passes its own.
        var defaults = new[] { ("--url", api.Url.ToString()), ("--source", Repo.Solution), ("--token", api.Token()) };
        string[] args = [.. defaults.Where(d => !extra.Contains(d.Item1)).SelectMany(d => new[] { d.Item1, d.Item2 }), .. extra];
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await command.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new Run(exit, output.ToString(), error.ToString());
    }
}

/// <summary>A finished run: exit code and the two streams.</summary>
internal sealed record Run(int Exit, string Output, string Error)
{
    public override string ToString() => $"exit {Exit}{Environment.NewLine}{Output}{Error}";
}
