using System.Text.Json.Nodes;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Registration;

namespace Spm.Solution.Tests.WebApi;

/// <summary>register-steps and unregister-steps as the System Administrator, against the sandbox Web API host over the plug-in tests' organization.</summary>
[TestClass]
public sealed class RegisterStepsTests
{
    /// <summary>The post-import steps as the pipeline simulator reads and runs them in the plug-in tests.</summary>
    private static readonly IReadOnlyList<StepRegistration> Simulated =
        new StepRegistrationReader().ReadFolder(Path.Combine(Repo.Solution, StepRegistrationReader.PostImportStepsFolderName));

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Win_and_Lose_are_found_by_name_and_the_four_steps_are_created_once_as_the_simulator_runs_them()
    {
        await using var api = await StepsOrganization.StartWithSales();

        var run = await StepsCommand.Register(api);
        TestContext.WriteLine(run.ToString());

        Assert.AreEqual(0, run.Exit, run.ToString());
        Assert.HasCount(4, Simulated);
        Assert.HasCount(4, api.Writes.Where(w => w.Method == "POST"));
        foreach (var step in Simulated)
        {
            var row = api.Step(step.Id);
            Assert.IsNotNull(row, step.Name);
            var message = api.MessageId(step.MessageName);
            Assert.AreEqual(message, row.GetAttributeValue<EntityReference>("sdkmessageid").Id, step.Name);
            Assert.AreEqual(api.FilterId(message, "opportunity"), row.GetAttributeValue<EntityReference>("sdkmessagefilterid").Id, step.Name);
            Assert.AreEqual(step.PluginTypeId, row.GetAttributeValue<EntityReference>("eventhandler").Id, step.Name);
            Assert.AreEqual(step.PluginTypeId, row.GetAttributeValue<EntityReference>("plugintypeid").Id, step.Name);
            Assert.AreEqual((int)step.Stage, row.GetAttributeValue<OptionSetValue>("stage").Value, step.Name);
            Assert.AreEqual((int)step.Mode, row.GetAttributeValue<OptionSetValue>("mode").Value, step.Name);
            Assert.AreEqual(step.Rank, row.GetAttributeValue<int>("rank"), step.Name);
            Assert.AreEqual(step.Name, row.GetAttributeValue<string>("name"));
            Assert.AreEqual(step.AsyncAutoDelete, row.GetAttributeValue<bool>("asyncautodelete"), step.Name);
        }

        Assert.Contains("Win of opportunity (sync): created", run.Output);
        Assert.Contains("Lose of opportunity (async): created", run.Output);
    }

    [TestMethod]
    public async Task A_second_run_writes_nothing_and_says_so()
    {
        await using var api = await StepsOrganization.StartWithSales();
        await StepsCommand.Register(api);
        var before = api.Requests.Count;

        var run = await StepsCommand.Register(api);

        Assert.AreEqual(0, run.Exit, run.ToString());
        Assert.IsEmpty(api.Requests.Skip(before).Where(r => r.Method != "GET"), run.ToString());
        Assert.AreEqual(4, run.Output.Split('\n').Count(line => line.EndsWith(": unchanged", StringComparison.Ordinal)), run.Output);
        Assert.Contains("Nothing to change: all 4 steps are registered as defined.", run.Output);
    }

    [TestMethod]
    public async Task A_step_an_admin_made_asynchronous_is_put_back_with_one_patch_of_its_mode_only()
    {
        await using var api = await StepsOrganization.StartWithSales();
        await StepsCommand.Register(api);
        var win = Simulated.Single(s => s.MessageName == MessageNames.Win && s.Mode == StepMode.Synchronous);
        api.AdminEdits(new Entity("sdkmessageprocessingstep", win.Id) { ["mode"] = new OptionSetValue(1) });
        var before = api.Requests.Count;

        var run = await StepsCommand.Register(api);

        var patch = api.Requests.Skip(before).Single(r => r.Method != "GET");
        Assert.AreEqual("PATCH", patch.Method);
        Assert.EndsWith($"/sdkmessageprocessingsteps({win.Id:D})", patch.PathAndQuery);
        Assert.IsTrue(JsonNode.DeepEquals(new JsonObject { ["mode"] = 0 }, JsonNode.Parse(patch.Body)), patch.Body);
        Assert.AreEqual(0, api.Step(win.Id)!.GetAttributeValue<OptionSetValue>("mode").Value);
        Assert.Contains("Win of opportunity (sync): updated (mode)", run.Output);
    }

    [TestMethod]
    public async Task A_disabled_step_is_enabled_again()
    {
        await using var api = await StepsOrganization.StartWithSales();
        await StepsCommand.Register(api);
        var lose = Simulated.Single(s => s.MessageName == MessageNames.Lose && s.Mode == StepMode.Asynchronous);
        api.AdminEdits(new Entity("sdkmessageprocessingstep", lose.Id) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });

        var run = await StepsCommand.Register(api);

