using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;

namespace Spm.Solution.Tests.WebApi;

/// <summary>
/// A stand-in for an organization's Web API on 127.0.0.1 (a free port), over an in-memory organization holding the
/// registration tables. It serves exactly the requests register-steps makes, answers in the Web API's shapes (value arrays,
/// OData error bodies, 204 with OData-EntityId) and refuses anything else with a 400, so a changed query shows up in a test.
/// </summary>
internal sealed partial class LocalWebApi : IAsyncDisposable
{
    public const string Token = "local-test-token";

    private const string Root = "/api/data/v9.2/";
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<WebApiRequest> _requests = [];
    private int _throttledSeconds = -1;

    private LocalWebApi(WebApplication app)
    {
        _app = app;
        Store = new InMemoryOrganization(RegistrationTables.Add(new DataverseMetadata()));
        Data = Store.CreateService(Guid.NewGuid());
    }

    public InMemoryOrganization Store { get; }

    /// <summary>The organization's rows, for seeding and asserting (no Web API in between).</summary>
    public IOrganizationService Data { get; }

    /// <summary>The organization URL to pass as --url.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every request served, in order.</summary>
    public IReadOnlyList<WebApiRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>The POST, PATCH and DELETE requests: what a run changed.</summary>
    public IReadOnlyList<WebApiRequest> Writes => Requests.Where(r => r.Method != "GET").ToList();

