using Spm.Solution;

namespace Spm.Solution.Tests;

/// <summary>Paths the tests read: the unpacked solution, the built net462 plug-in assembly, Microsoft's schemas.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Solution => Path.Combine(Root, "solution");

    /// <summary>The net462 plug-in assembly the solution build (dotnet build SpmAddin.sln -c Release) produced.</summary>
    public static string PluginAssembly
    {
        get
        {
            foreach (var configuration in new[] { "Release", "Debug" })
            {
                var path = Path.Combine(Root, "plugins", "Spm.Plugins", "bin", configuration, "net462", "Spm.Plugins.dll");
                if (File.Exists(path))
                {
                    return path;
                }
            }

            throw new FileNotFoundException("plugins/Spm.Plugins/bin/<configuration>/net462/Spm.Plugins.dll is not built; run dotnet build SpmAddin.sln -c Release first.");
        }
    }

    /// <summary>shared/reference: beside the repository (&lt;root&gt;/main and &lt;root&gt;/shared) or inside it.</summary>
    public static string Reference(params string[] parts)
    {
        foreach (var candidate in new[] { Path.Combine(Root, "..", "shared", "reference"), Path.Combine(Root, "shared", "reference") })
        {
            if (Directory.Exists(candidate))
            {
                return Path.GetFullPath(Path.Combine([candidate, .. parts]));
            }
        }

        throw new DirectoryNotFoundException("shared/reference not found beside or inside " + Root);
    }

    /// <summary>One pack of the checked-in solution, shared by the tests that only read it.</summary>
    public static PackResult Unmanaged => LazyUnmanaged.Value;

    private static readonly Lazy<PackResult> LazyUnmanaged = new(() => new SolutionPacker().Pack(Solution, new SolutionOptions { PluginAssemblyPath = PluginAssembly }));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SpmAddin.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("SpmAddin.sln not found above " + AppContext.BaseDirectory);
    }
}
