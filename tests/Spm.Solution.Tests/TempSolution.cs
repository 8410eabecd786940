namespace Spm.Solution.Tests;

/// <summary>A throw-away copy of the unpacked solution (sources only), for tests that break something on purpose.</summary>
internal sealed class TempSolution : IDisposable
{
    private TempSolution(string path) => Path = path;

    public string Path { get; }

    public static TempSolution Copy()
    {
        var target = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "spm-solution-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Repo.Solution, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(Repo.Solution, file);
            if (relative.StartsWith("Spm.Solution", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = System.IO.Path.Combine(target, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return new TempSolution(target);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
