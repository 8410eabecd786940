using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;

namespace Spm.WebApi.Actions
{
    /// <summary>
    /// The custom APIs of the solution, read from its customapis/ folder: built into this assembly (as the schema is into
    /// Spm.Dataverse), so the host reads nothing from disk; <see cref="FromFolder"/> reads an unpacked solution instead.
    /// </summary>
    public static class CustomApiCatalog
    {
        private const string ResourcePrefix = "solution/customapis/";

        private static readonly Lazy<IReadOnlyList<CustomApiDefinition>> Embedded = new Lazy<IReadOnlyList<CustomApiDefinition>>(ReadEmbedded);

        /// <summary>The custom APIs the solution ships, by unique name.</summary>
        public static IReadOnlyList<CustomApiDefinition> Default => Embedded.Value;

        /// <summary>The custom APIs of an unpacked solution (the folder holding customapis/).</summary>
        public static IReadOnlyList<CustomApiDefinition> FromFolder(string solutionFolder)
        {
            string root = Path.Combine(solutionFolder, "customapis");
            if (!Directory.Exists(root))
            {
                return Array.Empty<CustomApiDefinition>();
            }

            var files = Directory.EnumerateFiles(root, "*.xml", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => XDocument.Load(f), StringComparer.Ordinal);
            return Read(files);
        }

        private static IReadOnlyList<CustomApiDefinition> ReadEmbedded()
        {
            Assembly assembly = typeof(CustomApiCatalog).Assembly;
            var files = new Dictionary<string, XDocument>(StringComparer.Ordinal);
            foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
            {
                using Stream stream = assembly.GetManifestResourceStream(name)!;
                files[name.Substring(ResourcePrefix.Length)] = XDocument.Load(stream);
            }

            return Read(files);
        }

        /// <param name="files">The XML files under customapis/, by path relative to it ("spm_X/customapi.xml", "spm_X/customapirequestparameters/Amount/customapirequestparameter.xml").</param>
        private static IReadOnlyList<CustomApiDefinition> Read(IReadOnlyDictionary<string, XDocument> files)
        {
            var apis = new List<CustomApiDefinition>();
            foreach (KeyValuePair<string, XDocument> file in files.Where(f => f.Key.EndsWith("/customapi.xml", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                string folder = file.Key.Substring(0, file.Key.Length - "customapi.xml".Length);
                XElement api = file.Value.Root!;
                string uniqueName = Required(api.Attribute("uniquename")?.Value, file.Key, "uniquename");
                string? bound = Text(api, "boundentitylogicalname");
                apis.Add(new CustomApiDefinition(
                    uniqueName,
                    Text(api, "isfunction") == "1",
                    Text(api, "bindingtype") is "0" or null ? null : bound,
                    Fields(files, folder + "customapirequestparameters/", isParameter: true),
                    Fields(files, folder + "customapiresponseproperties/", isParameter: false)));
            }

            return apis;
        }

        private static IReadOnlyList<CustomApiField> Fields(IReadOnlyDictionary<string, XDocument> files, string folder, bool isParameter)
        {
            return files.Where(f => f.Key.StartsWith(folder, StringComparison.Ordinal))
                .OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f =>
                {
                    XElement field = f.Value.Root!;
                    string type = Required(Text(field, "type"), f.Key, "type");
                    return new CustomApiField(
                        Required(field.Attribute("uniquename")?.Value, f.Key, "uniquename"),
                        (CustomApiFieldType)int.Parse(type, NumberStyles.None, CultureInfo.InvariantCulture),
                        isParameter && Text(field, "isoptional") == "1",
                        Text(field, "logicalentityname"));
                })
                .ToList();
        }

        private static string? Text(XElement parent, string name)
        {
            string? value = parent.Element(name)?.Value.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        private static string Required(string? value, string file, string name) =>
            value ?? throw new InvalidDataException($"customapis/{file} has no {name}.");
    }
}
