using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.Dataverse.Registration
{
    /// <summary>
    /// The rules a step must follow, checked the same way for steps read from files, steps built in code and steps about
    /// to be written. Each failure names the source and the element.
    /// </summary>
    public static class StepRegistrationValidator
    {
        /// <summary>Throws <see cref="StepRegistrationException"/> at the first rule the step breaks.</summary>
        public static void Validate(StepRegistration step, string source, SdkMessageCatalog? catalog = null)
        {
            ArgumentNullException.ThrowIfNull(step);
            catalog ??= SdkMessageCatalog.Standard;

            if (step.Id == Guid.Empty)
            {
                throw Fail(source, "SdkMessageProcessingStep/@SdkMessageProcessingStepId", "the step id must be a non-empty GUID.");
            }

            if (string.IsNullOrWhiteSpace(step.Name))
            {
                throw Fail(source, "SdkMessageProcessingStep/@Name", "the step needs a name.");
            }

            if (step.ServiceEndpointId is { } endpoint)
            {
                if (endpoint == Guid.Empty)
                {
                    throw Fail(source, "EventHandler", "a service endpoint step needs the endpoint's non-empty id.");
                }
            }
            else if (string.IsNullOrWhiteSpace(step.PluginTypeName) || step.PluginTypeFullName.Length == 0 || step.PluginAssemblyName is null)
            {
                throw Fail(source, "PluginTypeName",
                    $"'{step.PluginTypeName}' is not an assembly-qualified type name (\"Namespace.Type, AssemblyName, Version=…, Culture=neutral, PublicKeyToken=…\").");
            }

            if (string.IsNullOrWhiteSpace(step.MessageName))
            {
                throw Fail(source, "SdkMessageId", "the step names no message.");
            }

            if (step.SdkMessageId != Guid.Empty)
            {
                if (!catalog.TryGetName(step.SdkMessageId, out string known))
                {
                    throw Fail(source, "SdkMessageId",
                        $"unknown sdkmessage id {step.SdkMessageId:D}: it is not a standard message this catalog knows, nor a registered custom message.");
                }

                if (!string.Equals(known, step.MessageName, StringComparison.OrdinalIgnoreCase))
                {
                    throw Fail(source, "SdkMessageId", $"sdkmessage id {step.SdkMessageId:D} is message '{known}', not '{step.MessageName}'.");
                }
            }

            switch (step.Stage)
            {
                case PipelineStage.PreValidation:
                case PipelineStage.PreOperation:
                case PipelineStage.PostOperation:
                    break;
                case PipelineStage.MainOperation:
                    throw Fail(source, "Stage", "stage 30 is the core operation; steps register on 10 (PreValidation), 20 (PreOperation) or 40 (PostOperation).");
                default:
                    throw Fail(source, "Stage", $"stage {(int)step.Stage} is not 10 (PreValidation), 20 (PreOperation) or 40 (PostOperation).");
            }

            if (step.Mode != StepMode.Synchronous && step.Mode != StepMode.Asynchronous)
            {
                throw Fail(source, "Mode", $"mode {(int)step.Mode} is not 0 (synchronous) or 1 (asynchronous).");
            }

            if (step.Mode == StepMode.Asynchronous && step.Stage != PipelineStage.PostOperation)
            {
                throw Fail(source, "Mode", $"an asynchronous step must be on stage 40 (PostOperation), not {(int)step.Stage}.");
            }

            if (step.AsyncAutoDelete && step.Mode != StepMode.Asynchronous)
            {
                throw Fail(source, "AsyncAutoDelete", "only an asynchronous step has a system job to delete.");
            }

            if (step.Rank < 0)
            {
                throw Fail(source, "Rank", $"rank {step.Rank} is negative.");
            }

            MessageRules rules = MessageRules.For(step.MessageName);

            if (rules.FixedPrimaryEntity is not null && step.PrimaryEntity is not null
                && !string.Equals(rules.FixedPrimaryEntity, step.PrimaryEntity, StringComparison.Ordinal))
            {
                throw Fail(source, "PrimaryEntity", $"message {step.MessageName} is raised on {rules.FixedPrimaryEntity} only, not on '{step.PrimaryEntity}'.");
            }

            if (step.PrimaryEntity is not null && (step.PrimaryEntity.Length == 0 || step.PrimaryEntity != step.PrimaryEntity.Trim()))
            {
                throw Fail(source, "PrimaryEntity", $"'{step.PrimaryEntity}' is not a table logical name.");
            }

            if (step.FilteringAttributes.Count > 0 && !rules.SupportsFilteringAttributes)
            {
                throw Fail(source, "FilteringAttributes",
                    $"filtering attributes apply to Update steps only; this step is on {step.MessageName}.");
            }

            var aliases = new HashSet<string>(StringComparer.Ordinal);
            var imageIds = new HashSet<Guid>();
            foreach (StepImageRegistration image in step.Images)
            {
                string at = $"SdkMessageProcessingStepImage[@Name='{image.Name}']";
                if (image.Id == Guid.Empty || !imageIds.Add(image.Id))
                {
                    throw Fail(source, at + "/SdkMessageProcessingStepImageId", "each image needs its own non-empty id.");
                }

                if (string.IsNullOrWhiteSpace(image.EntityAlias))
                {
                    throw Fail(source, at + "/EntityAlias", "the image needs an alias: plug-ins read it from PreEntityImages / PostEntityImages by that key.");
                }

                if (!aliases.Add(image.EntityAlias))
                {
                    throw Fail(source, at + "/EntityAlias", $"alias '{image.EntityAlias}' is used by two images of the same step.");
                }

                if (image.ImageType != StepImageType.PreImage && image.ImageType != StepImageType.PostImage && image.ImageType != StepImageType.Both)
                {
                    throw Fail(source, at + "/ImageType", $"image type {(int)image.ImageType} is not 0 (pre), 1 (post) or 2 (both).");
                }

                if (!rules.SupportsImages)
                {
                    throw Fail(source, at, $"message {step.MessageName} does not support entity images.");
                }

                if (image.IsPreImage && !rules.SupportsPreImage)
                {
                    throw Fail(source, at + "/ImageType", $"a {step.MessageName} step cannot have a pre-image: there is no row before the operation.");
                }

                if (image.IsPostImage && !rules.SupportsPostImage)
                {
                    throw Fail(source, at + "/ImageType", $"a {step.MessageName} step cannot have a post-image: there is no row after the operation.");
                }

                if (image.IsPostImage && step.Stage != PipelineStage.PostOperation)
                {
                    throw Fail(source, at + "/ImageType", $"post-images exist on stage 40 (PostOperation) only; this step is on stage {(int)step.Stage}.");
                }

                if (!string.Equals(image.MessagePropertyName, rules.ImagePropertyName, StringComparison.Ordinal))
                {
                    throw Fail(source, at + "/MessagePropertyName",
                        $"a {step.MessageName} image is taken of message property '{rules.ImagePropertyName}', not '{image.MessagePropertyName}'.");
                }
            }
        }

        private static StepRegistrationException Fail(string source, string element, string problem) => new StepRegistrationException(source, element, problem);

        internal static IReadOnlyList<string> SplitList(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return Array.Empty<string>();
            }

            return value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        }
    }
}
