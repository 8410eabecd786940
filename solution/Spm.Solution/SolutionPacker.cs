using System.IO.Compression;
using System.Xml.Linq;
using Spm.Solution.Layout;

namespace Spm.Solution;

/// <summary>
/// Packs the unpacked solution folder into an importable zip: [Content_Types].xml, solution.xml, customizations.xml and
/// the files the parts add. The same inputs give byte-identical zips (ordinal entry order, fixed timestamps).
/// </summary>
public sealed class SolutionPacker
{
    /// <summary>The timestamp of every zip entry: fixed, so a rebuild of the same inputs is byte-identical.</summary>
    public static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly IReadOnlyList<ISolutionPart> _parts;

    public SolutionPacker(IReadOnlyList<ISolutionPart>? parts = null)
    {
        _parts = parts ?? SolutionParts.All;
    }

    public PackResult Pack(string sourceFolder, SolutionOptions options, IProgress<string>? progress = null)
    {
        var build = new SolutionBuild(sourceFolder, options);
        var manifestPath = Path.Combine(build.SourceFolder, "Other", "Solution.xml");
        var customizationsPath = Path.Combine(build.SourceFolder, "Other", "Customizations.xml");
        var manifest = File.Exists(manifestPath) ? build.Load(manifestPath) : null;
        if (manifest == null)
        {
            build.Problem(manifestPath, "missing: every solution needs Other/Solution.xml with its SolutionManifest.");
        }

        if (File.Exists(customizationsPath) && build.Load(customizationsPath) is { Root: { } authored })
        {
            // The authored file holds the placeholders and what no part owns (settings, languages); parts fill their own sections.
            foreach (var attribute in authored.Attributes())
            {
                build.Customizations.Root!.SetAttributeValue(attribute.Name, attribute.Value);
            }

            foreach (var section in authored.Elements())
            {
                build.Section(section.Name.LocalName).Add(section.Nodes());
            }
        }

        for (var i = 0; i < _parts.Count; i++)
        {
            progress?.Report($"[{i + 1}/{_parts.Count}] {_parts[i].Name}");
            _parts[i].Contribute(build);
        }

        FormWebResourceCheck.Check(build);
        UnpackedLayoutCheck.Check(build);
        SolutionPackagerLayout.RemoveEmptySections(build.Customizations.Root!);

        var version = "0.0.0.0";
        var uniqueName = "solution";
        if (manifest?.Root?.Element("SolutionManifest") is { } solutionManifest)
        {
            version = solutionManifest.Element("Version")?.Value ?? version;
            uniqueName = solutionManifest.Element("UniqueName")?.Value ?? uniqueName;
            SolutionManifestCheck.Check(build, manifestPath, solutionManifest);
            solutionManifest.SetElementValue("Managed", options.Managed ? "1" : "0");
        }

        var fileName = $"{uniqueName}_{version.Replace('.', '_')}{(options.Managed ? "_managed" : string.Empty)}.zip";
        var deployable = build.Problems.Count == 0 && !build.Warnings.Any(w => w.StartsWith(NotDeployable, StringComparison.Ordinal));
        if (options.Managed && !deployable && build.Problems.Count == 0)
        {
            fileName = fileName.Replace(".zip", ".not-deployable.zip", StringComparison.Ordinal);
        }

        var zip = build.Problems.Count == 0 && manifest != null ? Zip(build, manifest) : null;
        return new PackResult(zip, fileName, deployable, build.Problems, build.Warnings, build.Customizations, manifest);
    }

    /// <summary>Warnings that start with this keep a managed zip from being labelled deployable.</summary>
    public const string NotDeployable = "Not deployable: ";

    private static byte[] Zip(SolutionBuild build, XDocument manifest)
    {
        var entries = new SortedDictionary<string, byte[]>(build.Files, StringComparer.Ordinal)
        {
            ["solution.xml"] = Xml.Bytes(manifest),
            ["customizations.xml"] = Xml.Bytes(build.Customizations),
        };
        entries["[Content_Types].xml"] = Xml.Bytes(ContentTypes(entries.Keys));

        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            // [Content_Types].xml first, as Dataverse's exports have it; then ordinal order.
            foreach (var (path, bytes) in entries.OrderBy(e => e.Key == "[Content_Types].xml" ? 0 : 1).ThenBy(e => e.Key, StringComparer.Ordinal))
            {
                var entry = archive.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTime;
                using var content = entry.Open();
                content.Write(bytes);
            }
        }

        return stream.ToArray();
    }

    private static XDocument ContentTypes(IEnumerable<string> paths)
    {
        XNamespace ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        var extensions = paths.Select(p => Path.GetExtension(p).TrimStart('.').ToLowerInvariant()).Where(e => e.Length > 0).Distinct().Order(StringComparer.Ordinal);
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(ns + "Types", extensions.Select(e => new XElement(ns + "Default", new XAttribute("Extension", e), new XAttribute("ContentType", "application/octet-stream")))));
    }
}

/// <summary>What a pack produced: the zip (null when there are problems), its file name, and whether it may be deployed.</summary>
public sealed record PackResult(byte[]? Zip, string FileName, bool Deployable, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings, XDocument Customizations, XDocument? Manifest);
