namespace Spm.Solution.Parts;

/// <summary>
/// Service endpoints live in Other/Customizations.xml (&lt;ServiceEndpoints&gt;). Steps whose EventHandler is one of them
/// (EventHandlerTypeCode 4618) are packed by <see cref="PluginsPart"/>, which asks <see cref="SolutionBuild.ServiceEndpointIds"/>.
/// </summary>
public sealed class ServiceEndpointsPart : ISolutionPart
{
    public string Name => "Service endpoints";

    public void Contribute(SolutionBuild build)
    {
        var file = Path.Combine(build.SourceFolder, "Other", "Customizations.xml");
        foreach (var endpoint in build.Customizations.Root!.Element("ServiceEndpoints")?.Elements("ServiceEndpoint") ?? [])
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

            build.AddRootComponent(95, id);
        }
    }
}
