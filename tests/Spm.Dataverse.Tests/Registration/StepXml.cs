namespace Spm.Dataverse.Tests.Registration;

/// <summary>A step file in SolutionPackager's layout with the parts a test wants to break.</summary>
internal static class StepXml
{
    public const string StepId = "{0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01}";

    public const string PostImageOnTarget = """
        <SdkMessageProcessingStepImages>
          <SdkMessageProcessingStepImage Name="PostImage">
            <SdkMessageProcessingStepImageId>0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c02</SdkMessageProcessingStepImageId>
            <Attributes>actualvalue,ownerid</Attributes>
            <EntityAlias>PostImage</EntityAlias>
            <ImageType>1</ImageType>
            <MessagePropertyName>Target</MessagePropertyName>
            <IsCustomizable>1</IsCustomizable>
            <IntroducedVersion>1.0</IntroducedVersion>
          </SdkMessageProcessingStepImage>
        </SdkMessageProcessingStepImages>
        """;

    public static string Build(
        string messageId = "20bebb1b-ea3e-db11-86a7-000a3a5473e8",
        string? primaryEntity = "opportunity",
        string stage = "40",
        string mode = "0",
        string? filtering = "actualvalue",
        string pluginTypeName = "Spm.Plugins.OpportunityCreditPlugin, Spm.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=6c3e1a9b2f4d8e07",
        string images = PostImageOnTarget,
        string extra = "",
        string stepId = StepId)
    {
        string entity = primaryEntity is null ? "" : $"<PrimaryEntity>{primaryEntity}</PrimaryEntity>";
        string filter = filtering is null ? "" : $"<FilteringAttributes>{filtering}</FilteringAttributes>";
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <SdkMessageProcessingStep Name="Spm.Plugins.OpportunityCreditPlugin: Update of opportunity" SdkMessageProcessingStepId="{stepId}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <PluginTypeName>{pluginTypeName}</PluginTypeName>
              <PluginTypeId>b7e2c4d1-5a3f-4e8b-9c6d-2f1a0e9b8c71</PluginTypeId>
              {entity}
              <AsyncAutoDelete>0</AsyncAutoDelete>
              {filter}
              <InvocationSource>0</InvocationSource>
              <Mode>{mode}</Mode>
              <Rank>1</Rank>
              <SdkMessageId>{messageId}</SdkMessageId>
              <EventHandler>b7e2c4d1-5a3f-4e8b-9c6d-2f1a0e9b8c71</EventHandler>
              <EventHandlerTypeCode>4602</EventHandlerTypeCode>
              <Stage>{stage}</Stage>
              {extra}
              <IsCustomizable>1</IsCustomizable>
              <IsHidden>0</IsHidden>
              <SupportedDeployment>0</SupportedDeployment>
              <IntroducedVersion>1.0</IntroducedVersion>
              {images}
            </SdkMessageProcessingStep>
            """;
    }

    public static string Image(string name, string imageType, string property, string alias = "Image") => $"""
        <SdkMessageProcessingStepImages>
          <SdkMessageProcessingStepImage Name="{name}">
            <SdkMessageProcessingStepImageId>0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c03</SdkMessageProcessingStepImageId>
            <Attributes>actualvalue</Attributes>
            <EntityAlias>{alias}</EntityAlias>
            <ImageType>{imageType}</ImageType>
            <MessagePropertyName>{property}</MessagePropertyName>
          </SdkMessageProcessingStepImage>
        </SdkMessageProcessingStepImages>
        """;
}
