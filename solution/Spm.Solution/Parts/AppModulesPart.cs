using System.Xml.Linq;

namespace Spm.Solution.Parts;

/// <summary>
/// AppModuleSiteMaps/{name}/AppModuleSiteMap.xml and AppModules/{name}/AppModule.xml (SolutionPackager's layout):
/// the model-driven apps and their sitemaps. An app must name a sitemap the solution packs.
/// </summary>
public sealed class AppModulesPart : ISolutionPart
{
    public string Name => "Model-driven apps";

    public void Contribute(SolutionBuild build)
    {
        var siteMaps = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in build.SourceFiles("AppModuleSiteMaps", "AppModuleSiteMap.xml"))
        {
            if (build.Load(file)?.Root is not { } siteMap)
            {
                continue;
            }

            var name = siteMap.Element("SiteMapUniqueName")?.Value;
            if (string.IsNullOrWhiteSpace(name))
            {
                build.Problem(file, "<SiteMapUniqueName> is missing.");
                continue;
            }

            siteMaps.Add(name);
            build.Section("AppModuleSiteMaps").Add(Strip(siteMap));
            build.AddRootComponent(62, schemaName: name);
        }

        foreach (var file in build.SourceFiles("AppModules", "AppModule.xml"))
        {
            if (build.Load(file)?.Root is not { } app)
            {
                continue;
            }

            var name = app.Element("UniqueName")?.Value;
            if (string.IsNullOrWhiteSpace(name))
            {
                build.Problem(file, "<UniqueName> is missing.");
                continue;
            }

            foreach (var component in app.Element("AppModuleComponents")?.Elements("AppModuleComponent") ?? [])
            {
                if ((string?)component.Attribute("type") == "62" && !siteMaps.Contains((string?)component.Attribute("schemaName") ?? string.Empty))
                {
                    build.Problem(file, $"the app names sitemap '{(string?)component.Attribute("schemaName")}', which AppModuleSiteMaps/ does not hold.");
                }
            }

            build.Section("AppModules").Add(Strip(app));
            build.AddRootComponent(80, schemaName: name);
        }
    }

    private static XElement Strip(XElement element)
    {
        var copy = new XElement(element);
        copy.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
        return copy;
    }
}
