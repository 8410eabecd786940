using System.Xml.Linq;

namespace Spm.Solution.Parts;

/// <summary>
/// PluginAssemblies/ (the assembly's registration and the built dll) and SdkMessageProcessingSteps/ (the steps the
/// pipeline simulator runs in tests). Checks the dll is the one registered, and every step names one of its plug-in types,
/// the post-import steps too (PostImportSteps/, checked but not packed).
/// </summary>
public sealed class PluginsPart : ISolutionPart
{
    /// <summary>EventHandlerTypeCode of a step that posts to a service endpoint (serviceendpoint's object type code).</summary>
    public const string ServiceEndpointTypeCode = "4618";

    public string Name => "Plug-in assemblies and steps";

    public void Contribute(SolutionBuild build)
    {
        var pluginTypes = new Dictionary<Guid, string>();
        foreach (var file in build.SourceFiles("PluginAssemblies", "*.data.xml"))
        {
            if (build.Load(file)?.Root is not { } assembly)
            {
                continue;
            }

            AddAssembly(build, file, assembly, pluginTypes);
        }

        foreach (var file in build.SourceFiles("SdkMessageProcessingSteps", "*.xml"))
        {
            if (build.Load(file)?.Root is not { } step)
            {
                continue;
            }

            var id = (string?)step.Attribute("SdkMessageProcessingStepId");
            if (!Guid.TryParse(id, out var stepId))
            {
                build.Problem(file, $"SdkMessageProcessingStepId '{id}' is not a GUID.");
                continue;
            }

            var typeId = step.Element("PluginTypeId")?.Value;
            var typeName = step.Element("PluginTypeName")?.Value;
            if (typeName != null && (!Guid.TryParse(typeId, out var type) || !pluginTypes.ContainsKey(type)))
            {
                build.Problem(file, $"PluginTypeId '{typeId}' ({typeName}) is not a plug-in type of any assembly in PluginAssemblies/.");
            }

            if (step.Element("EventHandlerTypeCode")?.Value == ServiceEndpointTypeCode
                && (!Guid.TryParse(step.Element("EventHandler")?.Value, out var endpoint) || !build.ServiceEndpointIds.Contains(endpoint)))
            {
                build.Problem(file, $"EventHandler '{step.Element("EventHandler")?.Value}' is not a ServiceEndpoint in {ServiceEndpointsPart.SourceFile}.");
            }
            else if (typeName == null && step.Element("EventHandlerTypeCode")?.Value != ServiceEndpointTypeCode)
            {
                build.Problem(file, "the step names no PluginTypeName and its EventHandlerTypeCode is not 4618 (service endpoint).");
            }

            build.Section("SdkMessageProcessingSteps").Add(new XElement(step));
            build.AddRootComponent(92, stepId);
        }

        PostImportStepsCheck.Check(build, pluginTypes);
    }

    private static void AddAssembly(SolutionBuild build, string file, XElement assembly, Dictionary<Guid, string> pluginTypes)
    {
        var fullName = (string?)assembly.Attribute("FullName") ?? string.Empty;
        if (!Guid.TryParse((string?)assembly.Attribute("PluginAssemblyId"), out var assemblyId))
        {
            build.Problem(file, "PluginAssemblyId is missing or not a GUID.");
            return;
        }

        foreach (var type in assembly.Element("PluginTypes")?.Elements("PluginType") ?? [])
        {
            if (Guid.TryParse((string?)type.Attribute("PluginTypeId"), out var typeId))
            {
                pluginTypes[typeId] = (string?)type.Attribute("Name") ?? string.Empty;
            }
            else
            {
                build.Problem(file, $"PluginType {(string?)type.Attribute("Name")} has no PluginTypeId GUID.");
            }
        }

        var zipPath = (assembly.Element("FileName")?.Value ?? string.Empty).TrimStart('/');
        var built = build.Options.PluginAssemblyPath;
        if (zipPath.Length == 0)
        {
            build.Problem(file, "<FileName> is missing: it says where the dll goes in the zip.");
        }
        else if (built == null || !File.Exists(built))
        {
            build.Problem(file, $"the built plug-in assembly was not found ({built ?? "no path given"}); build it with: dotnet build plugins/Spm.Plugins -c Release -f net462");
        }
        else if (!string.Equals(Path.GetFileName(built), Path.GetFileName(zipPath), StringComparison.OrdinalIgnoreCase))
        {
            build.Problem(file, $"<FileName> names {Path.GetFileName(zipPath)} but the built assembly is {Path.GetFileName(built)}.");
        }
        else
        {
            var image = File.ReadAllBytes(built);
            var dll = PluginAssemblyFile.Read(image);
            if (!string.Equals(dll.FullName, fullName, StringComparison.Ordinal))
            {
                build.Problem(file, $"FullName is '{fullName}' but {built} is '{dll.FullName}'; update the registration or the assembly version.");
            }

            foreach (var type in assembly.Element("PluginTypes")?.Elements("PluginType") ?? [])
            {
                var name = (string?)type.Attribute("Name") ?? string.Empty;
                if (!dll.PublicClasses.Contains(name))
                {
                    build.Problem(file, $"PluginType '{name}' is not a public class of {Path.GetFileName(built)}.");
                }
            }

            if (!dll.BuiltAgainstOfficialSdk)
            {
                var against = !dll.ReferencesFacade && string.Equals(dll.XrmSdk, "Official", StringComparison.Ordinal)
                    ? $"a Microsoft.Xrm.Sdk signed with public key token {dll.XrmSdkPublicKeyToken ?? "none"}, not Microsoft's {PluginAssemblyFile.MicrosoftPublicKeyToken} (a stand-in, not the real SDK)"
                    : $"the in-repo Microsoft.Xrm.Sdk facade (XrmSdk={dll.XrmSdk ?? "unset"}{(dll.ReferencesFacade ? $", references {PluginAssemblyFile.FacadeAssemblyName}" : string.Empty)})";
                build.Warnings.Add(SolutionPacker.NotDeployable +
                    $"{Path.GetFileName(built)} was built against {against}, which Dataverse does not have. "
                    + "Rebuild with -p:XrmSdk=Official where Microsoft.CrmSdk.CoreAssemblies restores, then pack again.");
            }

            build.Files[zipPath] = image;
        }

        build.Section("SolutionPluginAssemblies").Add(new XElement(assembly));
        build.AddRootComponent(91, assemblyId, schemaName: fullName);
    }
}
