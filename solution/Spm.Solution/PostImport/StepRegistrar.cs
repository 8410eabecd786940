using System.Text.Json.Nodes;

namespace Spm.Solution.PostImport;

/// <summary>
/// Registers the post-import steps in an organization: finds each message by name, its filter on the step's table and
/// the plug-in type the imported assembly carries, then creates the step with its fixed id or puts back only the columns
/// that differ. Everything is looked up before anything is written, so a missing message, filter or type writes nothing;
/// a second run finds every step as defined and writes nothing either.
/// </summary>
public sealed class StepRegistrar(DataverseWebApi api, TextWriter output, TextWriter error)
{
    /// <summary>Exit code: 0 when every step is registered as defined, 1 when something is missing or a call failed.</summary>
    public async Task<int> Register(IReadOnlyList<PostImportStep> steps, CancellationToken cancel)
    {
        var problems = new List<string>();
        var plan = new List<(StepRow Row, JsonObject? Existing)>();
        try
        {
            var messages = new Dictionary<string, Guid?>(StringComparer.Ordinal);
            foreach (var step in steps)
            {
                if (!messages.TryGetValue(step.MessageName, out var messageId))
                {
                    messageId = messages[step.MessageName] = await FindMessage(step, problems, cancel);
                }

                var filterId = messageId is { } message ? await FindFilter(step, message, problems, cancel) : null;
                var typeFound = await FindPluginType(step, problems, cancel);
                if (filterId is { } filter && typeFound)
                {
                    var row = new StepRow(step, messageId!.Value, filter);
                    plan.Add((row, await api.Retrieve(StepRow.EntitySet, step.Id, StepRow.Select, cancel)));
                }
            }
        }
        catch (WebApiException failure)
        {
            return Fail($"{failure.Message}{Environment.NewLine}Nothing was registered.");
        }

        if (problems.Count > 0)
        {
            return Fail(string.Join(Environment.NewLine, problems.Select(p => "error: " + p)) + Environment.NewLine + "Nothing was registered: fix the above and run register-steps again.");
        }

        var outcomes = new List<Outcome>();
        foreach (var (row, existing) in plan)
        {
            try
            {
                outcomes.Add(await Apply(row, existing, cancel));
            }
            catch (WebApiException failure)
            {
                return Fail($"{row.Step.Label}: {failure.Message}{Environment.NewLine}Steps registered before it stay; run register-steps again once it is fixed.");
            }
        }

        await output.WriteLineAsync(outcomes.All(o => o == Outcome.Unchanged)
            ? $"Nothing to change: all {plan.Count} steps are registered as defined."
            : $"{outcomes.Count(o => o == Outcome.Created)} created, {outcomes.Count(o => o == Outcome.Updated)} updated, {outcomes.Count(o => o == Outcome.Unchanged)} unchanged.");
        return 0;
    }

    /// <summary>Deletes the steps (before the solution is uninstalled: they are not part of it). Exit code 0, or 1 when a call failed.</summary>
    public async Task<int> Unregister(IReadOnlyList<PostImportStep> steps, CancellationToken cancel)
    {
        var removed = 0;
        foreach (var step in steps)
        {
            try
            {
                var deleted = await api.Delete(StepRow.EntitySet, step.Id, cancel);
                removed += deleted ? 1 : 0;
                await output.WriteLineAsync($"{step.Label}: {(deleted ? "removed" : "not registered")}");
            }
            catch (WebApiException failure)
            {
                return Fail($"{step.Label}: {failure.Message}");
            }
        }

        await output.WriteLineAsync($"{removed} of {steps.Count} steps removed.");
        return 0;
    }

    private async Task<Outcome> Apply(StepRow row, JsonObject? existing, CancellationToken cancel)
    {
        if (existing == null)
        {
            await api.Create(StepRow.EntitySet, row.ForCreate(), cancel);
            await output.WriteLineAsync($"{row.Step.Label}: created");
            return Outcome.Created;
        }

        var differences = row.Differences(existing);
        if (differences.Count == 0)
        {
            await output.WriteLineAsync($"{row.Step.Label}: unchanged");
            return Outcome.Unchanged;
        }

        await api.Update(StepRow.EntitySet, row.Step.Id, row.ForUpdate(differences), cancel);
        await output.WriteLineAsync($"{row.Step.Label}: updated ({string.Join(", ", differences)})");
        return Outcome.Updated;
    }

    private Task<Guid?> FindMessage(PostImportStep step, List<string> problems, CancellationToken cancel) =>
        FindOne("sdkmessages", "sdkmessageid", $"name eq '{Literal(step.MessageName)}'", problems,
            $"{step.Label}: the organization has no sdkmessage named '{step.MessageName}' (the {step.PrimaryEntity} messages come with Dynamics 365 Sales).",
            count => $"{step.Label}: {count} sdkmessages are named '{step.MessageName}'; expected one.", cancel);

    private Task<Guid?> FindFilter(PostImportStep step, Guid messageId, List<string> problems, CancellationToken cancel) =>
        FindOne("sdkmessagefilters", "sdkmessagefilterid", $"_sdkmessageid_value eq {messageId:D} and primaryobjecttypecode eq '{Literal(step.PrimaryEntity)}'", problems,
            $"{step.Label}: message '{step.MessageName}' has no sdkmessagefilter for table '{step.PrimaryEntity}', so no step can be registered on it there.",
            count => $"{step.Label}: message '{step.MessageName}' has {count} sdkmessagefilters for table '{step.PrimaryEntity}'; expected one.", cancel);

    /// <summary>The id of the one row <paramref name="filter"/> finds; otherwise the problem is noted and null returned.</summary>
    private async Task<Guid?> FindOne(string entitySet, string idColumn, string filter, List<string> problems, string none, Func<int, string> many, CancellationToken cancel)
    {
        var found = await api.Query(entitySet, idColumn, filter, cancel);
        if (found.Count == 1 && Guid.TryParse(found[0][idColumn]?.GetValue<string>(), out var id))
        {
            return id;
        }

        problems.Add(found.Count == 0 ? none : many(found.Count));
        return null;
    }

    private async Task<bool> FindPluginType(PostImportStep step, List<string> problems, CancellationToken cancel)
    {
        var type = await api.Retrieve("plugintypes", step.PluginTypeId, "plugintypeid,typename", cancel);
        if (type == null)
        {
            problems.Add($"{step.Label}: plug-in type {step.PluginTypeFullName} ({step.PluginTypeId:D}) is not in the organization: import the SpmAddin solution first, its plug-in assembly carries the type.");
            return false;
        }

        var typeName = type["typename"]?.GetValue<string>();
        if (!string.Equals(typeName, step.PluginTypeFullName, StringComparison.Ordinal))
        {
            problems.Add($"{step.Label}: plug-in type {step.PluginTypeId:D} is '{typeName}' in the organization, not {step.PluginTypeFullName}: import the SpmAddin version these step files belong to.");
            return false;
        }

        return true;
    }

    /// <summary>An OData string literal's content: a quote is doubled.</summary>
    private static string Literal(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    private int Fail(string message)
    {
        error.WriteLine(message);
        return 1;
    }

    private enum Outcome
    {
        Created,
        Updated,
        Unchanged,
    }
}
