namespace Spm.Solution.Layout;

/// <summary>
/// An element of Other/Customizations.xml that SolutionPackager fills, when it packs, from <see cref="Source"/>: a folder
/// searched for <see cref="Pattern"/>, or a single file when there is no pattern.
/// </summary>
public sealed record PackagerPlaceholder(string Element, string Source, string? Pattern = null)
{
    /// <summary>How a message names the source: "PluginAssemblies/" for a folder, the path for a file.</summary>
    public string SourceName => Pattern == null ? Source : Source + "/";

    /// <summary>The files of <paramref name="solutionFolder"/> SolutionPackager would pack into the element, in ordinal order.</summary>
    public IReadOnlyList<string> Files(string solutionFolder)
    {
        var path = Path.Combine(solutionFolder, Source);
        if (Pattern == null)
        {
            return File.Exists(path) ? [path] : [];
        }

        return Directory.Exists(path) ? [.. Directory.EnumerateFiles(path, Pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal)] : [];
    }
}
