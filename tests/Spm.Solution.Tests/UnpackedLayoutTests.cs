using System.Xml.Linq;
using Spm.Solution.Layout;

namespace Spm.Solution.Tests;

/// <summary>The layout SolutionPackager packs: a component whose placeholder is missing would be dropped, so the packer refuses it.</summary>
[TestClass]
public sealed class UnpackedLayoutTests
{
    private const string FullName = "Spm.Plugins, Version=0.1.0.0, Culture=neutral, PublicKeyToken=e92755d9695b77f2";

    [TestMethod]
    public void The_checked_in_solution_announces_every_component_solution_packager_packs()
    {
        var problems = UnpackedLayoutCheck.Find(Repo.Solution);

        Assert.IsEmpty(problems, string.Join(Environment.NewLine, problems));
    }

    [TestMethod]
    [DataRow("Entities")]
    [DataRow("Roles")]
    [DataRow("FieldSecurityProfiles")]
    [DataRow("EntityRelationships")]
    [DataRow("optionsets")]
    [DataRow("SolutionPluginAssemblies")]
    [DataRow("SdkMessageProcessingSteps")]
    [DataRow("ServiceEndpoints")]
    [DataRow("AppModuleSiteMaps")]
    [DataRow("AppModules")]
    public void Removing_a_placeholder_names_customizations_xml_and_the_element_and_writes_no_zip(string element)
    {
        using var copy = TempSolution.Copy();
        Edit(copy, UnpackedLayoutCheck.CustomizationsFile, $"  <{element} />\n", string.Empty);

        var problem = UnpackedLayoutCheck.Find(copy.Path).Single();
        var packed = Pack(copy);

        Assert.AreEqual(UnpackedLayoutCheck.CustomizationsFile, problem.File);
        Assert.AreEqual($"<{element} />", problem.Element);
        Assert.Contains($"add <{element} /> ", problem.Message);
        Assert.IsNull(packed.Zip);
        Assert.Contains(p => p.StartsWith(UnpackedLayoutCheck.CustomizationsFile + ":", StringComparison.Ordinal) && p.Contains($"<{element} />", StringComparison.Ordinal), packed.Problems, string.Join(Environment.NewLine, packed.Problems));
    }

