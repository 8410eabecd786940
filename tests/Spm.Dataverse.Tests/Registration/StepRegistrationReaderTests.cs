using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Tests.Registration;

[TestClass]
public sealed class StepRegistrationReaderTests
{
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    private static string StepFile(string id) => Path.Combine(FixtureFolder, "SdkMessageProcessingSteps", "{" + id + "}.xml");

    [TestMethod]
    public void Reads_every_step_of_the_unpacked_solution_in_file_order()
    {
        IReadOnlyList<StepRegistration> steps = new StepRegistrationReader().ReadFolder(FixtureFolder);

        Assert.AreSequenceEqual(
            new[]
            {
                "Spm.Plugins.OpportunityCreditPlugin: Update of opportunity",
                "Spm.Plugins.OpportunityCreditPlugin: Create of opportunity",
                "Spm.Plugins.CreditSplitValidationPlugin: Create of spm_creditsplit",
                "Spm.Plugins.ManagerRollupPlugin: Update of opportunity",
            },
            steps.Select(s => s.Name).ToArray());
    }

    [TestMethod]
    public void Reads_the_update_step_with_its_filtering_attributes_and_both_images()
    {
        StepRegistration step = new StepRegistrationReader().ReadFile(StepFile("3f1d7a52-8c4e-4b1a-9d2e-6a0b5c7e8f11"));

        Assert.AreEqual(new Guid("3f1d7a52-8c4e-4b1a-9d2e-6a0b5c7e8f11"), step.Id);
        Assert.AreEqual(MessageNames.Update, step.MessageName);
        Assert.AreEqual(SdkMessageCatalog.UpdateId, step.SdkMessageId);
        Assert.AreEqual("opportunity", step.PrimaryEntity);
        Assert.AreEqual(PipelineStage.PostOperation, step.Stage);
        Assert.AreEqual(StepMode.Synchronous, step.Mode);
        Assert.AreEqual(1, step.Rank);
        Assert.AreEqual("Spm.Plugins.OpportunityCreditPlugin", step.PluginTypeFullName);
        Assert.AreEqual("Spm.Plugins", step.PluginAssemblyName);
        Assert.AreEqual(new Guid("b7e2c4d1-5a3f-4e8b-9c6d-2f1a0e9b8c71"), step.PluginTypeId);
        Assert.AreSequenceEqual(new[] { "actualvalue", "actualclosedate", "ownerid", "statecode" }, step.FilteringAttributes.ToArray());
        Assert.HasCount(2, step.Images);
        StepImageRegistration pre = step.Images[0];
        Assert.AreEqual("PreImage", pre.EntityAlias);
        Assert.AreEqual(StepImageType.PreImage, pre.ImageType);
        Assert.AreEqual("Target", pre.MessagePropertyName);
        Assert.AreSequenceEqual(new[] { "actualvalue", "actualclosedate", "ownerid", "statecode" }, pre.Attributes.ToArray());
        Assert.AreEqual(StepImageType.PostImage, step.Images[1].ImageType);
    }

    [TestMethod]
    public void Reads_the_create_post_image_under_the_id_property_and_the_async_rollup_step()
    {
        var reader = new StepRegistrationReader();
        StepRegistration create = reader.ReadFile(StepFile("5a2e8c1f-3b7d-4f6a-8e9c-0d1b2a3c4e21"));
        StepRegistration rollup = reader.ReadFile(StepFile("c6f0a8e2-9d4b-4c3a-a1e7-5b2d8f6c4a41"));

        Assert.AreEqual(MessageNames.Create, create.MessageName);
        Assert.AreEqual("Id", create.Images.Single().MessagePropertyName);
        Assert.AreEqual(StepMode.Asynchronous, rollup.Mode);
        Assert.IsTrue(rollup.AsyncAutoDelete);
        Assert.AreEqual(2, rollup.Rank);
    }

