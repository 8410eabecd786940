using System.Net;
using Microsoft.Xrm.Sdk;
using Spm.Plugins.Tests;
using Spm.WebApi.Tests.Fixture;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.WebApi.Tests.Writes;

/// <summary>If-Match and If-None-Match on PATCH and DELETE: upsert limited to an update or a create, and optimistic concurrency on the row version.</summary>
[TestClass]
public sealed class ConditionalWriteTests : OrganizationTestClass<ConditionalWriteTests>
{
    /// <param name="header">The condition sent: If-Match or If-None-Match.</param>
    /// <param name="etag">"*", "current" (the row's own @odata.etag) or "stale" (the one before its last update).</param>
    /// <param name="rowExists">Whether the row addressed exists.</param>
    /// <param name="status">The answer.</param>
    /// <param name="code">The error code, or null when it succeeds.</param>
    /// <param name="stored">The name the row has afterwards (null: no row).</param>
    [TestMethod]
    [DataRow("If-Match", "*", true, HttpStatusCode.NoContent, null, "Contoso renewal (3 years)", DisplayName = "If-Match: * updates a row that exists")]
    [DataRow("If-Match", "*", false, HttpStatusCode.NotFound, "0x80040217", null, DisplayName = "If-Match: * creates no row: 404")]
    [DataRow("If-None-Match", "*", false, HttpStatusCode.NoContent, null, "Contoso renewal (3 years)", DisplayName = "If-None-Match: * creates a missing row")]
    [DataRow("If-None-Match", "*", true, HttpStatusCode.PreconditionFailed, "0x80040237", "Contoso renewal", DisplayName = "If-None-Match: * leaves an existing row alone: 412")]
    [DataRow("If-Match", "current", true, HttpStatusCode.NoContent, null, "Contoso renewal (3 years)", DisplayName = "If-Match: the current ETag updates")]
    [DataRow("If-Match", "stale", true, HttpStatusCode.PreconditionFailed, "0x80060882", "Contoso renewal (signed)", DisplayName = "If-Match: a stale ETag is refused: 412")]
    [DataRow(null, null, false, HttpStatusCode.NoContent, null, "Contoso renewal (3 years)", DisplayName = "No condition: a missing row is created (upsert)")]
    public async Task Patch_honours_the_condition(string? header, string? etag, bool rowExists, HttpStatusCode status, string? code, string? stored)
    {
        Guid id = Guid.NewGuid();
        string? stale = null;
        if (rowExists)
        {
            Api.Org.Raw.Create(AvasDeal(id, "Contoso renewal"));
            stale = Api.Org.Store.Snapshot(S.Opportunity.Table, id, null)!.RowVersion;
            if (etag == "stale")
            {
                Api.Org.Raw.Update(new Entity(S.Opportunity.Table, id) { [S.Opportunity.Name] = "Contoso renewal (signed)" });
            }
        }

        string? value = etag switch
        {
            "current" => $"W/\"{Api.Org.Store.Snapshot(S.Opportunity.Table, id, null)!.RowVersion}\"",
            "stale" => $"W/\"{stale}\"",
            _ => etag,
        };
        (string, string)[] headers = header is null ? [] : [(header, value!)];

        WriteAnswer answer = await Api.SendAsync(
            WebApiOrganization.Ava, HttpMethod.Patch, $"opportunities({id})", """{"name": "Contoso renewal (3 years)"}""", Cancel, headers);

        Assert.AreEqual(status, answer.Status, answer.Text);
        if (code is not null)
        {
            Assert.AreEqual(code, answer.Error.Code);
        }

        Assert.AreEqual(stored, Api.Org.Store.Snapshot(S.Opportunity.Table, id, null)?.GetAttributeValue<string>(S.Opportunity.Name));
    }

