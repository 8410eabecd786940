using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse;
using Spm.Dataverse.Persistence;
using Spm.Domain.Credits;
using Spm.SeedOrg;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Sandbox.Tests;

[TestClass]
public sealed class SuiteHostTests
{
    private const string Aisha = "aisha.thompson@northwindcloud.example";

    public TestContext TestContext { get; set; } = null!;

    private string NewDataFile() => Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"suite-{Guid.NewGuid():N}.db");

    private static SandboxArguments Arguments(string? data = null, int port = 0) => new(SandboxCommand.Host, port, data, null, null);

    [TestMethod]
    public async Task The_host_serves_the_seeded_org_and_a_rep_signs_in_and_reads_their_attainment_as_the_banner_shows()
    {
        var progress = new List<string>();
        await using SuiteHost suite = await SuiteHost.StartAsync(Arguments(), progress.Add, cancellationToken: TestContext.CancellationToken);
        var banner = new StringWriter();
        StartBanner.Write(banner, suite, SignInList.Read(suite.Org));
        using var http = new HttpClient();

        string token = await TokenAsync(http, suite, Aisha, TestContext.CancellationToken);
        JsonElement statements = await GetAsync(http, token, StartBanner.StatementsUrl(suite.Web.ApiUrl), TestContext.CancellationToken);

        JsonElement q1 = statements.GetProperty("value").EnumerateArray().Single();
        Assert.AreEqual("Aisha Thompson – FY2026-Q1", q1.GetProperty("spm_name").GetString());
        Assert.AreEqual(112.53m, q1.GetProperty("spm_attainmentpercent").GetDecimal());
        Assert.AreEqual(14758.00m, q1.GetProperty("spm_totalpayable").GetDecimal());
        Assert.Contains("Seeding Northwind Cloud Inc.", progress[0]);
        Assert.Contains(StartBanner.ApiLinePrefix + suite.Web.ApiUrl, banner.ToString());
        Assert.Contains("  Aisha Thompson   SPM Rep      aisha.thompson@northwindcloud.example", banner.ToString());
        Assert.Contains("  Sam Rivera       SPM Admin    sam.rivera@northwindcloud.example", banner.ToString());
        Assert.Contains($"curl -s -X POST {suite.Web.TokenUrl} -d username={Aisha}", banner.ToString());
    }

    [TestMethod]
    public async Task A_rep_reads_no_statement_of_another_rep()
    {
        await using SuiteHost suite = await SuiteHost.StartAsync(Arguments(), _ => { }, cancellationToken: TestContext.CancellationToken);
        using var http = new HttpClient();
        string token = await TokenAsync(http, suite, Aisha, TestContext.CancellationToken);

        JsonElement olivias = await GetAsync(http, token, $"{suite.Web.ApiUrl}spm_statements?$select=spm_name&$filter=_spm_participantid_value%20eq%20{DemoIds.User("olivia"):D}", TestContext.CancellationToken);
        JsonElement all = await GetAsync(http, token, $"{suite.Web.ApiUrl}spm_statements?$select=spm_name", TestContext.CancellationToken);

        Assert.AreEqual(0, olivias.GetProperty("value").GetArrayLength());
        Assert.IsTrue(all.GetProperty("value").EnumerateArray().All(s => s.GetProperty("spm_name").GetString()!.StartsWith("Aisha Thompson", StringComparison.Ordinal)));
        Assert.AreEqual(4, all.GetProperty("value").GetArrayLength());
    }

    [TestMethod]
    public async Task With_a_data_file_the_first_start_seeds_into_it_and_the_next_loads_every_committed_change_instead_of_seeding()
    {
        string data = NewDataFile();
        string before;
        Guid deal = DemoIds.Opportunity(SeededDemo.Demo.Opportunities.First(d => d.OwnerId == "olivia" && d.Status == DealStatus.Open).Id);
        await using (SuiteHost first = await SuiteHost.StartAsync(Arguments(data), _ => { }, cancellationToken: TestContext.CancellationToken))
        {
            Win(first.Org, deal, 42_000m);
            await first.Web.WaitForAsyncStepsAsync().WaitAsync(TestContext.CancellationToken);
            before = SeededDemo.Rows(first.Org);
        }

        var progress = new List<string>();
        await using SuiteHost second = await SuiteHost.StartAsync(Arguments(data), progress.Add, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual($"Loading the organization from {data} ({second.File!.RowCount:N0} rows; not seeding)…", progress.Single());
        Assert.AreEqual(before, SeededDemo.Rows(second.Org));
        Assert.AreEqual(S.Opportunity.StateWon, second.Org.Platform.Retrieve(S.Opportunity.Table, deal, new ColumnSet(S.Opportunity.State)).GetAttributeValue<OptionSetValue>(S.Opportunity.State).Value);
        Assert.Contains("loaded from " + data, second.Origin);
        DateTime won = second.Org.Platform.Retrieve(S.Opportunity.Table, deal, new ColumnSet("modifiedon")).GetAttributeValue<DateTime>("modifiedon");
        Assert.IsGreaterThanOrEqualTo(won, second.Org.Clock.UtcNow, "the clock goes on from the last change, never back");
        Assert.IsGreaterThan(new DateTime(2026, 3, 20, 10, 0, 0, DateTimeKind.Utc), won, "the win was made while the first host ran, after the demo's today began");
    }

    [TestMethod]
    public async Task A_save_a_plug_in_refuses_leaves_the_data_file_as_it_was()
    {
        string data = NewDataFile();
        string before;
        await using (SuiteHost first = await SuiteHost.StartAsync(Arguments(data), _ => { }, cancellationToken: TestContext.CancellationToken))
        {
            before = SeededDemo.Rows(first.Org);
            var overlapping = new Entity(S.PlanTier.Table)
            {
                [S.PlanTier.Component] = new EntityReference(S.PlanComponent.Table, DemoIds.Component("fy26-ae", "ae-commission")),
                [S.PlanTier.Name] = "Overlap",
                [S.PlanTier.FromPercent] = 40m,
                [S.PlanTier.ToPercent] = 60m,
                [S.PlanTier.Rate] = 4m,
            };

            var refusal = Assert.ThrowsExactly<DataverseFaultException>(() => first.Org.ServiceAs(DemoPeople.Admin.Id).Create(overlapping));
            Assert.Contains("FY26 AE Plan", refusal.Message);
        }

        await using SuiteHost second = await SuiteHost.StartAsync(Arguments(data), _ => { }, cancellationToken: TestContext.CancellationToken);
        Assert.AreEqual(before, SeededDemo.Rows(second.Org));
    }

    [TestMethod]
    public async Task With_a_bot_url_a_new_shout_out_is_posted_to_the_bot_and_the_seeded_quarter_is_not()
    {
        using var bot = new HttpListener();
        int port = FreePort();
        bot.Prefixes.Add($"http://127.0.0.1:{port}/");
        bot.Start();
        var posts = new List<string>();
        Task receiving = Task.Run(async () =>
        {
            while (bot.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await bot.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using (var reader = new StreamReader(context.Request.InputStream))
                {
                    string body = await reader.ReadToEndAsync(TestContext.CancellationToken);
                    lock (posts)
                    {
                        posts.Add(context.Request.Url!.AbsolutePath + " " + body);
                    }
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }, TestContext.CancellationToken);

        var arguments = new SandboxArguments(SandboxCommand.Host, 0, null, new Uri($"http://127.0.0.1:{port}/api/dataverse/events"), null);
        await using (SuiteHost suite = await SuiteHost.StartAsync(arguments, _ => { }, cancellationToken: TestContext.CancellationToken))
        {
            Assert.IsEmpty(posts, "the seeded quarter's shout-outs are history, not news");
            suite.Org.ServiceAs(DemoIds.User("vp-amer")).Create(new Entity(S.Recognition.Table)
            {
                [S.Recognition.Name] = "Olivia Carter passed 150% of her Q1 quota",
                [S.Recognition.Participant] = new EntityReference(S.SystemUser.Table, DemoIds.User("olivia")),
                [S.Recognition.Kind] = new OptionSetValue(S.Recognition.KindBase + 1),
            });
            await suite.Web.WaitForAsyncStepsAsync().WaitAsync(TestContext.CancellationToken);
        }

        bot.Stop();
        await receiving;
        Assert.HasCount(1, posts);
        Assert.StartsWith("/api/dataverse/events {", posts[0]);
        Assert.Contains("Olivia Carter passed 150% of her Q1 quota", posts[0]);
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    [TestMethod]
    public async Task A_port_in_use_is_refused_before_seeding_with_what_to_do()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            int port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var progress = new List<string>();

            var error = await Assert.ThrowsExactlyAsync<SandboxStartException>(() => SuiteHost.StartAsync(Arguments(port: port), progress.Add, cancellationToken: TestContext.CancellationToken));

            Assert.AreEqual($"Port {port} on 127.0.0.1 is in use (another sandbox host?). Stop it, or pass --port <n> (0 = any free port).", error.Message);
            Assert.IsEmpty(progress);
        }
        finally
        {
            taken.Stop();
        }
    }

    [TestMethod]
    public async Task A_data_file_that_is_not_a_database_stops_the_start_naming_the_file()
    {
        string data = NewDataFile();
        await File.WriteAllTextAsync(data, "rep;quarter;payable\nAisha Thompson;FY2026-Q1;14758.00\n".PadRight(2048, ' '), TestContext.CancellationToken);

        var error = await Assert.ThrowsExactlyAsync<OrganizationFileException>(() => SuiteHost.StartAsync(Arguments(data), _ => { }, cancellationToken: TestContext.CancellationToken));

        Assert.AreEqual($"The data file '{data}' is not a SQLite database (damaged, or another kind of file); move it away or choose another file.", error.Message);
    }

    private static void Win(SandboxOrganization org, Guid opportunity, decimal revenue)
    {
        var close = new Entity("opportunityclose")
        {
            ["opportunityid"] = new EntityReference(S.Opportunity.Table, opportunity),
            ["actualrevenue"] = new Money(revenue),
            ["actualend"] = DemoOrg.AsOf,
            ["subject"] = "Won at the end of the quarter",
        };
        org.ServiceAs(DemoPeople.Admin.Id).Execute(new Microsoft.Crm.Sdk.Messages.WinOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(3) });
    }

    private static async Task<string> TokenAsync(HttpClient http, SuiteHost suite, string domainName, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.PostAsync(suite.Web.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = domainName }), cancellationToken);
        response.EnsureSuccessStatusCode();
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string token, string url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
