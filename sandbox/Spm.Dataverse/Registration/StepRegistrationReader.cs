using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace Spm.Dataverse.Registration
{
    /// <summary>
    /// Reads step registrations from SolutionPackager's unpacked layout: one file per step,
    /// <c>SdkMessageProcessingSteps/{step-guid}.xml</c>, root <c>&lt;SdkMessageProcessingStep&gt;</c>; and the steps an admin
    /// registers after the import, <c>PostImportSteps/{step-guid}.xml</c>, the same shape naming the message by
    /// <c>&lt;SdkMessageName&gt;</c> instead of <c>&lt;SdkMessageId&gt;</c>.
    /// Every problem is reported as a <see cref="StepRegistrationException"/> naming the file and the element.
    /// </summary>
    public sealed class StepRegistrationReader
    {
        /// <summary>The folder of step files in an unpacked solution.</summary>
        public const string StepsFolderName = "SdkMessageProcessingSteps";

        /// <summary>
        /// The folder of steps the solution does not pack, because their sdkmessage id differs per organization or is not
        /// published (Win, Lose): an admin registers them after the import (spm-solution register-steps).
        /// </summary>
        public const string PostImportStepsFolderName = "PostImportSteps";

        /// <summary>EventHandlerTypeCode of a plug-in step (plugintype's object type code).</summary>
        public const int PluginTypeCode = 4602;

        /// <summary>EventHandlerTypeCode of a step that posts to a service endpoint (serviceendpoint's object type code).</summary>
        public const int ServiceEndpointTypeCode = 4618;

        private readonly SdkMessageCatalog _catalog;

        public StepRegistrationReader(SdkMessageCatalog? catalog = null)
        {
            _catalog = catalog ?? SdkMessageCatalog.Standard;
        }

        /// <summary>
        /// All steps of an unpacked solution: <paramref name="folder"/> is either the solution root (holding
        /// <c>SdkMessageProcessingSteps/</c> and <c>PostImportSteps/</c>, read in that order) or one of those folders itself.
        /// Files are read in name order; a missing folder means no steps.
        /// </summary>
        public IReadOnlyList<StepRegistration> ReadFolder(string folder)
        {
            ArgumentNullException.ThrowIfNull(folder);
            string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
            IEnumerable<(string Folder, MessageNaming Naming)> folders = name switch
            {
                StepsFolderName => new[] { (folder, MessageNaming.ById) },
                PostImportStepsFolderName => new[] { (folder, MessageNaming.ByName) },
                _ => new[] { (Path.Combine(folder, StepsFolderName), MessageNaming.ById), (Path.Combine(folder, PostImportStepsFolderName), MessageNaming.ByName) },
            };

            var steps = new List<StepRegistration>();
            var seen = new Dictionary<Guid, string>();
            foreach ((string stepsFolder, MessageNaming naming) in folders.Where(f => Directory.Exists(f.Folder)))
            {
                foreach (string path in Directory.EnumerateFiles(stepsFolder, "*.xml").OrderBy(p => p, StringComparer.Ordinal))
                {
                    StepRegistration step = ReadFile(path, naming);
                    if (seen.TryGetValue(step.Id, out string? other))
                    {
                        throw new StepRegistrationException(path, "SdkMessageProcessingStep/@SdkMessageProcessingStepId",
                            $"step id {step.Id:D} is also used by {other}.");
                    }

                    seen.Add(step.Id, path);
                    steps.Add(step);
                }
            }

            return steps;
        }

        /// <summary>One step file. Its name must be the step id, as SolutionPackager writes it.</summary>
        public StepRegistration ReadFile(string path) => ReadFile(path, MessageNaming.Either);

        private StepRegistration ReadFile(string path, MessageNaming naming)
        {
            ArgumentNullException.ThrowIfNull(path);
            XDocument document;
            try
            {
                document = XDocument.Load(path, LoadOptions.SetLineInfo);
            }
            catch (XmlException ex)
            {
                throw new StepRegistrationException(path, "(document)", $"not well-formed XML: {ex.Message}", ex);
            }

            StepRegistration step = Read(document, path, naming);
            string stem = Path.GetFileNameWithoutExtension(path);
            if (!Guid.TryParse(stem.Trim('{', '}'), out Guid fileId) || fileId != step.Id)
            {
                throw new StepRegistrationException(path, "SdkMessageProcessingStep/@SdkMessageProcessingStepId",
                    $"the file is named '{Path.GetFileName(path)}' but holds step {step.Id:B}; SolutionPackager names each file by its step id.");
            }

            return step;
        }

        /// <summary>A step from XML text; <paramref name="source"/> names it in errors.</summary>
        public StepRegistration ReadXml(string xml, string source)
        {
            ArgumentNullException.ThrowIfNull(xml);
            XDocument document;
            try
            {
                document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
            }
            catch (XmlException ex)
            {
                throw new StepRegistrationException(source, "(document)", $"not well-formed XML: {ex.Message}", ex);
            }

            return Read(document, source);
        }

        public StepRegistration Read(XDocument document, string source) => Read(document, source, MessageNaming.Either);

        private StepRegistration Read(XDocument document, string source, MessageNaming naming)
        {
            ArgumentNullException.ThrowIfNull(document);
            XElement? root = document.Root;
            if (root is null || root.Name.LocalName != "SdkMessageProcessingStep")
            {
                throw new StepRegistrationException(source, root?.Name.LocalName ?? "(document)",
                    "the root element must be <SdkMessageProcessingStep>.");
            }

            string name = RequiredAttribute(root, "Name", source);
            Guid id = ParseGuid(RequiredAttribute(root, "SdkMessageProcessingStepId", source), source, "SdkMessageProcessingStep/@SdkMessageProcessingStepId");

            (string messageName, Guid messageId) = ReadMessage(root, source, naming);

            int eventHandlerType = Optional(root, "EventHandlerTypeCode") is { } typeCodeText ? ParseInt(typeCodeText, source, "EventHandlerTypeCode") : PluginTypeCode;
            if (eventHandlerType != PluginTypeCode && eventHandlerType != ServiceEndpointTypeCode)
            {
                throw new StepRegistrationException(source, "EventHandlerTypeCode",
                    $"event handler type {eventHandlerType} is not 4602 (plugintype) or 4618 (serviceendpoint).");
            }

            Guid? serviceEndpointId = null;
            string pluginTypeName;
            Guid pluginTypeId;
            if (eventHandlerType == ServiceEndpointTypeCode)
            {
                serviceEndpointId = ParseGuid(Required(root, "EventHandler", source), source, "EventHandler");
                if (Optional(root, "PluginTypeName") is { Length: > 0 })
                {
                    throw new StepRegistrationException(source, "PluginTypeName", "a step on a service endpoint (EventHandlerTypeCode 4618) runs no plug-in type.");
                }

                pluginTypeName = string.Empty;
                pluginTypeId = Guid.Empty;
            }
            else
            {
                pluginTypeName = Required(root, "PluginTypeName", source);
                pluginTypeId = Optional(root, "PluginTypeId") is { } typeIdText ? ParseGuid(typeIdText, source, "PluginTypeId") : Guid.Empty;
                if (Optional(root, "EventHandler") is { } handlerText)
                {
                    Guid handler = ParseGuid(handlerText, source, "EventHandler");
                    if (pluginTypeId != Guid.Empty && handler != pluginTypeId)
                    {
                        throw new StepRegistrationException(source, "EventHandler", $"event handler {handler:D} is not the step's plug-in type {pluginTypeId:D}.");
                    }

                    if (pluginTypeId == Guid.Empty)
                    {
                        pluginTypeId = handler;
                    }
                }
            }

            string? primaryEntity = Optional(root, "PrimaryEntity");
            int stage = ParseInt(Required(root, "Stage", source), source, "Stage");
            int mode = ParseInt(Required(root, "Mode", source), source, "Mode");
            int rank = ParseInt(Required(root, "Rank", source), source, "Rank");

            var images = new List<StepImageRegistration>();
            XElement? imagesElement = root.Element("SdkMessageProcessingStepImages");
            if (imagesElement is not null)
            {
                foreach (XElement imageElement in imagesElement.Elements())
                {
                    if (imageElement.Name.LocalName != "SdkMessageProcessingStepImage")
                    {
                        throw new StepRegistrationException(source, "SdkMessageProcessingStepImages/" + imageElement.Name.LocalName,
                            "only <SdkMessageProcessingStepImage> elements belong here.");
                    }

                    images.Add(ReadImage(imageElement, source));
                }
            }

            var step = new StepRegistration
            {
                Id = id,
                Name = name,
                PluginTypeName = pluginTypeName,
                PluginTypeId = pluginTypeId,
                ServiceEndpointId = serviceEndpointId,
                MessageName = messageName,
                SdkMessageId = messageId,
                PrimaryEntity = string.IsNullOrWhiteSpace(primaryEntity) || primaryEntity == "none" ? null : primaryEntity,
                Stage = (PipelineStage)stage,
                Mode = (StepMode)mode,
                Rank = rank,
                FilteringAttributes = StepRegistrationValidator.SplitList(Optional(root, "FilteringAttributes")),
                Configuration = Optional(root, "Configuration"),
                Description = Optional(root, "Description"),
                ImpersonatingUserIdName = Optional(root, "ImpersonatingUserIdName") is { Length: > 0 } user ? user : null,
                AsyncAutoDelete = Optional(root, "AsyncAutoDelete") is { } autoDelete && ParseBool(autoDelete, source, "AsyncAutoDelete"),
                InvocationSource = Optional(root, "InvocationSource") is { } invocation ? ParseInt(invocation, source, "InvocationSource") : 0,
                SupportedDeployment = Optional(root, "SupportedDeployment") is { } deployment ? ParseInt(deployment, source, "SupportedDeployment") : 0,
                IsCustomizable = Optional(root, "IsCustomizable") is not { } customizable || ParseBool(customizable, source, "IsCustomizable"),
                IsHidden = Optional(root, "IsHidden") is { } hidden && ParseBool(hidden, source, "IsHidden"),
                IntroducedVersion = Optional(root, "IntroducedVersion") ?? "1.0",
                Images = images,
            };

            StepRegistrationValidator.Validate(step, source, _catalog);
            return step;
        }

        /// <summary>The message by id (a packed step) or by name (a post-import step, its id looked up in the org).</summary>
        private (string Name, Guid Id) ReadMessage(XElement root, string source, MessageNaming naming)
        {
            string? byName = Optional(root, "SdkMessageName");
            string? byId = Optional(root, "SdkMessageId");
            if (byName is not null && byId is not null)
            {
                throw new StepRegistrationException(source, "SdkMessageName",
                    "name the message once: by SdkMessageId (a step the solution packs) or by SdkMessageName (a step registered after the import).");
            }

            if (byName is not null)
            {
                if (naming == MessageNaming.ById)
                {
                    throw new StepRegistrationException(source, "SdkMessageName",
                        $"a step in {StepsFolderName}/ is packed and imported, so it names its message by SdkMessageId; a step that names it by name belongs in {PostImportStepsFolderName}/.");
                }

                if (byName.Length == 0)
                {
                    throw new StepRegistrationException(source, "SdkMessageName", "the element SdkMessageName is empty.");
                }

                return (byName, _catalog.TryGetId(byName, out Guid known) ? known : Guid.Empty);
            }

            if (naming == MessageNaming.ByName)
            {
                throw new StepRegistrationException(source, "SdkMessageName",
                    $"a step in {PostImportStepsFolderName}/ names its message by SdkMessageName (its id is looked up in the org after the import); one with a known SdkMessageId belongs in {StepsFolderName}/.");
            }

            Guid messageId = ParseGuid(Required(root, "SdkMessageId", source), source, "SdkMessageId");
            if (!_catalog.TryGetName(messageId, out string messageName))
            {
                throw new StepRegistrationException(source, "SdkMessageId",
                    $"unknown sdkmessage id {messageId:D}: it is not a standard message this catalog knows, nor a registered custom message.");
            }

            return (messageName, messageId);
        }

        private static StepImageRegistration ReadImage(XElement element, string source)
        {
            string imageName = element.Attribute("Name")?.Value ?? string.Empty;
            string at = $"SdkMessageProcessingStepImage[@Name='{imageName}']";
            if (imageName.Length == 0)
            {
                throw new StepRegistrationException(source, "SdkMessageProcessingStepImage/@Name", "the image needs a name.");
            }

            return new StepImageRegistration
            {
                Id = ParseGuid(Required(element, "SdkMessageProcessingStepImageId", source, at), source, at + "/SdkMessageProcessingStepImageId"),
                Name = imageName,
                EntityAlias = Required(element, "EntityAlias", source, at),
                ImageType = (StepImageType)ParseInt(Required(element, "ImageType", source, at), source, at + "/ImageType"),
                MessagePropertyName = Required(element, "MessagePropertyName", source, at),
                Attributes = StepRegistrationValidator.SplitList(Optional(element, "Attributes")),
                IsCustomizable = Optional(element, "IsCustomizable") is not { } customizable || ParseBool(customizable, source, at + "/IsCustomizable"),
                IntroducedVersion = Optional(element, "IntroducedVersion") ?? "1.0",
            };
        }

        private static string RequiredAttribute(XElement element, string name, string source)
        {
            string? value = element.Attribute(name)?.Value;
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new StepRegistrationException(source, $"{element.Name.LocalName}/@{name}", $"the attribute {name} is missing.");
            }

            return value.Trim();
        }

        private static string Required(XElement parent, string name, string source, string? at = null)
        {
            string? value = Optional(parent, name);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new StepRegistrationException(source, at is null ? name : at + "/" + name, $"the element {name} is missing or empty.");
            }

            return value;
        }

        private static string? Optional(XElement parent, string name)
        {
            XElement? child = parent.Element(name);
            return child?.Value.Trim();
        }

        private static Guid ParseGuid(string text, string source, string element)
        {
            if (!Guid.TryParse(text.Trim(), out Guid value) || value == Guid.Empty)
            {
                throw new StepRegistrationException(source, element, $"'{text}' is not a non-empty GUID.");
            }

            return value;
        }

        private static int ParseInt(string text, string source, string element)
        {
            if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            {
                throw new StepRegistrationException(source, element, $"'{text}' is not a whole number.");
            }

            return value;
        }

        private static bool ParseBool(string text, string source, string element)
        {
            switch (text.Trim())
            {
                case "0":
                case "false":
                    return false;
                case "1":
                case "true":
                    return true;
                default:
                    throw new StepRegistrationException(source, element, $"'{text}' is not 0 or 1.");
            }
        }

        /// <summary>How the file in a folder must name its message.</summary>
        private enum MessageNaming
        {
            Either,
            ById,
            ByName,
        }
    }
}
