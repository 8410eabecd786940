using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.Dataverse.Registration
{
    /// <summary>
    /// One SdkMessageProcessingStep: which plug-in type runs on which message, table, stage and mode, with its images.
    /// The same data the solution ships (see <see cref="StepRegistrationWriter"/>) and the pipeline simulator executes.
    /// </summary>
    public sealed record StepRegistration
    {
        private IReadOnlyList<string> _filteringAttributes = Array.Empty<string>();
        private IReadOnlyList<StepImageRegistration> _images = Array.Empty<StepImageRegistration>();

        /// <summary>SdkMessageProcessingStepId.</summary>
        public required Guid Id { get; init; }

        /// <summary>The step name; the Plug-in Registration Tool writes "{type}: {message} of {table}".</summary>
        public required string Name { get; init; }

        /// <summary>"Namespace.Type, AssemblyName, Version=…, Culture=neutral, PublicKeyToken=…".</summary>
        public required string PluginTypeName { get; init; }

        public Guid PluginTypeId { get; init; }

        /// <summary>
        /// For a step whose event handler is a service endpoint (EventHandlerTypeCode 4618, e.g. a webhook): the endpoint's id.
        /// Such a step has no plug-in type (<see cref="PluginTypeName"/> is empty); the pipeline records a post instead.
        /// </summary>
        public Guid? ServiceEndpointId { get; init; }

        /// <summary>The sdkmessage name (Create, Update, Win, a custom API name …).</summary>
        public required string MessageName { get; init; }

        /// <summary>The sdkmessage id; <see cref="Guid.Empty"/> when it is not known here (a post-import step naming its message by name, or a step built in code).</summary>
        public Guid SdkMessageId { get; init; }

        /// <summary>The table (logical name); null for a step on every table or a global message.</summary>
        public string? PrimaryEntity { get; init; }

        public required PipelineStage Stage { get; init; }

        public StepMode Mode { get; init; } = StepMode.Synchronous;

        /// <summary>Order among the steps of the same stage; lower runs first.</summary>
        public int Rank { get; init; } = 1;

        /// <summary>Update steps run only when the Target carries one of these columns; empty: on every update.</summary>
        public IReadOnlyList<string> FilteringAttributes
        {
            get => _filteringAttributes;
            init => _filteringAttributes = (value ?? Array.Empty<string>()).ToArray();
        }

        /// <summary>The unsecure configuration passed to the plug-in's constructor.</summary>
        public string? Configuration { get; init; }

        public string? Description { get; init; }

        /// <summary>The user the step runs as (by domain name, which survives a move between environments); null: the calling user.</summary>
        public string? ImpersonatingUserIdName { get; init; }

        /// <summary>Delete the system job of a successful asynchronous step.</summary>
        public bool AsyncAutoDelete { get; init; }

        public int InvocationSource { get; init; }

        public int SupportedDeployment { get; init; }

        public bool IsCustomizable { get; init; } = true;

        public bool IsHidden { get; init; }

        public string IntroducedVersion { get; init; } = "1.0";

        public IReadOnlyList<StepImageRegistration> Images
        {
            get => _images;
            init => _images = (value ?? Array.Empty<StepImageRegistration>()).ToArray();
        }

        /// <summary>"Namespace.Type" from <see cref="PluginTypeName"/>.</summary>
        public string PluginTypeFullName => PluginTypeName.Split(',')[0].Trim();

        /// <summary>The assembly's simple name from <see cref="PluginTypeName"/>, or null when it names none.</summary>
        public string? PluginAssemblyName
        {
            get
            {
                string[] parts = PluginTypeName.Split(',');
                return parts.Length > 1 ? parts[1].Trim() : null;
            }
        }

        /// <summary>
        /// A step built in code, named as the Plug-in Registration Tool names it. The sdkmessage id comes from
        /// <paramref name="catalog"/> (the standard one when null) and stays empty when the catalog does not know the message.
        /// </summary>
        public static StepRegistration For(
            string messageName,
            string? primaryEntity,
            PipelineStage stage,
            Type pluginType,
            StepMode mode = StepMode.Synchronous,
            int rank = 1,
            SdkMessageCatalog? catalog = null)
        {
            ArgumentNullException.ThrowIfNull(pluginType);
            (catalog ?? SdkMessageCatalog.Standard).TryGetId(messageName, out Guid messageId);
            string typeName = pluginType.FullName ?? pluginType.Name;
            return new StepRegistration
            {
                Id = Guid.NewGuid(),
                Name = $"{typeName}: {messageName} of {primaryEntity ?? "any Entity"}",
                PluginTypeName = pluginType.AssemblyQualifiedName ?? typeName,
                PluginTypeId = Guid.NewGuid(),
                MessageName = messageName,
                SdkMessageId = messageId,
                PrimaryEntity = primaryEntity,
                Stage = stage,
                Mode = mode,
                Rank = rank,
            };
        }

        public bool Equals(StepRegistration? other)
        {
            return other is not null
                && Id == other.Id
                && Name == other.Name
                && PluginTypeName == other.PluginTypeName
                && PluginTypeId == other.PluginTypeId
                && ServiceEndpointId == other.ServiceEndpointId
                && MessageName == other.MessageName
                && SdkMessageId == other.SdkMessageId
                && PrimaryEntity == other.PrimaryEntity
                && Stage == other.Stage
                && Mode == other.Mode
                && Rank == other.Rank
                && FilteringAttributes.SequenceEqual(other.FilteringAttributes)
                && Configuration == other.Configuration
                && Description == other.Description
                && ImpersonatingUserIdName == other.ImpersonatingUserIdName
                && AsyncAutoDelete == other.AsyncAutoDelete
                && InvocationSource == other.InvocationSource
                && SupportedDeployment == other.SupportedDeployment
                && IsCustomizable == other.IsCustomizable
                && IsHidden == other.IsHidden
                && IntroducedVersion == other.IntroducedVersion
                && Images.SequenceEqual(other.Images);
        }

        public override int GetHashCode() => HashCode.Combine(Id, MessageName, PrimaryEntity, Stage, Mode, Rank);
    }

    /// <summary>One SdkMessageProcessingStepImage of a step.</summary>
    public sealed record StepImageRegistration
    {
        private IReadOnlyList<string> _attributes = Array.Empty<string>();

        /// <summary>SdkMessageProcessingStepImageId.</summary>
        public required Guid Id { get; init; }

        public required string Name { get; init; }

        /// <summary>The key of the image in PreEntityImages / PostEntityImages.</summary>
        public required string EntityAlias { get; init; }

        public required StepImageType ImageType { get; init; }

        /// <summary>Target, Id (Create) or EntityMoniker (SetState).</summary>
        public required string MessagePropertyName { get; init; }

        /// <summary>The columns the image carries; empty: all columns.</summary>
        public IReadOnlyList<string> Attributes
        {
            get => _attributes;
            init => _attributes = (value ?? Array.Empty<string>()).ToArray();
        }

        public bool IsCustomizable { get; init; } = true;

        public string IntroducedVersion { get; init; } = "1.0";

        public bool IsPreImage => ImageType == StepImageType.PreImage || ImageType == StepImageType.Both;

        public bool IsPostImage => ImageType == StepImageType.PostImage || ImageType == StepImageType.Both;

        public bool Equals(StepImageRegistration? other)
        {
            return other is not null
                && Id == other.Id
                && Name == other.Name
                && EntityAlias == other.EntityAlias
                && ImageType == other.ImageType
                && MessagePropertyName == other.MessagePropertyName
                && Attributes.SequenceEqual(other.Attributes)
                && IsCustomizable == other.IsCustomizable
                && IntroducedVersion == other.IntroducedVersion;
        }

        public override int GetHashCode() => HashCode.Combine(Id, EntityAlias, ImageType);
    }
}
