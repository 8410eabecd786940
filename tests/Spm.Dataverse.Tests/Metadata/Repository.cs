namespace Spm.Dataverse.Tests.Metadata;

/// <summary>Folders of the repository the tests run from (found by walking up to SpmAddin.sln).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The unpacked solution, solution/.</summary>
    public static string Solution => Path.Combine(Root, "solution");

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SpmAddin.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("SpmAddin.sln is not above " + AppContext.BaseDirectory);
    }
}
