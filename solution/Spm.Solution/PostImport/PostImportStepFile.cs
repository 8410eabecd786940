using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Spm.Solution.PostImport;

/// <summary>
/// Reads solution/PostImportSteps/{step-guid}.xml: the SdkMessageProcessingStep shape of the packed step files, naming the
/// message by &lt;SdkMessageName&gt; instead of &lt;SdkMessageId&gt;. A file it cannot register throws
/// <see cref="PostImportStepException"/> naming the file, the element and what to fix.
/// </summary>
public static class PostImportStepFile
{
    /// <summary>The folder under the unpacked solution; the packer checks it but does not pack it.</summary>
    public const string FolderName = "PostImportSteps";

    /// <summary>Every step under <paramref name="solutionFolder"/>/PostImportSteps, in file-name order (none when the folder is missing).</summary>
    public static IReadOnlyList<PostImportStep> ReadFolder(string solutionFolder)
    {
        var folder = Path.Combine(solutionFolder, FolderName);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal).Select(Read).ToList()
            : [];
    }

    public static PostImportStep Read(string path)
    {
        var file = Path.Combine(FolderName, Path.GetFileName(path));
        XElement root;
        try
        {
            root = XDocument.Load(path).Root!;
        }
        catch (XmlException error)
        {
            throw Fail(file, "(document)", $"not well-formed XML ({error.Message}).");
        }

        if (root.Name.LocalName != "SdkMessageProcessingStep")
        {
            throw Fail(file, root.Name.LocalName, "the root element must be <SdkMessageProcessingStep>.");
        }

        var id = ParseGuid(file, "SdkMessageProcessingStep/@SdkMessageProcessingStepId", (string?)root.Attribute("SdkMessageProcessingStepId"));
        if (!Guid.TryParse(Path.GetFileNameWithoutExtension(path).Trim('{', '}'), out var fileId) || fileId != id)
        {
            throw Fail(file, "SdkMessageProcessingStep/@SdkMessageProcessingStepId", $"the file holds step {id:B}; name it {id:B}.xml, as the packed step files are named.");
        }

        if (root.Element("SdkMessageId") != null)
        {
            throw Fail(file, "SdkMessageId", "a post-import step names its message by <SdkMessageName>; a step with a known sdkmessage id belongs in SdkMessageProcessingSteps/, which the solution packs.");
        }

        if (root.Element("SdkMessageProcessingStepImages")?.HasElements == true)
        {
            throw Fail(file, "SdkMessageProcessingStepImages", "register-steps registers no images; Win and Lose have none (their input is an OpportunityClose, not a Target).");
        }

        if (Optional(root, "EventHandlerTypeCode") is { } handlerType && handlerType != "4602")
        {
            throw Fail(file, "EventHandlerTypeCode", $"'{handlerType}' is not 4602: a post-import step runs a plug-in type.");
        }

        var typeId = ParseGuid(file, "PluginTypeId", Optional(root, "PluginTypeId"));
        if (Optional(root, "EventHandler") is { } handler && (!Guid.TryParse(handler, out var handlerId) || handlerId != typeId))
        {
            throw Fail(file, "EventHandler", $"'{handler}' is not the step's PluginTypeId {typeId:D}.");
        }

        var typeName = Required(file, root, "PluginTypeName");
        var stage = ParseInt(file, root, "Stage", null);
        if (stage is not (10 or 20 or 40))
        {
            throw Fail(file, "Stage", $"stage {stage} is not 10 (PreValidation), 20 (PreOperation) or 40 (PostOperation).");
        }

        var mode = ParseInt(file, root, "Mode", null);
        if (mode is not (0 or 1))
        {
            throw Fail(file, "Mode", $"mode {mode} is not 0 (synchronous) or 1 (asynchronous).");
        }

        return new PostImportStep
        {
            Id = id,
            Name = (string?)root.Attribute("Name") is { Length: > 0 } name ? name : throw Fail(file, "SdkMessageProcessingStep/@Name", "the step needs a name."),
            PluginTypeId = typeId,
            PluginTypeFullName = typeName.Split(',')[0].Trim(),
            MessageName = Required(file, root, "SdkMessageName"),
            PrimaryEntity = Required(file, root, "PrimaryEntity"),
            Stage = stage,
            Mode = mode,
            Rank = ParseInt(file, root, "Rank", 1),
            Description = Optional(root, "Description"),
            Configuration = Optional(root, "Configuration"),
            FilteringAttributes = Optional(root, "FilteringAttributes"),
            AsyncAutoDelete = Optional(root, "AsyncAutoDelete") is "1" or "true",
            InvocationSource = ParseInt(file, root, "InvocationSource", 0),
            SupportedDeployment = ParseInt(file, root, "SupportedDeployment", 0),
        };
    }

    private static string? Optional(XElement root, string name) => root.Element(name)?.Value.Trim() is { Length: > 0 } value ? value : null;

    private static string Required(string file, XElement root, string name) =>
        Optional(root, name) ?? throw Fail(file, name, $"the element {name} is missing or empty.");

    private static int ParseInt(string file, XElement root, string name, int? fallback)
    {
        var text = Optional(root, name);
        if (text == null)
        {
            return fallback ?? throw Fail(file, name, $"the element {name} is missing or empty.");
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Fail(file, name, $"'{text}' is not a whole number.");
    }

    private static Guid ParseGuid(string file, string element, string? text) =>
        Guid.TryParse(text, out var value) && value != Guid.Empty ? value : throw Fail(file, element, $"'{text}' is not a non-empty GUID.");

    private static PostImportStepException Fail(string file, string element, string problem) => new(file, $"<{element}>: {problem}");
}

/// <summary>A post-import step file that cannot be registered: the file (PostImportSteps/{id}.xml) and what is wrong in it.</summary>
public sealed class PostImportStepException(string file, string problem) : Exception($"{file}: {problem}")
{
    public string File { get; } = file;

    public string Problem { get; } = problem;
}
