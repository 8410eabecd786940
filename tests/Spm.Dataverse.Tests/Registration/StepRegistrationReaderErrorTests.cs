using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Tests.Registration;

/// <summary>Each bad registration is rejected with the file and the element named.</summary>
[TestClass]
public sealed class StepRegistrationReaderErrorTests
{
    private const string File = "SdkMessageProcessingSteps/{0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01}.xml";

    private static StepRegistrationException Reject(string xml, string element, string fragment)
    {
        var error = Assert.ThrowsExactly<StepRegistrationException>(() => new StepRegistrationReader().ReadXml(xml, File));
        Assert.AreEqual(File, error.SourceName);
        Assert.AreEqual(element, error.Element, error.Message);
        Assert.Contains(fragment, error.Message);
        Assert.StartsWith(File + ": <" + element + ">: ", error.Message);
        return error;
    }

    [TestMethod]
    public void The_well_formed_template_is_accepted()
    {
        StepRegistration step = new StepRegistrationReader().ReadXml(StepXml.Build(), File);

        Assert.AreEqual(MessageNames.Update, step.MessageName);
    }

    [TestMethod]
    public void Unknown_message_guid_is_rejected() =>
        Reject(StepXml.Build(messageId: "11111111-2222-4333-8444-555555555555"), "SdkMessageId", "unknown sdkmessage id 11111111-2222-4333-8444-555555555555");

    [TestMethod]
    public void Message_id_that_is_not_a_guid_is_rejected() =>
        Reject(StepXml.Build(messageId: "Update"), "SdkMessageId", "'Update' is not a non-empty GUID");

    [TestMethod]
    public void Stage_thirty_is_rejected_as_the_core_operation() =>
        Reject(StepXml.Build(stage: "30"), "Stage", "stage 30 is the core operation");

    [TestMethod]
    public void Stage_other_than_10_20_40_is_rejected() =>
        Reject(StepXml.Build(stage: "25", images: ""), "Stage", "stage 25 is not 10 (PreValidation), 20 (PreOperation) or 40 (PostOperation)");

    [TestMethod]
    public void Stage_that_is_not_a_number_is_rejected() =>
        Reject(StepXml.Build(stage: "PostOperation"), "Stage", "'PostOperation' is not a whole number");

    [TestMethod]
    public void Asynchronous_step_on_pre_operation_is_rejected() =>
        Reject(StepXml.Build(stage: "20", mode: "1", images: ""), "Mode", "an asynchronous step must be on stage 40 (PostOperation), not 20");

    [TestMethod]
    public void Mode_other_than_0_or_1_is_rejected() =>
        Reject(StepXml.Build(mode: "2"), "Mode", "mode 2 is not 0 (synchronous) or 1 (asynchronous)");

    [TestMethod]
    public void Filtering_attributes_on_a_create_step_are_rejected() =>
        Reject(StepXml.Build(messageId: "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8", images: ""), "FilteringAttributes", "filtering attributes apply to Update steps only; this step is on Create");

    [TestMethod]
    public void Pre_image_on_a_create_step_is_rejected() =>
        Reject(
            StepXml.Build(messageId: "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8", filtering: null, images: StepXml.Image("PreImage", "0", "Id")),
            "SdkMessageProcessingStepImage[@Name='PreImage']/ImageType",
            "a Create step cannot have a pre-image");

    [TestMethod]
    public void Post_image_on_a_delete_step_is_rejected() =>
        Reject(
            StepXml.Build(messageId: "a1bdbb1b-ea3e-db11-86a7-000a3a5473e8", filtering: null, images: StepXml.Image("PostImage", "1", "Target")),
            "SdkMessageProcessingStepImage[@Name='PostImage']/ImageType",
            "a Delete step cannot have a post-image");

    [TestMethod]
    public void Post_image_before_the_core_operation_is_rejected() =>
        Reject(
            StepXml.Build(stage: "20", images: StepXml.Image("PostImage", "1", "Target")),
            "SdkMessageProcessingStepImage[@Name='PostImage']/ImageType",
            "post-images exist on stage 40 (PostOperation) only");

    [TestMethod]
    public void Image_on_a_message_without_images_is_rejected() =>
        Reject(
            StepXml.Build(messageId: "f2bdbb1b-ea3e-db11-86a7-000a3a5473e8", filtering: null, images: StepXml.Image("PostImage", "1", "Target")),
            "SdkMessageProcessingStepImage[@Name='PostImage']",
            "message Retrieve does not support entity images");

    [TestMethod]
    public void Create_image_on_the_target_property_is_rejected() =>
        Reject(
            StepXml.Build(messageId: "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8", filtering: null, images: StepXml.Image("PostImage", "1", "Target")),
            "SdkMessageProcessingStepImage[@Name='PostImage']/MessagePropertyName",
            "a Create image is taken of message property 'Id', not 'Target'");

