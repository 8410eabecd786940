using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Tests.Pipeline;

[TestClass]
public sealed class ServiceEndpointStepTests
{
    private static readonly Guid Endpoint = new("d663614c-e824-5f19-b125-43a3ab9da005");
    private static readonly Guid StepId = new("0b7e5f70-1c2d-4e3f-8a9b-000000000618");

    private static string Solution()
    {
        var root = Path.Combine(Path.GetTempPath(), "spm-endpoint-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "Other"));
        Directory.CreateDirectory(Path.Combine(root, StepRegistrationReader.StepsFolderName));
        // SolutionPackager's layout: the placeholder in Customizations.xml, the endpoints in PluginAssemblies/ServiceEndpoints.xml.
        File.WriteAllText(Path.Combine(root, "Other", "Customizations.xml"), "<ImportExportXml><ServiceEndpoints /></ImportExportXml>");
        Directory.CreateDirectory(Path.Combine(root, "PluginAssemblies"));
        File.WriteAllText(Path.Combine(root, "PluginAssemblies", "ServiceEndpoints.xml"), $"""
            <ServiceEndpoints><ServiceEndpoint ServiceEndpointId="{Endpoint:B}" Name="SPM Teams bot"><Contract>8</Contract><Url>https://bot.example.invalid/api/dataverse/events</Url></ServiceEndpoint></ServiceEndpoints>
            """);
        File.WriteAllText(Path.Combine(root, StepRegistrationReader.StepsFolderName, $"{StepId:B}.xml"), $"""
            <SdkMessageProcessingStep Name="SPM Teams bot: Create of opportunity" SdkMessageProcessingStepId="{StepId:B}">
              <PrimaryEntity>opportunity</PrimaryEntity>
              <Mode>1</Mode>
              <Rank>1</Rank>
              <SdkMessageId>{SdkMessageCatalog.CreateId:D}</SdkMessageId>
              <EventHandler>{Endpoint:D}</EventHandler>
              <EventHandlerTypeCode>4618</EventHandlerTypeCode>
              <Stage>40</Stage>
            </SdkMessageProcessingStep>
            """);
        return root;
    }

    [TestMethod]
    public void A_webhook_step_from_a_solution_folder_records_a_post_when_the_async_queue_runs()
    {
        var folder = Solution();
        try
        {
            PluginPipeline pipeline = TestPipeline.Create(out _);
            StepRegistration step = pipeline.RegisterFolder(folder).Single();
            Assert.AreEqual(Endpoint, step.ServiceEndpointId);
            Assert.AreEqual(string.Empty, step.PluginTypeName);

            Guid deal = pipeline.CreateOrganizationService(Users.Ava).Create(new Entity("opportunity") { ["name"] = "Contoso fleet renewal" });
            Assert.IsEmpty(pipeline.ServiceEndpointPosts);

            pipeline.RunAsyncSteps();

            ServiceEndpointPost post = pipeline.ServiceEndpointPosts.Single();
            Assert.AreEqual(Endpoint, post.EndpointId);
            Assert.AreEqual("SPM Teams bot", post.EndpointName);
            Assert.AreEqual(MessageNames.Create, post.MessageName);
            Assert.AreEqual("opportunity", post.PrimaryEntityName);
            Assert.AreEqual(deal, post.PrimaryEntityId);
            Assert.Contains("Contoso fleet renewal", post.Context);
            Assert.Contains(Users.Ava.ToString("D"), post.Context);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void A_webhook_step_that_also_names_a_plugin_type_is_rejected()
    {
        var xml = $"""
            <SdkMessageProcessingStep Name="x" SdkMessageProcessingStepId="{StepId:B}">
              <PluginTypeName>Spm.Plugins.Steps.QuotaPlugin, Spm.Plugins</PluginTypeName>
              <Mode>1</Mode><Rank>1</Rank><SdkMessageId>{SdkMessageCatalog.CreateId:D}</SdkMessageId>
              <EventHandler>{Endpoint:D}</EventHandler><EventHandlerTypeCode>4618</EventHandlerTypeCode><Stage>40</Stage>
            </SdkMessageProcessingStep>
            """;

        var error = Assert.ThrowsExactly<StepRegistrationException>(() => new StepRegistrationReader().ReadXml(xml, "x.xml"));
        Assert.Contains("PluginTypeName", error.Message);
    }
}
