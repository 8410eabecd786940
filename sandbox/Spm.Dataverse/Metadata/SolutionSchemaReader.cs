using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;

namespace Spm.Dataverse.Metadata
{
    /// <summary>
    /// Reads <see cref="SolutionSchema"/> from the files of an unpacked solution, as SolutionPackager lays them out:
    /// Entities/&lt;table&gt;/Entity.xml, OptionSets/&lt;choice&gt;.xml and Other/Relationships/&lt;table&gt;.xml. A table the
    /// platform has (a name without the publisher prefix) contributes only its spm_ columns; every other one is a new table.
    /// </summary>
    internal static class SolutionSchemaReader
    {
        /// <summary>The publisher's customization prefix: tables and columns with it are the solution's own.</summary>
        public const string PublisherPrefix = "spm_";

        private static readonly string[] SchemaFolders = { "Entities", "OptionSets", Path.Combine("Other", "Relationships") };

        /// <summary>The prefix of the solution files embedded in this assembly (see Spm.Dataverse.csproj).</summary>
        public const string ResourcePrefix = "solution/";

        private static readonly Lazy<SolutionSchema> EmbeddedSchema = new Lazy<SolutionSchema>(ReadEmbedded);

        /// <summary>The schema of solution/ as built into this assembly, read once.</summary>
        public static SolutionSchema Embedded => EmbeddedSchema.Value;

        /// <summary>Reads the unpacked solution in <paramref name="folder"/> (the folder holding Entities/ and Other/).</summary>
        public static SolutionSchema ReadFolder(string folder)
        {
            string root = Path.GetFullPath(folder);
            if (!Directory.Exists(Path.Combine(root, "Entities")))
            {
                throw new DirectoryNotFoundException($"'{root}' is not an unpacked solution: it has no Entities folder.");
            }

            var files = SchemaFolders.Select(f => Path.Combine(root, f)).Where(Directory.Exists)
                .SelectMany(f => Directory.EnumerateFiles(f, "*.xml", SearchOption.AllDirectories))
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .ToDictionary(p => p, p => (Func<Stream>)(() => File.OpenRead(Path.Combine(root, p))), StringComparer.Ordinal);
            return Read(files);
        }

        private static SolutionSchema ReadEmbedded()
        {
            Assembly assembly = typeof(SolutionSchemaReader).Assembly;
            var files = assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                .ToDictionary(n => n.Substring(ResourcePrefix.Length).Replace('\\', '/'), n => (Func<Stream>)(() => assembly.GetManifestResourceStream(n)!), StringComparer.Ordinal);
            if (!files.Keys.Any(IsEntityFile))
            {
                throw new InvalidOperationException($"{assembly.GetName().Name} was built without the solution's Entity.xml files (EmbeddedResource {ResourcePrefix}Entities/...).");
            }

            return Read(files);
        }