    [TestMethod]
    public void Image_type_other_than_0_1_2_is_rejected() =>
        Reject(StepXml.Build(images: StepXml.Image("PostImage", "3", "Target")), "SdkMessageProcessingStepImage[@Name='PostImage']/ImageType", "image type 3 is not 0 (pre), 1 (post) or 2 (both)");

    [TestMethod]
    public void Image_without_alias_is_rejected() =>
        Reject(StepXml.Build(images: StepXml.Image("PostImage", "1", "Target", alias: "")), "SdkMessageProcessingStepImage[@Name='PostImage']/EntityAlias", "the element EntityAlias is missing or empty");

    [TestMethod]
    public void Missing_plugin_type_name_is_rejected() =>
        Reject(StepXml.Build(pluginTypeName: ""), "PluginTypeName", "the element PluginTypeName is missing or empty");

    [TestMethod]
    public void Plugin_type_name_without_assembly_is_rejected() =>
        Reject(StepXml.Build(pluginTypeName: "Spm.Plugins.OpportunityCreditPlugin"), "PluginTypeName", "is not an assembly-qualified type name");

    [TestMethod]
    public void Service_endpoint_handler_that_also_names_a_plugin_type_is_rejected() =>
        Reject(StepXml.Build().Replace("<EventHandlerTypeCode>4602</EventHandlerTypeCode>", "<EventHandlerTypeCode>4618</EventHandlerTypeCode>", StringComparison.Ordinal),
            "PluginTypeName", "a step on a service endpoint (EventHandlerTypeCode 4618) runs no plug-in type");

    [TestMethod]
    public void Unknown_event_handler_type_is_rejected() =>
        Reject(StepXml.Build().Replace("<EventHandlerTypeCode>4602</EventHandlerTypeCode>", "<EventHandlerTypeCode>4603</EventHandlerTypeCode>", StringComparison.Ordinal),
            "EventHandlerTypeCode", "event handler type 4603 is not 4602 (plugintype) or 4618 (serviceendpoint)");

    [TestMethod]
    public void Auto_delete_on_a_synchronous_step_is_rejected() =>
        Reject(StepXml.Build().Replace("<AsyncAutoDelete>0</AsyncAutoDelete>", "<AsyncAutoDelete>1</AsyncAutoDelete>", StringComparison.Ordinal),
            "AsyncAutoDelete", "only an asynchronous step has a system job to delete");

    [TestMethod]
    public void Win_step_on_another_table_is_rejected()
    {
        var winId = new Guid("4e7f3b2a-9c1d-4e8f-a6b5-3c2d1e0f9a99");
        var reader = new StepRegistrationReader(SdkMessageCatalog.Standard.WithMessage(MessageNames.Win, winId));

        var error = Assert.ThrowsExactly<StepRegistrationException>(() => reader.ReadXml(StepXml.Build(messageId: winId.ToString(), primaryEntity: "account", filtering: null, images: ""), File));

        Assert.AreEqual("PrimaryEntity", error.Element);
        Assert.Contains("message Win is raised on opportunity only, not on 'account'", error.Message);
    }

    [TestMethod]
    public void Missing_step_id_is_rejected() =>
        Reject(StepXml.Build(stepId: ""), "SdkMessageProcessingStep/@SdkMessageProcessingStepId", "the attribute SdkMessageProcessingStepId is missing");

    [TestMethod]
    public void Wrong_root_element_is_rejected() =>
        Reject("<SdkMessageProcessingStepImage Name=\"x\" />", "SdkMessageProcessingStepImage", "the root element must be <SdkMessageProcessingStep>");

    [TestMethod]
    public void Malformed_xml_is_rejected() =>
        Reject("<SdkMessageProcessingStep Name=\"x\"><Stage>40</Stage>", "(document)", "not well-formed XML");

    [TestMethod]
    public void A_file_named_after_another_step_is_rejected()
    {
        string path = Path.Combine(Path.GetTempPath(), "{" + Guid.NewGuid() + "}.xml");
        try
        {
            System.IO.File.WriteAllText(path, StepXml.Build());

            var error = Assert.ThrowsExactly<StepRegistrationException>(() => new StepRegistrationReader().ReadFile(path));

            Assert.AreEqual(path, error.SourceName);
            Assert.AreEqual("SdkMessageProcessingStep/@SdkMessageProcessingStepId", error.Element);
            Assert.Contains("SolutionPackager names each file by its step id", error.Message);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [TestMethod]
    public void Steps_built_in_code_follow_the_same_rules()
    {
        StepRegistration step = StepRegistration.For(MessageNames.Create, "spm_credit", PipelineStage.PreOperation, typeof(StepRegistrationReaderErrorTests)) with
        {
            Mode = StepMode.Asynchronous,
        };

        var error = Assert.ThrowsExactly<StepRegistrationException>(() => new StepRegistrationWriter().ToXml(step));

        Assert.AreEqual("Mode", error.Element);
    }
}
