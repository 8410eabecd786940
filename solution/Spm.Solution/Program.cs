using System.CommandLine;
using System.Diagnostics;
using Spm.Solution;
using Spm.Solution.PostImport;

// spm-solution pack: builds the plug-in assembly, then SpmAddin_<version>_managed.zip and the unmanaged zip.
// spm-solution register-steps / unregister-steps: the steps an admin adds after importing it (solution/PostImportSteps/).
var repo = RepositoryRoot.Find();
var source = new Option<DirectoryInfo>("--source") { Description = "The unpacked solution folder.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(repo, "solution")) };
var output = new Option<DirectoryInfo>("--out") { Description = "Where the zips are written.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(repo, "out", "solution")) };
var plugin = new Option<FileInfo?>("--plugin") { Description = "A built net462 Spm.Plugins.dll to embed (default: build plugins/Spm.Plugins and use its output)." };
var webResources = new Option<DirectoryInfo?>("--webresources") { Description = "Folder of built web resources that replace the checked-in content." };
var pack = new Command("pack", "Build the managed and unmanaged solution zips.") { source, output, plugin, webResources };
pack.SetAction(result =>
{
    var pluginPath = result.GetValue(plugin)?.FullName ?? BuildPlugins(repo);
    if (pluginPath == null)
    {
        return 1;
    }

    var outFolder = result.GetValue(output)!;
    outFolder.Create();
    var exit = 0;
    foreach (var managed in new[] { false, true })
    {
        Console.WriteLine(managed ? "Packing the managed solution" : "Packing the unmanaged solution");
        var packed = new SolutionPacker().Pack(result.GetValue(source)!.FullName, new SolutionOptions
        {
            Managed = managed,
            PluginAssemblyPath = pluginPath,
            WebResourcesFolder = result.GetValue(webResources)?.FullName,
        }, new SynchronousProgress(line => Console.WriteLine("  " + line)));
        foreach (var problem in packed.Problems)
        {
            Console.Error.WriteLine("  error: " + problem);
        }

        foreach (var warning in packed.Warnings.Distinct(StringComparer.Ordinal))
        {
            Console.WriteLine("  " + warning);
        }

        if (packed.Zip == null)
        {
            Console.Error.WriteLine($"  {packed.Problems.Count} problem(s): no zip written.");
            exit = 1;
            continue;
        }

        var path = Path.Combine(outFolder.FullName, packed.FileName);
        File.WriteAllBytes(path, packed.Zip);
        Console.WriteLine($"  wrote {Path.GetRelativePath(Environment.CurrentDirectory, path)} ({packed.Zip.Length:N0} bytes){(managed ? packed.Deployable ? ", deployable" : ", NOT deployable (see above)" : string.Empty)}");
    }

    return exit;
});

var root = new RootCommand("SpmAddin solution packer") { pack, StepCommands.Register(repo), StepCommands.Unregister(repo) };
return root.Parse(args).Invoke();

static string? BuildPlugins(string repo)
{
    Console.WriteLine("Building plugins/Spm.Plugins (net462, Release)");
    var project = Path.Combine(repo, "plugins", "Spm.Plugins", "Spm.Plugins.csproj");
    var start = new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "-f", "net462", "-nologo", "-v", "quiet"]) { UseShellExecute = false };
    using var build = Process.Start(start)!;
    build.WaitForExit();
    var dll = Path.Combine(repo, "plugins", "Spm.Plugins", "bin", "Release", "net462", "Spm.Plugins.dll");
    if (build.ExitCode != 0 || !File.Exists(dll))
    {
        Console.Error.WriteLine($"The plug-in build failed (exit {build.ExitCode}); fix it or pass --plugin <path to Spm.Plugins.dll>.");
        return null;
    }

    return dll;
}

/// <summary>Reports on the calling thread, so progress lines stay in order with the rest of the output.</summary>
internal sealed class SynchronousProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
