using System.Net;
using System.Xml;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;
using Spm.Dataverse.Metadata;
using Spm.WebApi.Tests.Fixture;

namespace Spm.WebApi.Tests;

/// <summary>GET $metadata: CSDL generated from the table definitions, as Dataverse publishes it.</summary>
[TestClass]
public sealed class MetadataTests
{
    private static WebApiOrganization _api = null!;
    private static IEdmModel _model = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _api = await WebApiOrganization.StartAsync();
        HttpClient client = await _api.SignedInAsync(WebApiOrganization.Ava);
        using HttpResponseMessage response = await client.GetAsync("$metadata", context.CancellationToken);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/xml", response.Content.Headers.ContentType?.MediaType);
        using XmlReader xml = XmlReader.Create(await response.Content.ReadAsStreamAsync(context.CancellationToken));
        Assert.IsTrue(CsdlReader.TryParse(xml, out _model, out IEnumerable<EdmError> errors), string.Join("; ", errors));
    }

    [ClassCleanup]
    public static async Task StopAsync() => await _api.DisposeAsync();

    public static IEnumerable<object[]> SpmTables() =>
        DataverseMetadata.Default().Tables.Where(t => t.LogicalName.StartsWith("spm_", StringComparison.Ordinal))
            .OrderBy(t => t.LogicalName, StringComparer.Ordinal)
            .Select(t => new object[] { t.LogicalName, t.EntitySetName, t.PrimaryIdAttribute });

    [TestMethod]
    [DynamicData(nameof(SpmTables))]
    public void Every_spm_table_has_its_entity_set_keyed_by_its_primary_id(string table, string entitySet, string primaryId)
    {
        IEdmEntitySet set = _model.EntityContainer.FindEntitySet(entitySet);

        Assert.IsNotNull(set, $"no entity set {entitySet} for {table}");
        Assert.AreEqual("Microsoft.Dynamics.CRM." + table, set.EntityType.FullName());
        Assert.AreEqual(primaryId, set.EntityType.Key().Single().Name);
    }

    [TestMethod]
    [DataRow("opportunities", "opportunity")]
    [DataRow("systemusers", "systemuser")]
    [DataRow("transactioncurrencies", "transactioncurrency")]
    [DataRow("systemuserrolescollection", "systemuserroles")]
    public void Platform_tables_keep_the_platforms_entity_set_names(string entitySet, string table) =>
        Assert.AreEqual("Microsoft.Dynamics.CRM." + table, _model.EntityContainer.FindEntitySet(entitySet)?.EntityType.FullName());

    [TestMethod]
    [DataRow("spm_statement", "spm_credited", "Edm.Decimal")]
    [DataRow("spm_statement", "spm_frozen", "Edm.Boolean")]
    [DataRow("spm_period", "spm_startdate", "Edm.Date")]
    [DataRow("spm_period", "spm_status", "Edm.Int32")]
    [DataRow("opportunity", "modifiedon", "Edm.DateTimeOffset")]
    [DataRow("opportunity", "name", "Edm.String")]
    [DataRow("spm_statement", "_spm_participantid_value", "Edm.Guid")]
    [DataRow("opportunity", "_ownerid_value", "Edm.Guid")]
    public void Columns_are_typed_properties_and_lookups_are_value_properties(string table, string property, string type) =>
        Assert.AreEqual(type, EntityType(table).FindProperty(property)?.Type.FullName());

    [TestMethod]
    [DataRow("spm_statement", "spm_participantid", "systemuser")]
    [DataRow("spm_statement", "spm_periodid", "spm_period")]
    [DataRow("opportunity", "ownerid", "systemuser")]
    [DataRow("opportunity", "customerid_account", "account")]
    [DataRow("opportunity", "customerid_contact", "contact")]
    public void A_lookup_is_a_single_valued_navigation_property_to_its_table(string table, string navigation, string target)
    {
        var property = EntityType(table).FindProperty(navigation) as IEdmNavigationProperty;

        Assert.IsNotNull(property, $"{table} has no navigation property {navigation}");
        Assert.IsFalse(property.Type.IsCollection());
        Assert.AreEqual("Microsoft.Dynamics.CRM." + target, property.ToEntityType().FullName());
    }

    [TestMethod]
    public void WhoAmI_is_an_unbound_function_returning_its_three_ids()
    {
        IEdmOperationImport whoAmI = _model.EntityContainer.FindOperationImports("WhoAmI").Single();

        Assert.IsTrue(whoAmI.Operation.IsFunction());
        var response = (IEdmComplexType)whoAmI.Operation.GetReturn().Type.Definition;
        Assert.AreSequenceEqual(new[] { "BusinessUnitId", "UserId", "OrganizationId" }, response.StructuralProperties().Select(p => p.Name).ToArray());
    }

    [TestMethod]
    public async Task Metadata_needs_a_token_like_every_web_api_request()
    {
        using HttpResponseMessage response = await _api.Anonymous.GetAsync("$metadata", TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static IEdmEntityType EntityType(string table) =>
        (IEdmEntityType)_model.FindDeclaredType("Microsoft.Dynamics.CRM." + table);
}
