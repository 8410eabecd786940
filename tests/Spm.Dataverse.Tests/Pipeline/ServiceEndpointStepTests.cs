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

    [TestMethod]
    public void The_solutions_webhook_is_read_with_its_contract_placeholder_url_and_header_auth()
    {
        ServiceEndpointRegistration endpoint = ServiceEndpointRegistration.ReadFolder(Spm.Dataverse.Tests.Metadata.Repository.Solution).Single();

        Assert.AreEqual((Endpoint, "SPM Teams bot", 8), (endpoint.Id, endpoint.Name, endpoint.Contract));
        Assert.AreEqual(new Uri("https://spm-bot.example.invalid/api/dataverse/events"), endpoint.Url);
        Assert.AreEqual(ServiceEndpointAuthType.HttpHeader, endpoint.AuthType);
        Assert.IsNull(endpoint.AuthValue, "the key is set after import, never exported");
    }

    [TestMethod]
    public void Header_auth_settings_become_key_value_pairs_and_malformed_ones_are_refused_naming_the_endpoint()
    {
        var endpoint = new ServiceEndpointRegistration(Endpoint, "SPM Teams bot")
        {
            AuthType = ServiceEndpointAuthType.HttpHeader,
            AuthValue = "<settings><setting name=\"x-spm-webhook-key\" value=\"k-7f3a9c\" /><setting name=\"x-spm-env\" value=\"test\" /></settings>",
        };

        Assert.AreEqual("x-spm-webhook-key=k-7f3a9c x-spm-env=test", string.Join(" ", endpoint.AuthPairs().Select(p => $"{p.Key}={p.Value}")));
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => (endpoint with { AuthValue = "x-spm-webhook-key: k-7f3a9c" }).AuthPairs());
        Assert.StartsWith("Service endpoint 'SPM Teams bot': AuthValue is not <settings><setting name=\"…\" value=\"…\" /></settings>: ", error.Message);
    }
}