    [TestMethod]
    public void Reads_the_prevalidation_step_with_its_unsecure_configuration()
    {
        StepRegistration step = new StepRegistrationReader().ReadFile(StepFile("8e4b6d2a-1c9f-4a7e-b3d5-7f6e5d4c3b31"));

        Assert.AreEqual(PipelineStage.PreValidation, step.Stage);
        Assert.AreEqual("spm_creditsplit", step.PrimaryEntity);
        Assert.AreEqual("{\"maxSplitPercent\":100}", step.Configuration);
        Assert.IsEmpty(step.Images);
        Assert.IsEmpty(step.FilteringAttributes);
    }

    [TestMethod]
    public void Writer_reproduces_every_fixture_file_byte_for_byte()
    {
        var reader = new StepRegistrationReader();
        var writer = new StepRegistrationWriter();
        foreach (string path in Directory.EnumerateFiles(Path.Combine(FixtureFolder, "SdkMessageProcessingSteps"), "*.xml"))
        {
            StepRegistration step = reader.ReadFile(path);

            Assert.AreEqual(File.ReadAllText(path).ReplaceLineEndings("\n"), writer.ToXmlString(step), path);
            Assert.AreEqual(Path.GetFileName(path), StepRegistrationWriter.FileNameFor(step.Id));
        }
    }

    [TestMethod]
    public void A_step_built_in_code_round_trips_through_a_solution_folder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "spm-steps-" + Guid.NewGuid().ToString("N"));
        try
        {
            StepRegistration step = StepRegistration.For(MessageNames.Delete, "opportunity", PipelineStage.PreOperation, typeof(StepRegistrationReaderTests)) with
            {
                Description = "Reverses the credits of a deleted opportunity.",
                Images = new[]
                {
                    new StepImageRegistration
                    {
                        Id = Guid.NewGuid(), Name = "PreImage", EntityAlias = "PreImage", ImageType = StepImageType.PreImage,
                        MessagePropertyName = "Target", Attributes = new[] { "ownerid", "actualvalue" },
                    },
                },
            };

            string path = new StepRegistrationWriter().WriteFile(step, folder);
            StepRegistration read = new StepRegistrationReader().ReadFolder(folder).Single();

            Assert.AreEqual(Path.Combine(folder, "SdkMessageProcessingSteps", step.Id.ToString("B") + ".xml"), path);
            Assert.AreEqual(step with { SdkMessageId = SdkMessageCatalog.DeleteId }, read);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [TestMethod]
    public void A_custom_message_is_read_once_the_catalog_knows_its_id()
    {
        var recalculateId = new Guid("4e7f3b2a-9c1d-4e8f-a6b5-3c2d1e0f9a81");
        string xml = StepXml.Build(messageId: recalculateId.ToString(), primaryEntity: null, filtering: null, images: "");

        Assert.ThrowsExactly<StepRegistrationException>(() => new StepRegistrationReader().ReadXml(xml, "custom.xml"));
        StepRegistration step = new StepRegistrationReader(SdkMessageCatalog.Standard.WithMessage("spm_RecalculateAttainment", recalculateId)).ReadXml(xml, "custom.xml");

        Assert.AreEqual("spm_RecalculateAttainment", step.MessageName);
        Assert.IsNull(step.PrimaryEntity);
    }

    [TestMethod]
    public void Two_files_with_the_same_step_id_are_rejected_naming_both()
    {
        string folder = Path.Combine(Path.GetTempPath(), "spm-steps-" + Guid.NewGuid().ToString("N"));
        try
        {
            string steps = Path.Combine(folder, "SdkMessageProcessingSteps");
            Directory.CreateDirectory(steps);
            string source = StepFile("3f1d7a52-8c4e-4b1a-9d2e-6a0b5c7e8f11");
            File.Copy(source, Path.Combine(steps, "{3f1d7a52-8c4e-4b1a-9d2e-6a0b5c7e8f11}.xml"));
            File.Copy(source, Path.Combine(steps, "3f1d7a52-8c4e-4b1a-9d2e-6a0b5c7e8f11.xml"));

            var error = Assert.ThrowsExactly<StepRegistrationException>(() => new StepRegistrationReader().ReadFolder(folder));

            Assert.Contains("is also used by", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