        Assert.Contains("Lose of opportunity (async): updated (statecode)", run.Output);
        Assert.AreEqual(0, api.Step(lose.Id)!.GetAttributeValue<OptionSetValue>("statecode").Value);
    }

    [TestMethod]
    public async Task A_missing_message_is_named_and_nothing_is_written()
    {
        await using var api = await StepsOrganization.Start();
        api.AddMessageWithFilter("Win", "opportunity");
        api.ImportPluginTypes();

        await RefusedNamingIt(api, "the organization has no sdkmessage named 'Lose'");
    }

    [TestMethod]
    public async Task A_message_with_no_filter_on_opportunity_is_named_and_nothing_is_written()
    {
        await using var api = await StepsOrganization.Start();
        api.AddMessageWithFilter("Win", "opportunity");
        api.AddMessageWithFilter("Lose", "quote");
        api.ImportPluginTypes();

        await RefusedNamingIt(api, "message 'Lose' has no sdkmessagefilter for table 'opportunity'");
    }

    [TestMethod]
    public async Task A_plugin_type_the_org_lacks_says_to_import_the_solution_and_nothing_is_written()
    {
        await using var api = await StepsOrganization.Start();
        api.AddMessageWithFilter("Win", "opportunity");
        api.AddMessageWithFilter("Lose", "opportunity");
        api.ImportPluginTypes(except: "Spm.Plugins.Steps.OpportunityRollUpPlugin");

        await RefusedNamingIt(api, "plug-in type Spm.Plugins.Steps.OpportunityRollUpPlugin (c47d240a-4acf-5ebf-8bc7-3af6fa61f293) is not in the organization: import the SpmAddin solution first");
    }

    [TestMethod]
    public async Task A_throttled_call_is_sent_again_after_the_wait_its_Retry_After_asks_for()
    {
        await using var api = await StepsOrganization.StartWithSales();
        api.Traffic.ThrottleNext(retryAfterSeconds: 1);

        var run = await StepsCommand.Register(api);

        Assert.AreEqual(0, run.Exit, run.ToString());
        var first = api.Requests[0];
        var again = api.Requests[1];
        Assert.AreEqual(first.PathAndQuery, again.PathAndQuery);
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950), again.At - first.At);
        Assert.Contains("429 from Dataverse, retrying in 1 s", run.Output);
        Assert.HasCount(4, api.Steps());
    }

    [TestMethod]
    public async Task A_token_of_a_user_the_org_has_since_disabled_is_reported_with_the_platform_message()
    {
        await using var api = await StepsOrganization.StartWithSales();
        var token = api.Token();
        api.Org.Raw.Update(new Entity("systemuser", Spm.Plugins.Tests.SpmOrganization.Admin) { ["isdisabled"] = true });

        var run = await StepsCommand.Register(api, "--token", token);

        Assert.AreEqual(1, run.Exit);
        Assert.Contains("401 Unauthorized: The user is not a member of the organization.", run.Error);
        Assert.IsEmpty(api.Writes);
        Assert.IsEmpty(api.Steps());
    }

    [TestMethod]
    public async Task A_rep_without_rights_on_the_registration_tables_is_refused_and_nothing_is_written()
    {
        await using var api = await StepsOrganization.StartWithSales();

        var run = await StepsCommand.Register(api, "--token", api.Token(StepsOrganization.Rep));

        Assert.AreEqual(1, run.Exit, run.ToString());
        Assert.Contains("GET sdkmessages?$select=sdkmessageid&$filter=name eq 'Win': 403 Forbidden: ", run.Error);
        Assert.Contains("prvReadsdkmessage", run.Error);
        Assert.IsEmpty(api.Writes);
        Assert.IsEmpty(api.Steps());
    }

    [TestMethod]
    public async Task A_plain_http_url_to_another_machine_is_refused_before_any_call()
    {
        await using var api = await StepsOrganization.StartWithSales();

        var run = await StepsCommand.Register(api, "--url", "http://contoso.crm.dynamics.com");

        Assert.AreEqual(1, run.Exit);
        Assert.Contains("is not an organization URL: use https://<org>.crm.dynamics.com", run.Error);
        Assert.IsEmpty(api.Requests);
    }

    [TestMethod]
    public async Task Unregister_removes_the_four_steps_and_a_second_run_finds_none()
    {
        await using var api = await StepsOrganization.StartWithSales();
        await StepsCommand.Register(api);

        var first = await StepsCommand.Unregister(api);
        var second = await StepsCommand.Unregister(api);

        Assert.AreEqual(0, first.Exit, first.ToString());
        Assert.IsEmpty(api.Steps());
        Assert.Contains("4 of 4 steps removed.", first.Output);
        Assert.Contains("Win of opportunity (sync): not registered", second.Output);
        Assert.Contains("0 of 4 steps removed.", second.Output);
    }

    /// <summary>A run that stops at what the org lacks: exit 1, the problem named, no step written.</summary>
    private static async Task RefusedNamingIt(StepsOrganization api, string problem)
    {
        var run = await StepsCommand.Register(api);

        Assert.AreEqual(1, run.Exit, run.ToString());
        Assert.Contains(problem, run.Error);
        Assert.Contains("Nothing was registered", run.Error);
        Assert.IsEmpty(api.Writes);
        Assert.IsEmpty(api.Steps());
    }
}
