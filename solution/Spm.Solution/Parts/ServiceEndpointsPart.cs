using System.Xml.Linq;

namespace Spm.Solution.Parts;

/// <summary>
/// PluginAssemblies/ServiceEndpoints.xml (&lt;ServiceEndpoints&gt;, where SolutionPackager keeps them, announced by
/// &lt;ServiceEndpoints /&gt; in Other/Customizations.xml). Packed before the steps: a step whose EventHandler is one of them
/// (EventHandlerTypeCode 4618) is checked by <see cref="PluginsPart"/> through <see cref="SolutionBuild.ServiceEndpointIds"/>.
/// </summary>
public sealed class ServiceEndpointsPart : ISolutionPart
{
    public const string SourceFile = "PluginAssemblies/ServiceEndpoints.xml";

    public string Name => "Service endpoints";

    public void Contribute(SolutionBuild build)
    {
        var file = Path.Combine(build.SourceFolder, SourceFile);
        foreach (var endpoint in build.SourceList(SourceFile, "ServiceEndpoints", "ServiceEndpoint"))
        {
            if (!Guid.TryParse((string?)endpoint.Attribute("ServiceEndpointId"), out var id))
            {
                build.Problem(file, $"ServiceEndpoint '{(string?)endpoint.Attribute("Name")}' has no ServiceEndpointId GUID.");
                continue;
            }

            if (endpoint.Element("Contract")?.Value == "8" && !Uri.TryCreate(endpoint.Element("Url")?.Value, UriKind.Absolute, out _))
            {
                build.Problem(file, $"webhook '{(string?)endpoint.Attribute("Name")}' has no absolute <Url>.");
            }

            build.Section("ServiceEndpoints").Add(new XElement(endpoint));
            build.AddRootComponent(95, id);
        }
    }
}
