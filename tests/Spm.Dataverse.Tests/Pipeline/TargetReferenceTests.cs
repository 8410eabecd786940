using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Pipeline;

/// <summary>What addresses a Delete's Target reaches the store through the pipeline: the row version and alternate key values.</summary>
[TestClass]
public sealed class TargetReferenceTests
{
    [TestMethod]
    [DataRow(false, DisplayName = "The version read: deleted")]
    [DataRow(true, DisplayName = "Changed since it was read: refused, the row stays")]
    public void A_delete_with_IfRowVersionMatches_deletes_only_the_version_it_names(bool changedSince)
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Margie's Travel booking engine", 36_000m, Users.Ava);
        string version = store.Row("opportunity", deal)!.RowVersion;
        if (changedSince)
        {
            store.ExecuteCore(new UpdateRequest { Target = new Entity("opportunity", deal) { ["description"] = "Scope cut" } }, Users.Ava);
        }

        var delete = new DeleteRequest { Target = new EntityReference("opportunity", deal) { RowVersion = version }, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches };
        IOrganizationService service = pipeline.CreateOrganizationService(Users.Ava);

        if (changedSince)
        {
            var fault = Assert.ThrowsExactly<DataverseFaultException>(() => service.Execute(delete));
            Assert.AreEqual(DataverseErrors.ConcurrencyVersionMismatch, fault.ErrorCode);
        }
        else
        {
            service.Execute(delete);
        }

        Assert.AreEqual(changedSince, store.Row("opportunity", deal) is not null);
    }

    [TestMethod]
    public void A_delete_by_alternate_key_finds_the_row_by_its_key_values()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid euro = store.Seed(new Entity("transactioncurrency") { ["isocurrencycode"] = "EUR", ["currencyname"] = "Euro", ["exchangerate"] = 0.92m, ["currencyprecision"] = 2 });

        pipeline.CreateOrganizationService(Users.Maya).Execute(new DeleteRequest { Target = new EntityReference("transactioncurrency", "isocurrencycode", "EUR") });

        Assert.IsNull(store.Row("transactioncurrency", euro));
    }
}