    [TestMethod]
    public async Task A_stale_ETag_answers_the_platforms_message_and_a_fresh_one_updates()
    {
        Guid id = Api.Org.Raw.Create(AvasDeal(Guid.NewGuid(), "Fourth Coffee kiosks", 30));
        string read = (await Api.GetAsync(WebApiOrganization.Ava, $"opportunities({id})?$select=name")).Body.GetProperty("@odata.etag").GetString()!;
        Api.Org.Raw.Update(new Entity(S.Opportunity.Table, id) { [S.Opportunity.CloseProbability] = 40 });

        WriteAnswer stale = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Patch, $"opportunities({id})", """{"closeprobability": 90}""", Cancel, ("If-Match", read));
        string fresh = (await Api.GetAsync(WebApiOrganization.Ava, $"opportunities({id})?$select=name")).Body.GetProperty("@odata.etag").GetString()!;
        WriteAnswer current = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Patch, $"opportunities({id})", """{"closeprobability": 90}""", Cancel, ("If-Match", fresh));

        Assert.AreEqual(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.AreEqual(("0x80060882", "The version of the existing record doesn't match the RowVersion property provided."), stale.Error);
        Assert.AreEqual(HttpStatusCode.NoContent, current.Status, current.Text);
        Assert.AreEqual(90, Api.Org.Store.Snapshot(S.Opportunity.Table, id, null)![S.Opportunity.CloseProbability]);
    }

    [TestMethod]
    public async Task If_None_Match_on_an_existing_row_answers_Dataverses_message()
    {
        Guid id = Api.Org.Raw.Create(AvasDeal(Guid.NewGuid(), "Blue Yonder charter"));

        WriteAnswer answer = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Patch, $"opportunities({id})", """{"name": "Overwritten"}""", Cancel, ("If-None-Match", "*"));

        Assert.AreEqual(HttpStatusCode.PreconditionFailed, answer.Status);
        Assert.AreEqual("A record with matching key values already exists.", answer.Error.Message);
    }

    [TestMethod]
    [DataRow(false, HttpStatusCode.NoContent, DisplayName = "Delete with the current ETag")]
    [DataRow(true, HttpStatusCode.PreconditionFailed, DisplayName = "Delete with a stale ETag: 412, the row stays")]
    public async Task Delete_with_If_Match_deletes_only_the_version_read(bool changedSince, HttpStatusCode status)
    {
        Guid id = Api.Org.Raw.Create(AvasDeal(Guid.NewGuid(), "Graphic Design Institute lab"));
        string etag = $"W/\"{Api.Org.Store.Snapshot(S.Opportunity.Table, id, null)!.RowVersion}\"";
        if (changedSince)
        {
            Api.Org.Raw.Update(new Entity(S.Opportunity.Table, id) { [S.Opportunity.CloseProbability] = 10 });
        }

        WriteAnswer answer = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Delete, $"opportunities({id})", null, Cancel, ("If-Match", etag));

        Assert.AreEqual(status, answer.Status, answer.Text);
        Assert.AreEqual(changedSince, Api.Org.Store.Snapshot(S.Opportunity.Table, id, null) is not null);
    }

    [TestMethod]
    public async Task An_If_Match_that_is_no_ETag_is_refused()
    {
        Guid id = Api.Org.Raw.Create(AvasDeal(Guid.NewGuid(), "Relecloud migration"));

        WriteAnswer answer = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Patch, $"opportunities({id})", """{"name": "x"}""", Cancel, ("If-Match", "12345"));

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status);
        Assert.AreEqual("If-Match: 12345 is not an ETag: send the row's @odata.etag, e.g. W/\"470867\", or *.", answer.Error.Message);
        Assert.AreEqual("Relecloud migration", Api.Org.Store.Snapshot(S.Opportunity.Table, id, null)![S.Opportunity.Name]);
    }

    /// <summary>A deal of Ava's (the caller of these tests), stored without plug-ins.</summary>
    private static Entity AvasDeal(Guid id, string name, int? probability = null)
    {
        var deal = new Entity(S.Opportunity.Table, id) { [S.Opportunity.Name] = name, [S.Opportunity.Owner] = new EntityReference(S.SystemUser.Table, SpmOrganization.Ava) };
        if (probability is int value)
        {
            deal[S.Opportunity.CloseProbability] = value;
        }

        return deal;
    }
}
