using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Spm.Solution.Tests;

/// <summary>
/// Validates a packed customizations.xml against Microsoft's CustomizationsSolution.xsd (9.0, with FormXml, SiteMapType
/// and Fetch). Current exports carry root attributes the 9.0 schema predates; those, and only those, are tolerated.
/// </summary>
internal static class CustomizationsSchema
{
    /// <summary>Root attributes of current exports that CustomizationsSolution.xsd (9.0) does not declare.</summary>
    public static readonly IReadOnlyList<string> ToleratedRootAttributes = ["OrganizationVersion", "OrganizationSchemaType", "CRMServerServiceabilityVersion"];

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        using var reader = XmlReader.Create(Repo.Reference("solution-schemas", "CustomizationsSolution.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = new XmlUrlResolver() });
        set.Add(null, reader);
        set.Compile();
        return set;
    });

    /// <summary>Every validation error, as "line:col message"; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(XDocument customizations)
    {
        var copy = new XDocument(customizations);
        foreach (var name in ToleratedRootAttributes)
        {
            copy.Root!.Attribute(name)?.Remove();
        }

        // Validate what would be written, with line numbers.
        var text = copy.ToString(SaveOptions.None);
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Exception.LineNumber}:{e.Exception.LinePosition} {e.Message}");
        using var reader = XmlReader.Create(new StringReader(text), settings);
        while (reader.Read())
        {
        }

        return errors;
    }
}