    [TestMethod]
    [DataRow("WebResources", "WebResources/spm_/statement/form.js.data.xml")]
    [DataRow("Workflows", "Workflows/SpmNotify-0d4a4a4e-2f0b-4f55-9d0e-3f2d1a7c9b10.json.data.xml")]
    public void A_placeholder_is_needed_once_its_folder_has_content(string element, string file)
    {
        using var copy = TempSolution.Copy();
        Edit(copy, UnpackedLayoutCheck.CustomizationsFile, $"  <{element} />\n", string.Empty);
        var before = UnpackedLayoutCheck.Find(copy.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy.Path, file))!);
        File.WriteAllText(Path.Combine(copy.Path, file), "<?xml version=\"1.0\" encoding=\"utf-8\"?><Component />");

        var after = UnpackedLayoutCheck.Find(copy.Path);

        Assert.IsEmpty(before, string.Join(Environment.NewLine, before));
        Assert.AreEqual($"<{element} />", after.Single().Element);
        Assert.Contains("(1 file(s))", after.Single().Message);
    }

    [TestMethod]
    [DataRow("spm_statement", "FormXml", "after </EntityInfo>, before <RibbonDiffXml>")]
    [DataRow("spm_ledgerstate", "SavedQueries", "after <FormXml />, before <RibbonDiffXml>")]
    public void An_entity_whose_forms_or_views_are_not_announced_names_its_entity_xml_and_writes_no_zip(string table, string element, string where)
    {
        using var copy = TempSolution.Copy();
        var entity = $"Entities/{table}/Entity.xml";
        Edit(copy, entity, $"  <{element} />\n", string.Empty);

        var problem = UnpackedLayoutCheck.Find(copy.Path).Single();
        var packed = Pack(copy);

        Assert.AreEqual(entity, problem.File);
        Assert.AreEqual($"<{element} />", problem.Element);
        Assert.Contains($"Entities/{table}/{element}/", problem.Message);
        Assert.Contains($"add <{element} /> {where}", problem.Message);
        Assert.IsNull(packed.Zip);
        Assert.Contains(p => p.StartsWith(entity + ":", StringComparison.Ordinal), packed.Problems, string.Join(Environment.NewLine, packed.Problems));
    }

    [TestMethod]
    [DataRow($" schemaName=\"{FullName}\"", "", "has no schemaName")]
    [DataRow("Version=0.1.0.0, Culture", "Version=0.0.9.0, Culture", "has schemaName 'Spm.Plugins, Version=0.0.9.0")]
    public void A_plugin_assembly_root_component_without_the_data_xml_full_name_is_refused(string from, string to, string says)
    {
        using var copy = TempSolution.Copy();
        Edit(copy, UnpackedLayoutCheck.ManifestFile, from, to);

        var problem = UnpackedLayoutCheck.Find(copy.Path).Single();
        var packed = Pack(copy);

        Assert.AreEqual(UnpackedLayoutCheck.ManifestFile, problem.File);
        Assert.AreEqual("schemaName", problem.Element);
        Assert.Contains(says, problem.Message);
        Assert.Contains($"set schemaName=\"{FullName}\"", problem.Message);
        Assert.Contains("Spm.Plugins.dll.data.xml", problem.Message);
        Assert.IsNull(packed.Zip);
    }

    [TestMethod]
    public void A_placeholder_out_of_the_schemas_order_is_refused()
    {
        using var copy = TempSolution.Copy();
        Edit(copy, UnpackedLayoutCheck.CustomizationsFile, "  <AppModules />\n", string.Empty);
        Edit(copy, UnpackedLayoutCheck.CustomizationsFile, "  <Entities />\n", "  <AppModules />\n  <Entities />\n");

        var problems = UnpackedLayoutCheck.Find(copy.Path);

        Assert.AreEqual("<Entities />", problems.Single().Element, string.Join(Environment.NewLine, problems));
        Assert.Contains("<Entities> comes right after <AppModules>", problems.Single().Message);
    }

    [TestMethod]
    public void Service_endpoints_kept_inline_are_refused_with_the_file_solution_packager_reads_them_from()
    {
        using var copy = TempSolution.Copy();
        var endpoints = XDocument.Load(Path.Combine(copy.Path, "PluginAssemblies", "ServiceEndpoints.xml")).Root!.Elements("ServiceEndpoint");
        Edit(copy, UnpackedLayoutCheck.CustomizationsFile, "  <ServiceEndpoints />\n", new XElement("ServiceEndpoints", endpoints) + "\n");
        File.Delete(Path.Combine(copy.Path, "PluginAssemblies", "ServiceEndpoints.xml"));

        var problem = UnpackedLayoutCheck.Find(copy.Path).Single();

        Assert.AreEqual("<ServiceEndpoints />", problem.Element);
        Assert.Contains("holds components inline; SolutionPackager keeps them in PluginAssemblies/ServiceEndpoints.xml", problem.Message);
    }

    [TestMethod]
    public void Placeholders_nothing_fills_are_left_out_of_the_packed_customizations()
    {
        using var copy = TempSolution.Copy();
        Directory.Delete(Path.Combine(copy.Path, "Entities", "spm_ledgerstate", "SavedQueries"), recursive: true);

        var packed = Pack(copy);
        var ledgerState = packed.Customizations.Root!.Element("Entities")!.Elements("Entity").Single(e => e.Element("Name")!.Value == "spm_ledgerstate");

        Assert.IsEmpty(packed.Problems, string.Join(Environment.NewLine, packed.Problems));
        Assert.IsNull(ledgerState.Element("SavedQueries"));
        Assert.IsNotNull(ledgerState.Element("FormXml"));
        Assert.IsNull(packed.Customizations.Root!.Element("WebResources"));
        Assert.IsNotNull(packed.Customizations.Root!.Element("Workflows"));
        var errors = CustomizationsSchema.Validate(packed.Customizations);
        Assert.IsEmpty(errors, string.Join(Environment.NewLine, errors.Take(10)));
    }

    private static PackResult Pack(TempSolution copy) =>
        new SolutionPacker().Pack(copy.Path, new SolutionOptions { PluginAssemblyPath = Repo.PluginAssembly });

    /// <summary>Replaces text that must be in the file, so a test cannot pass by editing nothing.</summary>
    private static void Edit(TempSolution copy, string file, string from, string to)
    {
        var path = Path.Combine(copy.Path, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, $"{file} has no '{from}'");
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}
