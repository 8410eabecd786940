namespace Xrm.Sdk.Facade.Tests.Conformance;

/// <summary>Finds shared/reference (the official SDK surface lists) from the test's output folder.</summary>
internal static class ReferenceFiles
{
    public const string XrmMembers = "xrm-sdk-members.public.txt";
    public const string XrmApi = "xrm-sdk-api.txt";
    public const string ProxyMembers = "crm-sdk-proxy-members.public.txt";
    public const string ProxyApi = "crm-sdk-proxy-api.txt";

    private static readonly Lazy<DirectoryInfo> Folder = new(Locate);

    public static DirectoryInfo Directory => Folder.Value;

    public static string PathOf(string fileName) => Path.Combine(Directory.FullName, fileName);

    /// <summary>
    /// Walks up from <see cref="AppContext.BaseDirectory"/>; at each level looks for <c>shared/reference</c> and for
    /// <c>../shared/reference</c> (the repository is cloned as &lt;root&gt;/main with &lt;root&gt;/shared beside it).
    /// </summary>
    private static DirectoryInfo Locate()
    {
        var searched = new List<string>();
        for (DirectoryInfo? level = new(AppContext.BaseDirectory); level is not null; level = level.Parent)
        {
            foreach (string candidate in new[]
            {
                Path.Combine(level.FullName, "shared", "reference"),
                Path.Combine(level.FullName, "..", "shared", "reference"),
            })
            {
                searched.Add(candidate);
                if (File.Exists(Path.Combine(candidate, XrmMembers)))
                {
                    return new DirectoryInfo(Path.GetFullPath(candidate));
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"Could not find shared/reference/{XrmMembers} above {AppContext.BaseDirectory}. Looked in:{Environment.NewLine}"
            + string.Join(Environment.NewLine, searched));
    }
}