        /// <summary>Reads the schema from files by their path relative to the solution folder ('/'-separated).</summary>
        public static SolutionSchema Read(IReadOnlyDictionary<string, Func<Stream>> files)
        {
            var choices = new Dictionary<string, IReadOnlyList<KeyValuePair<int, string>>>(StringComparer.Ordinal);
            foreach (string path in files.Keys.Where(p => p.StartsWith("OptionSets/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                XElement optionSet = Load(files, path);
                string name = (string?)optionSet.Attribute("Name") ?? throw Problem(path, "the optionset has no Name.");
                choices[name] = Options(optionSet.Element("options"), "option");
            }

            var tables = files.Keys.Where(IsEntityFile).Order(StringComparer.Ordinal)
                .Select(path => ReadTable(path, Load(files, path), choices))
                .ToList();

            var relationships = files.Keys.Where(p => p.StartsWith("Other/Relationships/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                .SelectMany(path => ReadRelationships(path, Load(files, path)))
                .ToList();

            return new SolutionSchema(tables, relationships);
        }

        private static bool IsEntityFile(string path) =>
            path.StartsWith("Entities/", StringComparison.Ordinal) && path.EndsWith("/Entity.xml", StringComparison.Ordinal);

        private static XElement Load(IReadOnlyDictionary<string, Func<Stream>> files, string path)
        {
            using Stream stream = files[path]();
            return XDocument.Load(stream).Root ?? throw Problem(path, "the file is empty.");
        }

        private static SolutionTable ReadTable(
            string path, XElement document, IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<int, string>>> choices)
        {
            string schemaName = document.Element("Name")?.Value ?? throw Problem(path, "Entity has no Name.");
            string logicalName = schemaName.ToLowerInvariant();
            XElement entity = document.Element("EntityInfo")?.Element("entity") ?? throw Problem(path, "Entity has no EntityInfo/entity.");
            XElement[] attributes = entity.Element("attributes")?.Elements("attribute").ToArray() ?? Array.Empty<XElement>();
            bool isNew = logicalName.StartsWith(PublisherPrefix, StringComparison.Ordinal);
            var columns = attributes.Select(a => ReadColumn(path, logicalName, a, choices)).ToList();
            if (!isNew)
            {
                // The solution ships only its own columns of a platform table (behavior 2), never the platform's.
                SolutionColumn? foreign = columns.FirstOrDefault(c => !c.LogicalName.StartsWith(PublisherPrefix, StringComparison.Ordinal));
                if (foreign is not null)
                {
                    throw Problem(path, $"{logicalName}.{foreign.LogicalName} is a platform column of a platform table; only spm_ columns may be added to it.");
                }

                return new SolutionTable(path, logicalName, false, null, null, OwnershipType.OrganizationOwned, null, false,
                    Array.Empty<StateDefinition>(), columns, Array.Empty<KeyValuePair<string, IReadOnlyList<string>>>());
            }

            string primaryId = attributes.Where(a => a.Element("Type")?.Value == "primarykey").Select(a => a.Element("LogicalName")!.Value).SingleOrDefault()
                ?? throw Problem(path, $"table {logicalName} has no single primarykey attribute.");
            string? primaryName = attributes.Where(a => (a.Element("DisplayMask")?.Value ?? string.Empty).Split('|').Contains("PrimaryName"))
                .Select(a => a.Element("LogicalName")!.Value).SingleOrDefault();
            string ownershipMask = entity.Element("OwnershipTypeMask")?.Value ?? throw Problem(path, $"table {logicalName} has no OwnershipTypeMask.");
            OwnershipType ownership = ownershipMask switch
            {
                "UserOwned" => OwnershipType.UserOwned,
                "OrgOwned" => OwnershipType.OrganizationOwned,
                _ => throw Problem(path, $"table {logicalName}: OwnershipTypeMask '{ownershipMask}' is neither UserOwned nor OrgOwned."),
            };
            string entitySetName = entity.Element("EntitySetName")?.Value is { Length: > 0 } set ? set : throw Problem(path, $"table {logicalName} has no EntitySetName.");
            bool hasCurrency = columns.Any(c => c.LogicalName == "transactioncurrencyid");

            var keys = (entity.Element("EntityKeys")?.Elements("EntityKey") ?? Enumerable.Empty<XElement>())
                .Select(k => new KeyValuePair<string, IReadOnlyList<string>>(
                    k.Element("LogicalName")?.Value ?? throw Problem(path, $"table {logicalName}: an EntityKey has no LogicalName."),
                    k.Element("EntityKeyAttributes")?.Elements("AttributeName").Select(n => n.Value).ToArray() ?? Array.Empty<string>()))
                .ToList();

            return new SolutionTable(path, logicalName, true, primaryId, primaryName, ownership, entitySetName, hasCurrency,
                ReadStates(path, logicalName, attributes), columns, keys);
        }

        /// <summary>statecode's states, each with the statuscode values whose state it is, its default status first.</summary>
        private static IReadOnlyList<StateDefinition> ReadStates(string path, string table, XElement[] attributes)
        {
            XElement? states = attributes.FirstOrDefault(a => a.Element("Type")?.Value == "state")?.Element("optionset")?.Element("states");
            if (states is null)
            {
                return Array.Empty<StateDefinition>();
            }

            XElement[] statuses = attributes.FirstOrDefault(a => a.Element("Type")?.Value == "status")?.Element("optionset")?.Element("statuses")?.Elements("status").ToArray()
                ?? throw Problem(path, $"table {table} has statecode but no statuscode statuses.");
            return states.Elements("state").Select(state =>
            {
                int value = Int(path, table, state, "value");
                int defaultStatus = Int(path, table, state, "defaultstatus");
                var own = statuses.Where(s => Int(path, table, s, "state") == value).Select(s => Int(path, table, s, "value")).ToList();
                if (!own.Remove(defaultStatus))
                {
                    throw Problem(path, $"table {table}: state {value}'s defaultstatus {defaultStatus} is not a status of that state.");
                }

                own.Insert(0, defaultStatus);
                return new StateDefinition(value, (string?)state.Attribute("invariantname") ?? Label(state) ?? value.ToString(CultureInfo.InvariantCulture), own);
            }).ToList();
        }

        private static SolutionColumn ReadColumn(
            string path, string table, XElement attribute, IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<int, string>>> choices)
        {
            string name = attribute.Element("LogicalName")?.Value ?? throw Problem(path, $"table {table}: an attribute has no LogicalName.");
            string where = $"{table}.{name}";
            string type = attribute.Element("Type")?.Value ?? throw Problem(path, $"{where} has no Type.");
            ColumnType columnType = type switch
            {
                "primarykey" or "uniqueidentifier" => ColumnType.Uniqueidentifier,
                "nvarchar" => ColumnType.String,
                "ntext" => ColumnType.Memo,
                "int" => ColumnType.Integer,
                "decimal" => ColumnType.Decimal,
                "float" => ColumnType.Double,
                "money" => ColumnType.Money,
                "bit" => ColumnType.Boolean,
                "datetime" => ColumnType.DateTime,
                "lookup" => ColumnType.Lookup,
                "owner" => ColumnType.Owner,
                "picklist" => ColumnType.Picklist,
                "state" => ColumnType.State,
                "status" => ColumnType.Status,
                _ => throw Problem(path, $"{where} has Type '{type}', which the simulator does not model."),
            };
            string required = attribute.Element("RequiredLevel")?.Value ?? "none";
            RequiredLevel requiredLevel = required switch
            {
                "none" => RequiredLevel.None,
                "recommended" => RequiredLevel.Recommended,
                "required" => RequiredLevel.ApplicationRequired,
                "systemrequired" => RequiredLevel.SystemRequired,
                _ => throw Problem(path, $"{where} has RequiredLevel '{required}' (none, recommended, required or systemrequired)."),
            };

            int? accuracy = OptionalInt(path, where, attribute, "Accuracy");
            MoneyPrecisionSource? precisionSource = null;
            if (columnType == ColumnType.Money)
            {
                int source = OptionalInt(path, where, attribute, "AccuracySource") ?? 2;
                precisionSource = source is >= 0 and <= 2 ? (MoneyPrecisionSource)source : throw Problem(path, $"{where} has AccuracySource {source} (0, 1 or 2).");
            }

            return new SolutionColumn(
                name,
                columnType,
                requiredLevel,
                columnType is ColumnType.String or ColumnType.Memo ? OptionalInt(path, where, attribute, "MaxLength") : null,
                OptionalDecimal(path, where, attribute, "MinValue"),
                OptionalDecimal(path, where, attribute, "MaxValue"),
                precisionSource is null or MoneyPrecisionSource.Precision ? accuracy : null,
                precisionSource,
                columnType == ColumnType.DateTime && attribute.Element("Behavior")?.Value == "2",
                attribute.Element("IsSecured")?.Value == "1",
                columnType is ColumnType.Picklist or ColumnType.State or ColumnType.Status ? ChoiceOptions(path, where, attribute, choices) : Array.Empty<KeyValuePair<int, string>>(),
                attribute.Element("CalculationOf")?.Value);
        }

        private static IReadOnlyList<KeyValuePair<int, string>> ChoiceOptions(
            string path, string where, XElement attribute, IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<int, string>>> choices)
        {
            if (attribute.Element("optionset") is { } inline)
            {
                return Options(inline.Element("options") ?? inline.Element("states") ?? inline.Element("statuses"), null);
            }

            string optionSetName = attribute.Element("OptionSetName")?.Value ?? throw Problem(path, $"{where} is a choice with neither an optionset nor an OptionSetName.");
            return choices.TryGetValue(optionSetName, out IReadOnlyList<KeyValuePair<int, string>>? global)
                ? global
                : throw Problem(path, $"{where} names option set '{optionSetName}', which OptionSets/ does not have.");
        }

        private static IReadOnlyList<KeyValuePair<int, string>> Options(XElement? container, string? elementName) =>
            (container is null ? Enumerable.Empty<XElement>() : elementName is null ? container.Elements() : container.Elements(elementName))
                .Select(o => new KeyValuePair<int, string>(
                    int.Parse((string?)o.Attribute("value") ?? throw new InvalidDataException($"an option of {container!.Parent?.Attribute("Name")?.Value} has no value."), CultureInfo.InvariantCulture),
                    Label(o) ?? string.Empty))
                .ToList();

        /// <summary>The English (1033) label, or the first one.</summary>
        private static string? Label(XElement option)
        {
            XElement[] labels = option.Element("labels")?.Elements("label").ToArray() ?? Array.Empty<XElement>();
            XElement? label = labels.FirstOrDefault(l => (string?)l.Attribute("languagecode") == "1033") ?? labels.FirstOrDefault();
            return (string?)label?.Attribute("description");
        }

        private static IEnumerable<RelationshipMetadata> ReadRelationships(string path, XElement document)
        {
            foreach (XElement relationship in document.Elements("EntityRelationship"))
            {
                string name = (string?)relationship.Attribute("Name") ?? throw Problem(path, "an EntityRelationship has no Name.");
                if (relationship.Element("EntityRelationshipType")?.Value != "OneToMany")
                {
                    continue;
                }

                string Required(string element) =>
                    relationship.Element(element)?.Value is { Length: > 0 } value ? value : throw Problem(path, $"relationship {name} has no {element}.");

                string delete = Required("CascadeDelete");
                CascadeDeleteBehavior behaviour = delete switch
                {
                    "Cascade" => CascadeDeleteBehavior.Cascade,
                    "RemoveLink" => CascadeDeleteBehavior.RemoveLink,
                    "Restrict" => CascadeDeleteBehavior.Restrict,
                    _ => throw Problem(path, $"relationship {name} has CascadeDelete '{delete}' (Cascade, RemoveLink or Restrict)."),
                };
                yield return new RelationshipMetadata(
                    name, Required("ReferencedEntityName").ToLowerInvariant(), Required("ReferencingEntityName").ToLowerInvariant(), Required("ReferencingAttributeName"), behaviour);
            }
        }

        private static int Int(string path, string table, XElement element, string attribute) =>
            int.TryParse((string?)element.Attribute(attribute), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
                ? value
                : throw Problem(path, $"table {table}: <{element.Name.LocalName}> has no integer {attribute}.");

        private static int? OptionalInt(string path, string where, XElement attribute, string element) =>
            attribute.Element(element)?.Value is { } text
                ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw Problem(path, $"{where}: {element} '{text}' is not an integer.")
                : null;

        private static decimal? OptionalDecimal(string path, string where, XElement attribute, string element) =>
            attribute.Element(element)?.Value is { } text
                ? decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value) ? value : throw Problem(path, $"{where}: {element} '{text}' is not a number.")
                : null;

        private static InvalidDataException Problem(string path, string message) => new InvalidDataException($"{path}: {message}");
    }
}
