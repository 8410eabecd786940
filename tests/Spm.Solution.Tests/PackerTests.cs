using System.IO.Compression;
using Spm.Solution.Parts;

namespace Spm.Solution.Tests;

[TestClass]
public sealed class PackerTests
{
    [TestMethod]
    public void The_checked_in_solution_packs_without_problems()
    {
        var packed = Repo.Unmanaged;

        Assert.IsEmpty(packed.Problems, string.Join(Environment.NewLine, packed.Problems));
        Assert.IsNotNull(packed.Zip);
        Assert.AreEqual("SpmAddin_0_1_0_0.zip", packed.FileName);
    }

    [TestMethod]
    public void The_packed_customizations_validate_against_microsofts_schema()
    {
        var errors = CustomizationsSchema.Validate(Repo.Unmanaged.Customizations);

        Assert.IsEmpty(errors, string.Join(Environment.NewLine, errors.Take(30)));
    }

    [TestMethod]
    public void Packing_the_same_inputs_twice_gives_byte_identical_zips()
    {
        var options = new SolutionOptions { Managed = true, PluginAssemblyPath = Repo.PluginAssembly };

        var first = new SolutionPacker().Pack(Repo.Solution, options).Zip!;
        var second = new SolutionPacker().Pack(Repo.Solution, options).Zip!;

        Assert.AreSequenceEqual(first, second);
    }

    [TestMethod]
    public void The_zip_has_the_three_root_files_first_and_embeds_the_plugin_assembly()
    {
        using var zip = new ZipArchive(new MemoryStream(Repo.Unmanaged.Zip!));
        var names = zip.Entries.Select(e => e.FullName).ToList();

        Assert.AreEqual("[Content_Types].xml", names[0]);
        Assert.Contains("solution.xml", names);
        Assert.Contains("customizations.xml", names);
        var dll = names.Single(n => n.StartsWith("PluginAssemblies/", StringComparison.Ordinal) && n.EndsWith("/Spm.Plugins.dll", StringComparison.Ordinal));
        using var stream = zip.GetEntry(dll)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.AreSequenceEqual(File.ReadAllBytes(Repo.PluginAssembly), copy.ToArray());
    }

    [TestMethod]
    public void A_managed_zip_of_a_facade_build_is_not_labelled_deployable_and_says_why()
    {
        var packed = new SolutionPacker().Pack(Repo.Solution, new SolutionOptions { Managed = true, PluginAssemblyPath = Repo.PluginAssembly });

        Assert.IsFalse(packed.Deployable);
        Assert.AreEqual("SpmAddin_0_1_0_0_managed.not-deployable.zip", packed.FileName);
        var why = packed.Warnings.Single(w => w.StartsWith(SolutionPacker.NotDeployable, StringComparison.Ordinal));
        Assert.Contains("facade", why);
        Assert.Contains("-p:XrmSdk=Official", why);
        Assert.Contains("<Managed>1</Managed>", packed.Manifest!.ToString());
    }

    [TestMethod]
    public void The_built_assembly_identity_is_read_from_its_metadata()
    {
        var dll = PluginAssemblyFile.Read(File.ReadAllBytes(Repo.PluginAssembly));

        Assert.AreEqual("Spm.Plugins, Version=0.1.0.0, Culture=neutral, PublicKeyToken=e92755d9695b77f2", dll.FullName);
        Assert.AreEqual("Facade", dll.XrmSdk);
        Assert.IsTrue(dll.ReferencesFacade);
        Assert.Contains("Spm.Plugins.Steps.OpportunityCreditPlugin", dll.PublicClasses);
    }

    [TestMethod]
    [DataRow("Official", false, PluginAssemblyFile.MicrosoftPublicKeyToken, true)]
    [DataRow("Official", false, "e92755d9695b77f2", false)]
    [DataRow("Official", false, null, false)]
    [DataRow("Official", true, PluginAssemblyFile.MicrosoftPublicKeyToken, false)]
    [DataRow("Facade", false, PluginAssemblyFile.MicrosoftPublicKeyToken, false)]
    public void Only_a_build_against_Microsofts_signed_sdk_counts_as_official(string xrmSdk, bool referencesFacade, string? sdkToken, bool official)
    {
        var dll = new PluginAssemblyFile("Spm.Plugins", new HashSet<string>(), xrmSdk, referencesFacade, sdkToken);

        Assert.AreEqual(official, dll.BuiltAgainstOfficialSdk);
    }

