using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Tests.Pipeline;

[TestClass]
public sealed class PipelineStageTests
{
    [TestMethod]
    public void Steps_fire_by_stage_then_rank_around_the_core_operation()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        var order = new List<string>();
        void Add(PipelineStage stage, int rank, string label) =>
            pipeline.Register(MessageNames.Create, "opportunity", stage,
                new DelegatePlugin(local => order.Add(label + (store.Row("opportunity", local.Context.PrimaryEntityId) is null ? " (not stored)" : " (stored)"))),
                s => s with { Rank = rank });

        Add(PipelineStage.PostOperation, 2, "post rank 2");
        Add(PipelineStage.PreOperation, 1, "pre-op");
        Add(PipelineStage.PostOperation, 1, "post rank 1");
        Add(PipelineStage.PreValidation, 1, "pre-validation");

        pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Contoso fleet renewal" });

        Assert.AreSequenceEqual(
            new[] { "pre-validation (not stored)", "pre-op (not stored)", "post rank 1 (stored)", "post rank 2 (stored)" },
            order);
    }

    [TestMethod]
    public void Steps_on_another_table_or_message_do_not_fire()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        var onAccount = new ContextProbe();
        var onDelete = new ContextProbe();
        var onAnyTable = new ContextProbe();
        pipeline.Register(MessageNames.Create, "account", PipelineStage.PostOperation, onAccount);
        pipeline.Register(MessageNames.Delete, "opportunity", PipelineStage.PostOperation, onDelete);
        pipeline.Register(MessageNames.Create, null, PipelineStage.PostOperation, onAnyTable);

        pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Fabrikam expansion" });

        Assert.IsEmpty(onAccount.Seen);
        Assert.IsEmpty(onDelete.Seen);
        Assert.AreEqual("opportunity", onAnyTable.Last.PrimaryEntityName);
    }

    [TestMethod]
    public void Filtering_attributes_skip_updates_that_do_not_touch_them()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Northwind 3-year subscription", 120_000m, Users.Ava);
        var credit = new ContextProbe();
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PostOperation, credit,
            s => s with { FilteringAttributes = new[] { "actualvalue", "ownerid" } });
        IOrganizationService service = pipeline.CreateOrganizationService(Users.Ava);

        service.Update(new Entity("opportunity", deal) { ["description"] = "Customer asked for a call on Friday" });
        Assert.IsEmpty(credit.Seen);

        service.Update(new Entity("opportunity", deal) { ["actualvalue"] = new Money(125_000m), ["description"] = "Upsold support" });
        Assert.HasCount(1, credit.Seen);
    }

    [TestMethod]
    public void Pre_and_post_images_carry_exactly_the_listed_attributes()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Adventure Works POS rollout", 80_000m, Users.Ava);
        var probe = new ContextProbe();
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PostOperation, probe, s => s with
        {
            Images = new[]
            {
                new StepImageRegistration { Id = Guid.NewGuid(), Name = "PreImage", EntityAlias = "PreImage", ImageType = StepImageType.PreImage, MessagePropertyName = "Target", Attributes = new[] { "actualvalue", "ownerid" } },
                new StepImageRegistration { Id = Guid.NewGuid(), Name = "PostImage", EntityAlias = "PostImage", ImageType = StepImageType.PostImage, MessagePropertyName = "Target", Attributes = new[] { "actualvalue", "ownerid" } },
            },
        });

        pipeline.CreateOrganizationService(Users.Ava).Update(new Entity("opportunity", deal) { ["actualvalue"] = new Money(95_000m) });

        Entity pre = probe.Last.PreEntityImages["PreImage"];
        Entity post = probe.Last.PostEntityImages["PostImage"];
        Assert.AreSequenceEqual(new[] { "actualvalue", "ownerid" }, pre.Attributes.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray());
        Assert.AreSequenceEqual(new[] { "actualvalue", "ownerid" }, post.Attributes.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray());
        Assert.AreEqual(new Money(80_000m), pre["actualvalue"]);
        Assert.AreEqual(new Money(95_000m), post["actualvalue"]);
        Assert.AreEqual(deal, pre.Id);
    }

    [TestMethod]
    public void An_image_without_an_attribute_list_carries_every_column()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Litware analytics pilot", 15_000m, Users.Ben);
        var probe = new ContextProbe();
        pipeline.Register(MessageNames.Delete, "opportunity", PipelineStage.PreOperation, probe, s => s with
        {
            Images = new[] { new StepImageRegistration { Id = Guid.NewGuid(), Name = "PreImage", EntityAlias = "Deleted", ImageType = StepImageType.PreImage, MessagePropertyName = "Target" } },
        });

        pipeline.CreateOrganizationService(Users.Ben).Delete("opportunity", deal);

        Entity image = probe.Last.PreEntityImages["Deleted"];
        Assert.AreEqual("Litware analytics pilot", image["name"]);
        Assert.AreEqual(new EntityReference("systemuser", Users.Ben), image["ownerid"]);
        Assert.IsEmpty(probe.Last.PostEntityImages);
    }

    [TestMethod]
    public void Shared_variables_flow_from_pre_operation_to_post_operation_of_the_same_execution()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Tailspin charter deal", 42_000m, Users.Ava);
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PreOperation,
            new DelegatePlugin(local => local.Context.SharedVariables["spm_previousowner"] = Users.Ava));
        var post = new ContextProbe();
        pipeline.Register(MessageNames.Update, "opportunity", PipelineStage.PostOperation, post);
        IOrganizationService service = pipeline.CreateOrganizationService(Users.Maya);

        service.Update(new Entity("opportunity", deal) { ["ownerid"] = new EntityReference("systemuser", Users.Ben) });
        service.Update(new Entity("opportunity", deal) { ["description"] = "second update" });

        Assert.AreEqual(Users.Ava, post.Seen[0].SharedVariables["spm_previousowner"]);
        Assert.AreNotSame(post.Seen[0].SharedVariables, post.Seen[1].SharedVariables);
    }

    [TestMethod]
    public void Create_post_operation_sees_the_new_id_in_output_parameters_and_primary_entity_id()
    {
        PluginPipeline pipeline = TestPipeline.Create(out _);
        var pre = new ContextProbe();
        var post = new ContextProbe();
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PreOperation, pre);
        pipeline.Register(MessageNames.Create, "opportunity", PipelineStage.PostOperation, post);

        Guid id = pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Woodgrove treasury suite" });

        Assert.AreEqual(Guid.Empty, pre.Last.PrimaryEntityId);
        Assert.IsEmpty(pre.Last.OutputParameters);
        Assert.AreEqual(id, post.Last.OutputParameters["id"]);
        Assert.AreEqual(id, post.Last.PrimaryEntityId);
        Assert.AreEqual("Create", post.Last.MessageName);
        Assert.AreEqual(40, post.Last.Stage);
        Assert.AreEqual(0, post.Last.Mode);
        Assert.AreEqual(1, post.Last.Depth);
        Assert.AreEqual(Users.Ava, post.Last.UserId);
        Assert.AreEqual(Users.Ava, post.Last.InitiatingUserId);
        Assert.IsNull(post.Last.ParentContext);
        Assert.AreEqual(pre.Last.CorrelationId, post.Last.CorrelationId);
        Assert.AreEqual(pipeline.Options.OrganizationId, post.Last.OrganizationId);
        Assert.AreEqual(pipeline.Options.BusinessUnitId, post.Last.BusinessUnitId);
    }

    [TestMethod]
    public void Pre_validation_runs_outside_the_transaction_and_later_stages_inside()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Contoso fleet renewal", 250_000m, Users.Ava);
        var validation = new ContextProbe();
        var preOperation = new ContextProbe();
        pipeline.Register(MessageNames.Create, "spm_creditsplit", PipelineStage.PreValidation, validation);
        pipeline.Register(MessageNames.Create, "spm_creditsplit", PipelineStage.PreOperation, preOperation);

        pipeline.CreateOrganizationService(Users.Maya).Create(Rows.Split(deal, Users.Ben, 40m));

        Assert.IsFalse(validation.Last.IsInTransaction);
        Assert.IsTrue(preOperation.Last.IsInTransaction);
    }

    [TestMethod]
    public void A_pre_operation_change_to_the_target_is_stored_but_the_callers_entity_is_untouched()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        pipeline.Register(MessageNames.Create, "spm_credit", PipelineStage.PreOperation,
            new DelegatePlugin(local => local.Target["spm_name"] = "Credit for " + local.Target.GetAttributeValue<string>("spm_dealname")));
        Entity credit = Rows.Credit("Ava 100%", Users.Ava, 50_000m);
        credit["spm_dealname"] = "Contoso win";

        Guid id = pipeline.CreateOrganizationService(Users.Maya).Create(credit);

        Assert.AreEqual("Credit for Contoso win", store.Row("spm_credit", id)!["spm_name"]);
        Assert.AreEqual("Ava 100%", credit["spm_name"]);
    }

    [TestMethod]
    public void Win_carries_the_opportunity_close_and_status_with_opportunity_as_primary_entity_and_no_images()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Contoso fleet renewal", 250_000m, Users.Ava);
        var probe = new ContextProbe();
        pipeline.Register(MessageNames.Win, "opportunity", PipelineStage.PostOperation, probe);

        pipeline.CreateOrganizationService(Users.Ava).Execute(new WinOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose")
            {
                ["opportunityid"] = new EntityReference("opportunity", deal),
                ["actualrevenue"] = new Money(250_000m),
                ["subject"] = "Won: Contoso fleet renewal",
            },
            Status = new OptionSetValue(3),
        });

        IPluginExecutionContext context = probe.Last;
        Assert.AreEqual("Win", context.MessageName);
        Assert.AreEqual("opportunity", context.PrimaryEntityName);
        Assert.AreEqual(deal, context.PrimaryEntityId);
        Assert.AreSequenceEqual(new[] { "OpportunityClose", "Status" }, context.InputParameters.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray());
        Assert.AreEqual(new OptionSetValue(3), context.InputParameters["Status"]);
        Assert.IsFalse(context.InputParameters.Contains("Target"));
        Assert.IsEmpty(context.PreEntityImages);
        Assert.AreEqual(new OptionSetValue(1), store.Row("opportunity", deal)!["statecode"]);
    }

    [TestMethod]
    public void Lose_fires_lose_steps_only()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Fabrikam kiosks", 60_000m, Users.Ben);
        var win = new ContextProbe();
        var lose = new ContextProbe();
        pipeline.Register(MessageNames.Win, "opportunity", PipelineStage.PostOperation, win);
        pipeline.Register(MessageNames.Lose, "opportunity", PipelineStage.PostOperation, lose);

        pipeline.CreateOrganizationService(Users.Ben).Execute(new LoseOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", deal) },
            Status = new OptionSetValue(4),
        });

        Assert.IsEmpty(win.Seen);
        Assert.AreEqual(deal, lose.Last.PrimaryEntityId);
    }

    [TestMethod]
    public void Assign_carries_target_and_assignee_with_the_owner_before_and_after()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid deal = store.SeedOpportunity("Proseware migration", 70_000m, Users.Ava);
        var probe = new ContextProbe();
        pipeline.Register(MessageNames.Assign, "opportunity", PipelineStage.PostOperation, probe, s => s with
        {
            Images = new[] { new StepImageRegistration { Id = Guid.NewGuid(), Name = "Owner", EntityAlias = "Owner", ImageType = StepImageType.Both, MessagePropertyName = "Target", Attributes = new[] { "ownerid" } } },
        });

        pipeline.CreateOrganizationService(Users.Maya).Execute(new AssignRequest
        {
            Target = new EntityReference("opportunity", deal),
            Assignee = new EntityReference("systemuser", Users.Ben),
        });

        Assert.AreEqual(new EntityReference("opportunity", deal), probe.Last.InputParameters["Target"]);
        Assert.AreEqual(new EntityReference("systemuser", Users.Ben), probe.Last.InputParameters["Assignee"]);
        Assert.AreEqual(new EntityReference("systemuser", Users.Ava), probe.Last.PreEntityImages["Owner"]["ownerid"]);
        Assert.AreEqual(new EntityReference("systemuser", Users.Ben), probe.Last.PostEntityImages["Owner"]["ownerid"]);
    }

    [TestMethod]
    public void Set_state_takes_its_primary_entity_from_the_entity_moniker()
    {
        PluginPipeline pipeline = TestPipeline.Create(out IDataverseStore store);
        Guid period = store.Seed(Rows.Period("FY26 Q1"));
        var probe = new ContextProbe();
        pipeline.Register(MessageNames.SetState, "spm_period", PipelineStage.PreOperation, probe);

        pipeline.CreateOrganizationService(Users.SalesOps).Execute(new SetStateRequest
        {
            EntityMoniker = new EntityReference("spm_period", period),
            State = new OptionSetValue(1),
            Status = new OptionSetValue(2),
        });

        Assert.AreEqual("spm_period", probe.Last.PrimaryEntityName);
        Assert.AreEqual(period, probe.Last.PrimaryEntityId);
        Assert.AreEqual(new OptionSetValue(1), probe.Last.InputParameters["State"]);
    }
}