    public static async Task<LocalWebApi> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var api = new LocalWebApi(builder.Build());
        api._app.Run(api.Serve);
        await api._app.StartAsync();
        api.Url = new Uri(api._app.Urls.Single());
        return api;
    }

    /// <summary>An organization with Sales: Win and Lose (random ids, as they differ per organization) with their opportunity filters, and the imported plug-in types.</summary>
    public static async Task<LocalWebApi> StartWithSales()
    {
        var api = await Start();
        api.AddMessageWithFilter("Win", "opportunity");
        api.AddMessageWithFilter("Lose", "opportunity");
        api.ImportPluginTypes();
        return api;
    }

    public Guid AddMessage(string name) => Data.Create(new Entity("sdkmessage", Guid.NewGuid()) { ["name"] = name });

    public Guid AddFilter(Guid message, string table) =>
        Data.Create(new Entity("sdkmessagefilter", Guid.NewGuid()) { ["sdkmessageid"] = new EntityReference("sdkmessage", message), ["primaryobjecttypecode"] = table });

    public Guid AddMessageWithFilter(string name, string table)
    {
        var message = AddMessage(name);
        AddFilter(message, table);
        return message;
    }

    /// <summary>The plug-in types the solution import creates: those of PluginAssemblies/*.data.xml, with their ids.</summary>
    public void ImportPluginTypes(params string[] except)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Solution, "PluginAssemblies"), "*.data.xml", SearchOption.AllDirectories))
        {
            foreach (var type in XDocument.Load(file).Root!.Element("PluginTypes")!.Elements("PluginType"))
            {
                var name = (string)type.Attribute("Name")!;
                if (!except.Contains(name))
                {
                    Data.Create(new Entity("plugintype", Guid.Parse((string)type.Attribute("PluginTypeId")!)) { ["name"] = name, ["typename"] = name });
                }
            }
        }
    }

    public Guid MessageId(string name) => Data.RetrieveMultiple(new QueryExpression("sdkmessage") { Criteria = { Conditions = { new ConditionExpression("name", ConditionOperator.Equal, name) } } }).Entities.Single().Id;

    /// <summary>The next request is answered 429 with Retry-After, as Dataverse's service protection limits do.</summary>
    public void ThrottleNext(int retryAfterSeconds)
    {
        lock (_gate)
        {
            _throttledSeconds = retryAfterSeconds;
        }
    }

    public Entity? Step(Guid id) => Store.Snapshot("sdkmessageprocessingstep", id, null);

    public IReadOnlyList<Entity> Steps() => Data.RetrieveMultiple(new QueryExpression("sdkmessageprocessingstep") { ColumnSet = new ColumnSet(true) }).Entities.ToList();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task Serve(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        int throttle;
        lock (_gate)
        {
            _requests.Add(new WebApiRequest(request.Method, request.Path + request.QueryString.Value, body, DateTimeOffset.UtcNow));
            throttle = _throttledSeconds;
            _throttledSeconds = -1;
        }

        var answer = request.Headers.Authorization.ToString() != "Bearer " + Token
            ? Error(HttpStatusCode.Unauthorized, "0x80072560", "The user is not a member of the organization.")
            : throttle >= 0
                ? Error(HttpStatusCode.TooManyRequests, "0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds.", ("Retry-After", throttle.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                : Answer(request, body);
        context.Response.StatusCode = (int)answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.Headers["OData-Version"] = "4.0";
        if (answer.Body != null)
        {
            context.Response.ContentType = "application/json; odata.metadata=minimal";
            await context.Response.WriteAsync(answer.Body.ToJsonString());
        }
    }

    private Reply Answer(HttpRequest request, string body)
    {
        var path = request.Path.Value ?? string.Empty;
        if (!path.StartsWith(Root, StringComparison.Ordinal))
        {
            return Unsupported(request);
        }

        var match = RecordPath().Match(path[Root.Length..]);
        if (!match.Success || !RegistrationTables.ByEntitySet.TryGetValue(match.Groups["set"].Value, out var table))
        {
            return Unsupported(request);
        }

        var set = match.Groups["set"].Value;
        Guid? id = match.Groups["id"].Success ? Guid.Parse(match.Groups["id"].Value) : null;
        var select = request.Query["$select"].ToString();
        return (request.Method, id) switch
        {
            ("GET", null) => Query(request, table, select),
            ("GET", { } key) => Store.Snapshot(table, key, null) is { } row ? new Reply(HttpStatusCode.OK, ToJson(row, select)) : NotFound(table, key),
            ("POST", null) when set == "sdkmessageprocessingsteps" => CreateStep(request, body),
            ("PATCH", { } key) when set == "sdkmessageprocessingsteps" => UpdateStep(request, key, body),
            ("DELETE", { } key) when set == "sdkmessageprocessingsteps" => DeleteStep(key),
            _ => Unsupported(request),
        };
    }

    private Reply Query(HttpRequest request, string table, string select)
    {
        var filter = request.Query["$filter"].ToString();
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(true) };
        if (table == "sdkmessage" && NameFilter().Match(filter) is { Success: true } byName)
        {
            query.Criteria.AddCondition("name", ConditionOperator.Equal, byName.Groups["name"].Value.Replace("''", "'", StringComparison.Ordinal));
        }
        else if (table == "sdkmessagefilter" && MessageFilter().Match(filter) is { Success: true } byMessage)
        {
            query.Criteria.AddCondition("sdkmessageid", ConditionOperator.Equal, Guid.Parse(byMessage.Groups["message"].Value));
            query.Criteria.AddCondition("primaryobjecttypecode", ConditionOperator.Equal, byMessage.Groups["table"].Value);
        }
        else
        {
            return Unsupported(request);
        }

        var rows = new JsonArray(Data.RetrieveMultiple(query).Entities.Select(e => (JsonNode)ToJson(e, select)).ToArray());
        return new Reply(HttpStatusCode.OK, new JsonObject { ["@odata.context"] = $"{Url}api/data/v9.2/$metadata#{table}s({select})", ["value"] = rows });
    }

    private Reply CreateStep(HttpRequest request, string body)
    {
        if (ToEntity(body, out var problem) is not { } row)
        {
            return problem!;
        }

        if (row.Id == Guid.Empty)
        {
            return Unsupported(request);
        }

        if (Store.Snapshot(row.LogicalName, row.Id, null) != null)
        {
            return Error(HttpStatusCode.PreconditionFailed, "0x80040237", "A record with matching key values already exists.");
        }

        Data.Create(row);
        return new Reply(HttpStatusCode.NoContent, null, [("OData-EntityId", $"{Url}api/data/v9.2/sdkmessageprocessingsteps({row.Id:D})")]);
    }

    private Reply UpdateStep(HttpRequest request, Guid id, string body)
    {
        if (request.Headers.IfMatch.ToString() != "*")
        {
            // Without If-Match a PATCH is an upsert in Dataverse: the command must not create through it.
            return Unsupported(request);
        }

        if (Store.Snapshot("sdkmessageprocessingstep", id, null) == null)
        {
            return NotFound("sdkmessageprocessingstep", id);
        }

        if (ToEntity(body, out var problem) is not { } changes)
        {
            return problem!;
        }

        changes.Id = id;
        Data.Update(changes);
        return new Reply(HttpStatusCode.NoContent, null);
    }

    private Reply DeleteStep(Guid id)
    {
        if (Store.Snapshot("sdkmessageprocessingstep", id, null) == null)
        {
            return NotFound("sdkmessageprocessingstep", id);
        }

        Data.Delete("sdkmessageprocessingstep", id);
        return new Reply(HttpStatusCode.NoContent, null);
    }

    /// <summary>A step from a POST or PATCH body: its columns by type, @odata.bind lookups to rows that must exist.</summary>
    private Entity? ToEntity(string body, out Reply? problem)
    {
        problem = null;
        var table = Store.Metadata.GetTable("sdkmessageprocessingstep");
        var row = new Entity(table.LogicalName);
        foreach (var (property, value) in JsonNode.Parse(body)!.AsObject())
        {
            if (property.EndsWith("@odata.bind", StringComparison.Ordinal))
            {
                var navigation = property[..^"@odata.bind".Length];
                var target = BindPath().Match(value!.GetValue<string>());
                if (!RegistrationTables.StepNavigation.TryGetValue(navigation, out var lookup) || !target.Success || target.Groups["set"].Value != lookup.TargetSet)
                {
                    problem = Error(HttpStatusCode.BadRequest, "0x80060888", $"An undeclared property '{navigation}' which only has property annotations in the payload but no property value was found in the payload.");
                    return null;
                }

                var targetTable = RegistrationTables.ByEntitySet[lookup.TargetSet];
                var targetId = Guid.Parse(target.Groups["id"].Value);
                if (Store.Snapshot(targetTable, targetId, null) == null)
                {
                    problem = NotFound(targetTable, targetId);
                    return null;
                }

                row[lookup.Column] = new EntityReference(targetTable, targetId);
            }
            else if (property == table.PrimaryIdAttribute)
            {
                row.Id = Guid.Parse(value!.GetValue<string>());
            }
            else if (table.FindColumn(property) is { } column)
            {
                row[property] = value == null ? null : column.Type switch
                {
                    ColumnType.Picklist or ColumnType.State or ColumnType.Status => new OptionSetValue(value.GetValue<int>()),
                    ColumnType.Integer => value.GetValue<int>(),
                    ColumnType.Boolean => value.GetValue<bool>(),
                    _ => value.GetValue<string>(),
                };
            }
            else
            {
                problem = Error(HttpStatusCode.BadRequest, "0x80060888", $"The property '{property}' does not exist on type 'Microsoft.Dynamics.CRM.sdkmessageprocessingstep'. Make sure to only use property names that are defined by the type.");
                return null;
            }
        }

        return row;
    }

    /// <summary>A row as the Web API returns it: the selected columns, lookups as _name_value, choices as numbers.</summary>
    private static JsonObject ToJson(Entity row, string select)
    {
        var json = new JsonObject { ["@odata.etag"] = "W/\"1\"" };
        foreach (var column in select.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var attribute = column.StartsWith('_') && column.EndsWith("_value", StringComparison.Ordinal) ? column[1..^"_value".Length] : column;
            json[column] = (row.Contains(attribute) ? row[attribute] : attribute == row.LogicalName + "id" ? row.Id : null) switch
            {
                null => null,
                EntityReference reference => reference.Id.ToString("D"),
                OptionSetValue option => option.Value,
                Guid guid => guid.ToString("D"),
                bool flag => flag,
                int number => number,
                var other => other.ToString(),
            };
        }

        return json;
    }

    private static Reply NotFound(string table, Guid id) => Error(HttpStatusCode.NotFound, "0x80040217", $"{table} With Id = {id:D} Does Not Exist");

    private static Reply Unsupported(HttpRequest request) =>
        Error(HttpStatusCode.BadRequest, "0x80060888", $"The local test endpoint does not serve {request.Method} {request.Path}{request.QueryString} (If-Match: '{request.Headers.IfMatch}').");

    private static Reply Error(HttpStatusCode status, string code, string message, params (string, string)[] headers) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, headers);

    [GeneratedRegex(@"^(?<set>[a-z]+)(\((?<id>[0-9a-fA-F-]{36})\))?$")]
    private static partial Regex RecordPath();

    [GeneratedRegex(@"^name eq '(?<name>(?:[^']|'')*)'$")]
    private static partial Regex NameFilter();

    [GeneratedRegex(@"^_sdkmessageid_value eq (?<message>[0-9a-fA-F-]{36}) and primaryobjecttypecode eq '(?<table>[a-z_]+)'$")]
    private static partial Regex MessageFilter();

    [GeneratedRegex(@"^/(?<set>[a-z]+)\((?<id>[0-9a-fA-F-]{36})\)$")]
    private static partial Regex BindPath();

    private sealed record Reply(HttpStatusCode Status, JsonObject? Body, params (string Name, string Value)[] Headers);
}

/// <summary>One request the local Web API served.</summary>
internal sealed record WebApiRequest(string Method, string PathAndQuery, string Body, DateTimeOffset At);
