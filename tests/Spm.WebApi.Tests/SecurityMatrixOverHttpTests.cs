using System.Net;
using System.Text.Json;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Security;
using Spm.Plugins.Tests;
using Spm.WebApi.Errors;
using Spm.WebApi.Tests.Fixture;
using Spm.WebApi.Tests.Writes;
using static Spm.WebApi.Tests.Fixture.Json;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.WebApi.Tests;

/// <summary>
/// The store's security over HTTP: Ava and Ben (West, under Marco) and Noah (East) as reps, Marco as their manager, Dana
/// as VP and the admin read the earnings rows of the quarter (Ava's and Ben's won deals, Ava's overlay on Ben's; Noah has
/// no plan, so no statement or credit) and the Q2 margin quota and adjustment the admin entered for each rep, by
/// collection, FetchXML, key, $expand and $batch.
/// </summary>
[TestClass]
public sealed class SecurityMatrixOverHttpTests
{
    private const string Batch = "batch_5e1d";
    private static WebApiOrganization _api = null!;

    private static readonly (string Name, Guid Id, string SignIn)[] People =
    [
        ("Ava", SpmOrganization.Ava, WebApiOrganization.Ava), ("Ben", SpmOrganization.Ben, WebApiOrganization.Ben),
        ("Noah", SpmOrganization.Noah, WebApiOrganization.Noah), ("Marco", SpmOrganization.Marco, WebApiOrganization.Marco),
        ("Dana", SpmOrganization.Dana, WebApiOrganization.Dana), ("Admin", SpmOrganization.Admin, WebApiOrganization.Admin),
    ];

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _api = await WebApiOrganization.StartAsync(api =>
        {
            api.SeedQuarter();
            api.Org.AddSplit(api.Deals["Fabrikam expansion"], SpmOrganization.Ava, 25m, overlay: true);
            IOrganizationService admin = api.Org.ServiceAs(SpmOrganization.Admin);
            foreach ((Guid rep, decimal bonus) in new[] { (SpmOrganization.Ava, 250.00m), (SpmOrganization.Ben, 400.00m), (SpmOrganization.Noah, 150.00m) })
            {
                api.Org.EnterQ2MarginQuotaAndSpiff(admin, rep, bonus);
            }

            api.Org.Pipeline.RunAsyncSteps();
        });
        _api.Org.Store.EnforceSecurity = true;
    }

    [ClassCleanup]
    public static async Task StopAsync() => await _api.DisposeAsync();

    [TestMethod]
    [DataRow("Ava", "spm_statement", "Ava")]
    [DataRow("Ben", "spm_statement", "Ben")]
    [DataRow("Noah", "spm_statement", "")]
    [DataRow("Marco", "spm_statement", "Ava,Ben,Marco")]
    [DataRow("Dana", "spm_statement", "Ava,Ben,Marco,Dana")]
    [DataRow("Admin", "spm_statement", "Ava,Ben,Marco,Dana")]
    [DataRow("Ava", "spm_credit", "Ava")]
    [DataRow("Ben", "spm_credit", "Ben")]
    [DataRow("Noah", "spm_credit", "")]
    [DataRow("Marco", "spm_credit", "Ava,Ben,Marco")]
    [DataRow("Dana", "spm_credit", "Ava,Ben,Marco,Dana")]
    [DataRow("Admin", "spm_credit", "Ava,Ben,Marco,Dana")]
    [DataRow("Ava", "spm_quota", "Ava")]
    [DataRow("Ben", "spm_quota", "Ben")]
    [DataRow("Noah", "spm_quota", "Noah")]
    [DataRow("Marco", "spm_quota", "Ava,Ben")]
    [DataRow("Dana", "spm_quota", "Ava,Ben,Noah")]
    [DataRow("Admin", "spm_quota", "Ava,Ben,Noah")]
    [DataRow("Ava", "spm_adjustment", "Ava")]
    [DataRow("Ben", "spm_adjustment", "Ben")]
    [DataRow("Noah", "spm_adjustment", "Noah")]
    [DataRow("Marco", "spm_adjustment", "Ava,Ben")]
    [DataRow("Dana", "spm_adjustment", "Ava,Ben,Noah")]
    [DataRow("Admin", "spm_adjustment", "Ava,Ben,Noah")]
    public async Task Each_user_reads_exactly_their_own_and_their_lines_rows_by_collection_fetchxml_and_key(string viewer, string table, string visible)
    {
        string user = SignIn(viewer);
        string set = table + "s";
        string filter = table == S.Quota.Table ? $"&$filter=spm_measure eq {S.Quota.MeasureBase + 1}" : string.Empty;
        string condition = table == S.Quota.Table ? $"<filter><condition attribute='spm_measure' operator='eq' value='{S.Quota.MeasureBase + 1}' /></filter>" : string.Empty;
        string fetch = Uri.EscapeDataString($"<fetch><entity name='{table}'><attribute name='spm_participantid' />{condition}</entity></fetch>");

        var (collection, rows, _) = await _api.GetAsync(user, $"{set}?$select=_spm_participantid_value{filter}");
        var (fetched, viaFetch, _) = await _api.GetAsync(user, $"{set}?fetchXml={fetch}");

        Assert.AreEqual(HttpStatusCode.OK, collection, rows.ToString());
        Assert.AreEqual(visible, Participants(rows), "collection");
        Assert.AreEqual(HttpStatusCode.OK, fetched, viaFetch.ToString());
        Assert.AreEqual(visible, Participants(viaFetch), "fetchXml");
        string[] readable = visible.Split(',');
        var all = new QueryExpression(table) { ColumnSet = new ColumnSet(S.Credit.Participant) };
        if (table == S.Quota.Table)
        {
            all.Criteria.AddCondition(S.Quota.Measure, ConditionOperator.Equal, S.Quota.MeasureBase + 1);
        }

        foreach (Entity row in _api.Org.Raw.RetrieveMultiple(all).Entities)
        {
            string owner = Name(row.GetAttributeValue<EntityReference>(S.Credit.Participant).Id);
            var (status, body, _) = await _api.GetAsync(user, $"{set}({row.Id})?$select=_spm_participantid_value");
            if (readable.Contains(owner))
            {
                Assert.AreEqual(HttpStatusCode.OK, status, $"{owner}'s row: {body}");
                Assert.AreEqual(row.Id, body.GetProperty(table + "id").GetGuid());
            }
            else
            {
                Assert.AreEqual(HttpStatusCode.Forbidden, status, $"{owner}'s row: {body}");
                Assert.AreEqual(ErrorCodes.Format(SecurityErrors.AccessDenied), Error(body).Code, $"{owner}'s row");
            }
        }
    }

    [TestMethod]
    [DataRow("Ava", "Ava Chen")]
    [DataRow("Marco", "Ava Chen,Ben Okafor,Marco Reyes")]
    public async Task A_credits_expanded_participant_is_one_the_viewer_may_read_credits_of(string viewer, string participants)
    {
        var (status, body, _) = await _api.GetAsync(SignIn(viewer), "spm_credits?$select=spm_revenue&$expand=spm_participantid($select=fullname)");

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(
            participants,
            string.Join(",", Rows(body).Select(r => r.GetProperty("spm_participantid").GetProperty("fullname").GetString()).Distinct().Order(StringComparer.Ordinal)));
    }

    [TestMethod]
    public async Task A_batch_get_of_a_peers_statement_is_refused_and_of_ones_own_answers_it()
    {
        Guid avas = StatementOf(SpmOrganization.Ava);
        Guid bens = StatementOf(SpmOrganization.Ben);
        string[] body =
        [
            .. Get($"/api/data/v9.2/spm_statements({avas})?$select=spm_credited"),
            .. Get($"/api/data/v9.2/spm_statements({bens})?$select=spm_credited"),
            $"--{Batch}--", string.Empty,
        ];

        WriteAnswer answer = await _api.BatchAsync(WebApiOrganization.Ava, Batch, body, TestContext.CancellationToken, ("Prefer", "odata.continue-on-error"));

        IReadOnlyList<BatchPart> parts = answer.Parts();
        Assert.AreSequenceEqual(new[] { HttpStatusCode.OK, HttpStatusCode.Forbidden }, parts.Select(p => p.Status).ToArray(), answer.Text);
        Assert.AreEqual(142_500m, parts[0].Json.GetProperty("spm_credited").GetDecimal());
        Assert.AreEqual(ErrorCodes.Format(SecurityErrors.AccessDenied), parts[1].Json.GetProperty("error").GetProperty("code").GetString());
    }

    [TestMethod]
    [DataRow("Ava", "Ava")]
    [DataRow("Marco", "Ava")]
    [DataRow("Dana", "Ava")]
    [DataRow("Admin", "Ava")]
    [DataRow("Marco", "Marco")]
    public async Task Earned_and_payable_amounts_reach_holders_of_the_earnings_profile(string viewer, string participant)
    {
        Guid statement = StatementOf(Id(participant));
        Entity stored = _api.Org.Raw.Retrieve(S.Statement.Table, statement, new ColumnSet(S.Statement.Earned, S.Statement.TotalPayable));

        var (status, body, _) = await _api.GetAsync(SignIn(viewer), $"spm_statements({statement})?$select=spm_earned,spm_totalpayable");

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(stored.GetAttributeValue<Money>(S.Statement.Earned).Value, body.GetProperty("spm_earned").GetDecimal());
        Assert.AreEqual(stored.GetAttributeValue<Money>(S.Statement.TotalPayable).Value, body.GetProperty("spm_totalpayable").GetDecimal());
    }

    [TestMethod]
    public async Task A_rep_outside_the_earnings_teams_reads_their_statement_without_the_amounts()
    {
        Guid statement = StatementOf(SpmOrganization.Ben);
        Entity membership = _api.Org.Raw.RetrieveMultiple(new QueryExpression("teammembership")
        {
            ColumnSet = new ColumnSet(true),
            Criteria = { Conditions = { new ConditionExpression("systemuserid", ConditionOperator.Equal, SpmOrganization.Ben), new ConditionExpression("teamid", ConditionOperator.Equal, SpmOrganization.RepsTeam) } },
        }).Entities.Single();
        var (before, withProfile, _) = await _api.GetAsync(WebApiOrganization.Ben, $"spm_statements({statement})?$select=spm_earned,spm_totalpayable,spm_credited");
        _api.Org.Raw.Delete("teammembership", membership.Id);
        try
        {
            var (status, body, _) = await _api.GetAsync(WebApiOrganization.Ben, $"spm_statements({statement})?$select=spm_earned,spm_totalpayable,spm_credited");

            Assert.AreEqual((HttpStatusCode.OK, 9_000.00m), (before, withProfile.GetProperty("spm_totalpayable").GetDecimal()), withProfile.ToString());
            Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
            Assert.AreEqual((null, null), (Text(body, "spm_earned"), Text(body, "spm_totalpayable")), body.ToString());
            Assert.AreEqual(statement, body.GetProperty("spm_statementid").GetGuid());
        }
        finally
        {
            _api.Org.TeamMember(SpmOrganization.RepsTeam, SpmOrganization.Ben);
        }
    }

    [TestMethod]
    public async Task A_rep_may_not_raise_their_own_credited_amount_and_it_stays_as_posted()
    {
        Guid statement = StatementOf(SpmOrganization.Ava);

        WriteAnswer answer = await _api.SendAsync(WebApiOrganization.Ava, HttpMethod.Patch, $"spm_statements({statement})", """{"spm_credited": 999999}""", TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.Forbidden, answer.Status, answer.Text);
        Assert.AreEqual(ErrorCodes.Format(SecurityErrors.PrivilegeDenied), answer.Error.Code);
        Assert.AreEqual(142_500m, _api.Org.Raw.Retrieve(S.Statement.Table, statement, new ColumnSet(S.Statement.Credited)).GetAttributeValue<Money>(S.Statement.Credited).Value);
    }

    [TestMethod]
    public async Task A_rep_may_not_post_a_credit_for_themselves_and_none_is_stored()
    {
        int credits = _api.Org.Ledger(SpmOrganization.Ava).Count;
        string json = $$"""{"spm_participantid@odata.bind": "/systemusers({{SpmOrganization.Ava}})", "spm_revenue": 50000}""";

        WriteAnswer answer = await _api.SendAsync(WebApiOrganization.Ava, HttpMethod.Post, "spm_credits", json, TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.Forbidden, answer.Status, answer.Text);
        Assert.AreEqual(ErrorCodes.Format(SecurityErrors.PrivilegeDenied), answer.Error.Code);
        Assert.HasCount(credits, _api.Org.Ledger(SpmOrganization.Ava));
    }

    private static string SignIn(string person) => People.Single(p => p.Name == person).SignIn;

    private static Guid Id(string person) => People.Single(p => p.Name == person).Id;

    private static string Name(Guid id) => People.Single(p => p.Id == id).Name;

    /// <summary>The distinct participants of the rows, in the order of <see cref="People"/>.</summary>
    private static string Participants(JsonElement body) =>
        string.Join(",", Rows(body).Select(r => r.GetProperty("_spm_participantid_value").GetGuid()).Distinct().Select(Name).OrderBy(n => Array.FindIndex(People, p => p.Name == n)));

    private static IEnumerable<string> Get(string url) =>
        [$"--{Batch}", "Content-Type: application/http", "Content-Transfer-Encoding: binary", string.Empty, $"GET {url} HTTP/1.1", "Accept: application/json", string.Empty, string.Empty];

    /// <summary>The participant's statement of the period, read as the store holds it.</summary>
    private static Guid StatementOf(Guid participant, string period = "FY2026-Q1") =>
        _api.Org.Raw.RetrieveMultiple(new QueryExpression(S.Statement.Table)
        {
            ColumnSet = new ColumnSet(false),
            Criteria = { Conditions = { new ConditionExpression(S.Statement.Participant, ConditionOperator.Equal, participant), new ConditionExpression(S.Statement.Period, ConditionOperator.Equal, _api.Org.Periods[period]) } },
        }).Entities.Single().Id;
}
