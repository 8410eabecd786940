using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Spm.Dataverse.Registration
{
    /// <summary>
    /// Writes step registrations in SolutionPackager's unpacked layout, byte for byte the same for the same step, so the
    /// tests and the solution packer produce identical files. The inverse of <see cref="StepRegistrationReader"/>.
    /// </summary>
    /// <remarks>
    /// Format: UTF-8 without BOM, two-space indent, LF line ends. The step's own id is written in braces (attribute and
    /// file name), references (PluginTypeId, SdkMessageId, EventHandler, image ids) as plain lower-case GUIDs; booleans
    /// as 0/1. Optional elements are omitted when empty; PrimaryEntity is omitted for a step on every table.
    /// </remarks>
    public sealed class StepRegistrationWriter
    {
        private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

        private readonly SdkMessageCatalog _catalog;

        public StepRegistrationWriter(SdkMessageCatalog? catalog = null)
        {
            _catalog = catalog ?? SdkMessageCatalog.Standard;
        }

        /// <summary>"{guid}.xml", the file SolutionPackager keeps a step in.</summary>
        public static string FileNameFor(Guid stepId) => stepId.ToString("B", CultureInfo.InvariantCulture) + ".xml";

        /// <summary>The step as a document. Validates first, so a step that the reader would reject is never written.</summary>
        public XDocument ToXml(StepRegistration step)
        {
            ArgumentNullException.ThrowIfNull(step);
            Guid messageId = step.SdkMessageId;
            if (messageId == Guid.Empty && !_catalog.TryGetId(step.MessageName, out messageId))
            {
                throw new StepRegistrationException("step " + step.Name, "SdkMessageId",
                    $"the sdkmessage id of message '{step.MessageName}' is not known; add it to the catalog with WithMessage.");
            }

            StepRegistration complete = step with { SdkMessageId = messageId };
            StepRegistrationValidator.Validate(complete, "step " + step.Name, _catalog);

            var root = new XElement("SdkMessageProcessingStep",
                new XAttribute("Name", complete.Name),
                new XAttribute("SdkMessageProcessingStepId", complete.Id.ToString("B", CultureInfo.InvariantCulture)),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName));

            root.Add(new XElement("PluginTypeName", complete.PluginTypeName));
            root.Add(new XElement("PluginTypeId", G(complete.PluginTypeId)));
            if (complete.PrimaryEntity is not null)
            {
                root.Add(new XElement("PrimaryEntity", complete.PrimaryEntity));
            }

            root.Add(new XElement("AsyncAutoDelete", B(complete.AsyncAutoDelete)));
            AddIfPresent(root, "Configuration", complete.Configuration);
            AddIfPresent(root, "Description", complete.Description);
            if (complete.FilteringAttributes.Count > 0)
            {
                root.Add(new XElement("FilteringAttributes", string.Join(",", complete.FilteringAttributes)));
            }

            AddIfPresent(root, "ImpersonatingUserIdName", complete.ImpersonatingUserIdName);
            root.Add(new XElement("InvocationSource", I(complete.InvocationSource)));
            root.Add(new XElement("Mode", I((int)complete.Mode)));
            root.Add(new XElement("Rank", I(complete.Rank)));
            root.Add(new XElement("SdkMessageId", G(complete.SdkMessageId)));
            root.Add(new XElement("EventHandler", G(complete.PluginTypeId)));
            root.Add(new XElement("EventHandlerTypeCode", "4602"));
            root.Add(new XElement("Stage", I((int)complete.Stage)));
            root.Add(new XElement("IsCustomizable", B(complete.IsCustomizable)));
            root.Add(new XElement("IsHidden", B(complete.IsHidden)));
            root.Add(new XElement("SupportedDeployment", I(complete.SupportedDeployment)));
            root.Add(new XElement("IntroducedVersion", complete.IntroducedVersion));

            if (complete.Images.Count > 0)
            {
                root.Add(new XElement("SdkMessageProcessingStepImages",
                    complete.Images.Select(image => new XElement("SdkMessageProcessingStepImage",
                        new XAttribute("Name", image.Name),
                        new XElement("SdkMessageProcessingStepImageId", G(image.Id)),
                        image.Attributes.Count > 0 ? new XElement("Attributes", string.Join(",", image.Attributes)) : null,
                        new XElement("EntityAlias", image.EntityAlias),
                        new XElement("ImageType", I((int)image.ImageType)),
                        new XElement("MessagePropertyName", image.MessagePropertyName),
                        new XElement("IsCustomizable", B(image.IsCustomizable)),
                        new XElement("IntroducedVersion", image.IntroducedVersion)))));
            }

            return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        }

        /// <summary>The file's exact text.</summary>
        public string ToXmlString(StepRegistration step)
        {
            XDocument document = ToXml(step);
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(false),
                Indent = true,
                IndentChars = "  ",
                NewLineChars = "\n",
                NewLineHandling = NewLineHandling.Replace,
            };
            using var stream = new MemoryStream();
            using (XmlWriter writer = XmlWriter.Create(stream, settings))
            {
                document.Save(writer);
            }

            return new UTF8Encoding(false).GetString(stream.ToArray()) + "\n";
        }

        /// <summary>Writes <c>{solutionFolder}/SdkMessageProcessingSteps/{step-guid}.xml</c> and returns its path.</summary>
        public string WriteFile(StepRegistration step, string solutionFolder)
        {
            ArgumentNullException.ThrowIfNull(step);
            string folder = Path.Combine(solutionFolder, StepRegistrationReader.StepsFolderName);
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, FileNameFor(step.Id));
            File.WriteAllText(path, ToXmlString(step), new UTF8Encoding(false));
            return path;
        }

        private static void AddIfPresent(XElement root, string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                root.Add(new XElement(name, value));
            }
        }

        private static string G(Guid value) => value.ToString("D", CultureInfo.InvariantCulture);

        private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string B(bool value) => value ? "1" : "0";
    }
}
