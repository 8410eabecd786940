using System.Xml.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Plugins.Tests;
using Spm.WebApi;

namespace Spm.Solution.Tests.WebApi;

/// <summary>
/// The plug-in tests' organization (security enforced by the store) served by the sandbox Web API host on 127.0.0.1 (a free
/// port), with the platform's registration rows register-steps looks up seeded as SYSTEM: what an admin finds after
/// importing SpmAddin into a Sales environment.
/// </summary>
internal sealed class StepsOrganization : IAsyncDisposable
{
    /// <summary>Sales Ops Admin, who holds System Administrator: the admin who registers the steps.</summary>
    public const string Admin = "admin@spm.local";

    /// <summary>A rep (SPM Rep, Salesperson): no rights on the registration tables.</summary>
    public const string Rep = "ava@spm.local";

    private StepsOrganization(SpmOrganization org, WebApiHost host)
    {
        Org = org;
        Host = host;
    }

    public SpmOrganization Org { get; }

    public WebApiHost Host { get; }

    /// <summary>What the command sent, through the transport <see cref="StepsCommand"/> gives it.</summary>
    public WebApiTraffic Traffic { get; } = new();

    /// <summary>The organization URL to pass as --url.</summary>
    public Uri Url => Host.BaseUrl;

    public IReadOnlyList<WebApiRequest> Requests => Traffic.Requests;

    public IReadOnlyList<WebApiRequest> Writes => Traffic.Writes;

    public static async Task<StepsOrganization> Start()
    {
        var org = SpmOrganization.Create(new DateTime(2026, 1, 5));
        org.Raw.Update(new Entity("systemuser", SpmOrganization.Admin) { ["domainname"] = Admin });
        org.Raw.Update(new Entity("systemuser", SpmOrganization.Ava) { ["domainname"] = Rep });
        var host = await WebApiHost.StartAsync(org.Pipeline, org.Store.Metadata, new WebApiHostOptions { Port = 0 });
        return new StepsOrganization(org, host);
    }

    /// <summary>An organization with Sales: Win and Lose (random ids, as they differ per organization) with their opportunity filters, and the imported plug-in types.</summary>
    public static async Task<StepsOrganization> StartWithSales()
    {
        var api = await Start();
        api.AddMessageWithFilter("Win", "opportunity");
        api.AddMessageWithFilter("Lose", "opportunity");
        api.ImportPluginTypes();
        return api;
    }

    /// <summary>A token the host issued for the user signing in as <paramref name="domainName"/>.</summary>
    public string Token(string domainName = Admin) => Host.IssueToken(domainName);

    public Guid AddMessage(string name) => Org.Raw.Create(new Entity("sdkmessage", Guid.NewGuid()) { ["name"] = name });

    public Guid AddMessageWithFilter(string name, string table)
    {
        var message = AddMessage(name);
        Org.Raw.Create(new Entity("sdkmessagefilter", Guid.NewGuid()) { ["sdkmessageid"] = new EntityReference("sdkmessage", message), ["primaryobjecttypecode"] = table });
        return message;
    }

    /// <summary>The plug-in assembly and types the solution import creates: those of PluginAssemblies/*.data.xml, with their ids.</summary>
    public void ImportPluginTypes(params string[] except)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Solution, "PluginAssemblies"), "*.data.xml", SearchOption.AllDirectories))
        {
            var root = XDocument.Load(file).Root!;
            var assembly = Org.Raw.Create(new Entity("pluginassembly", Guid.Parse((string)root.Attribute("PluginAssemblyId")!)) { ["name"] = ((string)root.Attribute("FullName")!).Split(',')[0] });
            foreach (var type in root.Element("PluginTypes")!.Elements("PluginType"))
            {
                var name = (string)type.Attribute("Name")!;
                if (!except.Contains(name))
                {
                    Org.Raw.Create(new Entity("plugintype", Guid.Parse((string)type.Attribute("PluginTypeId")!))
                    {
                        ["name"] = name,
                        ["typename"] = name,
                        ["pluginassemblyid"] = new EntityReference("pluginassembly", assembly),
                    });
                }
            }
        }
    }

    public Guid MessageId(string name) => Org.Raw.RetrieveMultiple(new QueryExpression("sdkmessage") { Criteria = { Conditions = { new ConditionExpression("name", ConditionOperator.Equal, name) } } }).Entities.Single().Id;

    public Guid FilterId(Guid message, string table) =>
        Org.Raw.RetrieveMultiple(new QueryExpression("sdkmessagefilter")
        {
            Criteria = { Conditions = { new ConditionExpression("sdkmessageid", ConditionOperator.Equal, message), new ConditionExpression("primaryobjecttypecode", ConditionOperator.Equal, table) } },
        }).Entities.Single().Id;

    /// <summary>A change the admin makes in the maker portal or the Plug-in Registration Tool (as themselves, not through the command).</summary>
    public void AdminEdits(Entity changes) => Org.ServiceAs(SpmOrganization.Admin).Update(changes);

    public Entity? Step(Guid id) => Org.Store.Snapshot("sdkmessageprocessingstep", id, null);

    public IReadOnlyList<Entity> Steps() => Org.Raw.RetrieveMultiple(new QueryExpression("sdkmessageprocessingstep") { ColumnSet = new ColumnSet(true) }).Entities.ToList();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
