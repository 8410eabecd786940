using System.Xml.Linq;

namespace Spm.Solution.Parts;

/// <summary>
/// WebResources/: each web resource is its content file plus a .data.xml next to it (as SolutionPackager unpacks them).
/// A built file in <see cref="SolutionOptions.WebResourcesFolder"/> with the same relative path replaces the checked-in content.
/// </summary>
public sealed class WebResourcesPart : ISolutionPart
{
    public string Name => "Web resources";

    public void Contribute(SolutionBuild build)
    {
        var root = Path.Combine(build.SourceFolder, "WebResources");
        foreach (var file in build.SourceFiles("WebResources", "*.data.xml"))
        {
            if (build.Load(file)?.Root is not { } resource)
            {
                continue;
            }

            if (!Guid.TryParse(resource.Element("WebResourceId")?.Value, out var id))
            {
                build.Problem(file, "<WebResourceId> is missing or not a GUID.");
                continue;
            }

            var zipPath = (resource.Element("FileName")?.Value ?? string.Empty).TrimStart('/');
            var content = file[..^".data.xml".Length];
            var relative = Path.GetRelativePath(root, content);
            var builtContent = build.Options.WebResourcesFolder is { } built ? Path.Combine(built, relative) : null;
            var source = builtContent != null && File.Exists(builtContent) ? builtContent : content;
            if (!File.Exists(source))
            {
                build.Problem(file, $"its content file {build.Relative(content)} is missing{(builtContent != null ? $" (and not built at {builtContent})" : string.Empty)}.");
                continue;
            }

            build.Files[zipPath.Length > 0 ? zipPath : "WebResources/" + relative.Replace('\\', '/')] = File.ReadAllBytes(source);
            build.Section("WebResources").Add(new XElement(resource));
            build.AddRootComponent(61, id);
        }
    }
}
