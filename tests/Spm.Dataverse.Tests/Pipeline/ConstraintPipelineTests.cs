using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Pipeline;

/// <summary>What the store refuses (duplicate keys, restricted deletes) fails the whole pipeline transaction; cascades run the children's Delete steps.</summary>
[TestClass]
public sealed class ConstraintPipelineTests
{
    [TestMethod]
    public void A_plugin_posting_a_taken_ledger_sequence_on_create_fails_the_request_and_nothing_is_written()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation, new DelegatePlugin(local =>
        {
            local.Service.Create(Credit("Ava 100%", 7, local.Context.PrimaryEntityId));
            local.Service.Create(Credit("Ava overlay 10%", 7, local.Context.PrimaryEntityId));
        }));

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Contoso fleet renewal" }));

        Assert.AreEqual(DataverseErrors.DuplicateRecordEntityKey, fault.ErrorCode);
        Assert.StartsWith("A record that has the attribute values spm_participantid, spm_sequence already exists.", fault.Message);
        Assert.AreEqual(0, store.Count("opportunity"));
        Assert.AreEqual(0, store.Count("spm_credit"));
        Assert.IsFalse(pipeline.Transactions.Single().Committed);
    }

    [TestMethod]
    public void A_plugin_renumbering_a_credit_onto_a_taken_sequence_on_update_fails_the_request_and_everything_is_rolled_back()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Contoso fleet renewal", 50_000m, Users.Ava);
        Guid posted = store.Seed(Credit("Ava 100%", 5, deal));
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PostOperation, new DelegatePlugin(local =>
        {
            local.Service.Create(Credit("Ava 100% reversal", 6, deal));
            local.Service.Update(new Entity("spm_credit", posted) { ["spm_sequence"] = 6 });
        }));

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() =>
            pipeline.CreateOrganizationService(Users.Ava).Update(new Entity("opportunity", deal) { ["actualvalue"] = new Money(60_000m) }));

        Assert.AreEqual(DataverseErrors.DuplicateRecordEntityKey, fault.ErrorCode);
        Assert.AreEqual(new Money(50_000m), store.Row("opportunity", deal)!["actualvalue"]);
        Assert.AreEqual(1, store.Count("spm_credit"));
        Assert.AreEqual(5, store.Row("spm_credit", posted)!["spm_sequence"]);
    }

    [TestMethod]
    public void A_cascaded_delete_runs_the_childrens_delete_steps_in_the_parents_transaction()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid plan = store.Seed(new Entity("spm_compplan") { ["spm_name"] = "FY26 AE plan" });
        Guid component = store.Seed(Component(plan));
        store.Seed(Tier(component, 0m));
        store.Seed(Tier(component, 100m));
        var componentDeletes = new ContextProbe();
        var tierDeletes = new ContextProbe();
        pipeline.Register(MessageNames.Delete, "spm_plancomponent", PipelineStage.PreOperation, componentDeletes);
        pipeline.Register(MessageNames.Delete, "spm_plantier", PipelineStage.PostOperation, tierDeletes);

        pipeline.CreateOrganizationService(Users.SalesOps).Delete("spm_compplan", plan);

        Assert.AreEqual(0, store.Count("spm_compplan"));
        Assert.AreEqual(0, store.Count("spm_plancomponent"));
        Assert.AreEqual(0, store.Count("spm_plantier"));
        Assert.AreEqual(component, componentDeletes.Last.PrimaryEntityId);
        Assert.AreEqual(2, componentDeletes.Last.Depth);
        Assert.IsTrue(componentDeletes.Last.IsInTransaction);
        Assert.HasCount(2, tierDeletes.Seen);
        Assert.IsTrue(tierDeletes.Seen.All(c => c.Depth == 3));
        Assert.HasCount(1, pipeline.Executions.Select(e => e.CorrelationId).Distinct());
        TransactionRecord transaction = pipeline.Transactions.Single();
        Assert.AreSequenceEqual(new[] { "spm_plantier", "spm_plantier", "spm_plancomponent", "spm_compplan" }, transaction.LockedRows.Select(r => r.Table).ToArray());
    }

    [TestMethod]
    public void A_childs_delete_step_that_throws_rolls_back_the_whole_cascade()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid plan = store.Seed(new Entity("spm_compplan") { ["spm_name"] = "FY26 AE plan" });
        Guid component = store.Seed(Component(plan));
        store.Seed(Tier(component, 0m));
        pipeline.Register(MessageNames.Delete, "spm_plancomponent", PipelineStage.PreOperation,
            new DelegatePlugin(_ => throw new InvalidPluginExecutionException("A component of a plan in use cannot be deleted.")));

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => pipeline.CreateOrganizationService(Users.SalesOps).Delete("spm_compplan", plan));

        Assert.AreEqual("A component of a plan in use cannot be deleted.", fault.Message);
        Assert.AreEqual(1, store.Count("spm_compplan"));
        Assert.AreEqual(1, store.Count("spm_plancomponent"));
        Assert.AreEqual(1, store.Count("spm_plantier"));
    }

    [TestMethod]
    public void A_restricted_delete_fails_before_any_delete_step_of_the_children_runs()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid plan = store.Seed(new Entity("spm_compplan") { ["spm_name"] = "FY26 AE plan" });
        store.Seed(Component(plan));
        store.Seed(new Entity("spm_planassignment")
        {
            ["spm_name"] = "Ava on FY26 AE plan", ["spm_participantid"] = new EntityReference("systemuser", Users.Ava),
            ["spm_compplanid"] = new EntityReference("spm_compplan", plan), ["spm_effectivefrom"] = new DateTime(2025, 7, 1),
        });
        var componentDeletes = new ContextProbe();
        pipeline.Register(MessageNames.Delete, "spm_plancomponent", PipelineStage.PreOperation, componentDeletes);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => pipeline.CreateOrganizationService(Users.SalesOps).Delete("spm_compplan", plan));

        Assert.AreEqual(DataverseErrors.CannotDeleteDueToAssociation, fault.ErrorCode);
        Assert.Contains("spm_planassignment", fault.Message);
        Assert.IsEmpty(componentDeletes.Seen);
        Assert.AreEqual(1, store.Count("spm_plancomponent"));
    }

    private static Entity Credit(string name, int sequence, Guid deal)
    {
        Entity credit = Rows.Credit(name, Users.Ava, 50_000m, deal);
        credit["spm_sequence"] = sequence;
        return credit;
    }

    private static Entity Component(Guid plan) => new("spm_plancomponent")
    {
        ["spm_name"] = "Revenue commission",
        ["spm_compplanid"] = new EntityReference("spm_compplan", plan),
        ["spm_kind"] = new OptionSetValue(SpmChoices.ComponentCommission),
        ["spm_measure"] = new OptionSetValue(SpmChoices.MeasureRevenue),
    };

    private static Entity Tier(Guid component, decimal from) => new("spm_plantier")
    {
        ["spm_name"] = $"from {from}%",
        ["spm_plancomponentid"] = new EntityReference("spm_plancomponent", component),
        ["spm_frompercent"] = from,
        ["spm_rate"] = 0.05m,
    };
}