    [TestMethod]
    public void The_facade_build_references_no_microsoft_signed_sdk()
    {
        var dll = PluginAssemblyFile.Read(File.ReadAllBytes(Repo.PluginAssembly));

        Assert.IsNull(dll.XrmSdkPublicKeyToken, "the facade build references Spm.Xrm.Sdk.Facade, not Microsoft.Xrm.Sdk");
    }

    [TestMethod]
    public void A_step_naming_a_plugin_type_the_assembly_does_not_register_is_a_problem_naming_the_file()
    {
        using var copy = TempSolution.Copy();
        var step = Directory.GetFiles(Path.Combine(copy.Path, "SdkMessageProcessingSteps")).Order(StringComparer.Ordinal).First();
        File.WriteAllText(step, File.ReadAllText(step).Replace("<PluginTypeId>", "<PluginTypeId>0", StringComparison.Ordinal));

        var packed = new SolutionPacker().Pack(copy.Path, new SolutionOptions { PluginAssemblyPath = Repo.PluginAssembly });

        Assert.IsNull(packed.Zip);
        var problem = packed.Problems.Single();
        Assert.Contains("SdkMessageProcessingSteps/" + Path.GetFileName(step), problem);
        Assert.Contains("is not a plug-in type of any assembly", problem);
    }

    [TestMethod]
    public void A_manifest_without_the_spm_prefix_or_missing_a_root_component_is_refused()
    {
        using var copy = TempSolution.Copy();
        var manifest = Path.Combine(copy.Path, "Other", "Solution.xml");
        var text = File.ReadAllText(manifest).Replace("<CustomizationPrefix>spm<", "<CustomizationPrefix>new<", StringComparison.Ordinal);
        var firstStep = text.IndexOf("<RootComponent type=\"92\"", StringComparison.Ordinal);
        text = text.Remove(firstStep, text.IndexOf('\n', firstStep) - firstStep);
        File.WriteAllText(manifest, text);

        var packed = new SolutionPacker().Pack(copy.Path, new SolutionOptions { PluginAssemblyPath = Repo.PluginAssembly });

        Assert.IsNull(packed.Zip);
        Assert.Contains(p => p.Contains("CustomizationPrefix> is 'new', expected 'spm'", StringComparison.Ordinal), packed.Problems, string.Join(Environment.NewLine, packed.Problems));
        Assert.Contains(p => p.Contains("RootComponents does not list type 92", StringComparison.Ordinal), packed.Problems, string.Join(Environment.NewLine, packed.Problems));
    }
}

[TestClass]
public sealed class FormWebResourceTests
{
    [TestMethod]
    public void A_form_loading_a_web_resource_the_solution_does_not_ship_is_a_problem_naming_the_form_and_resource()
    {
        using var copy = TempSolution.Copy();
        var form = Directory.GetFiles(Path.Combine(copy.Path, "Entities", "spm_statement", "FormXml", "main")).Single();
        var text = File.ReadAllText(form);
        var tabsEnd = text.IndexOf("</tabs>", StringComparison.Ordinal) + "</tabs>".Length;
        File.WriteAllText(form, text.Insert(tabsEnd, "<formLibraries><Library name=\"spm_/statement/form.js\" libraryUniqueId=\"{5f0e1c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b}\" /></formLibraries>"));

        var packed = new SolutionPacker().Pack(copy.Path, new SolutionOptions { PluginAssemblyPath = Repo.PluginAssembly });

        Assert.IsNull(packed.Zip);
        var problem = packed.Problems.Single();
        Assert.Contains("Entities/spm_statement", problem);
        Assert.Contains("loads web resource 'spm_/statement/form.js', which is not in WebResources/", problem);
    }
}
