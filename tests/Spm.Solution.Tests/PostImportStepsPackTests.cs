using Spm.Solution.PostImport;

namespace Spm.Solution.Tests;

/// <summary>PostImportSteps/: checked with the package (register-steps must be able to run them), never packed.</summary>
[TestClass]
public sealed class PostImportStepsPackTests
{
    [TestMethod]
    public void The_post_import_steps_are_not_packed_as_steps_or_root_components()
    {
        var steps = PostImportStepFile.ReadFolder(Repo.Solution);
        var packed = Repo.Unmanaged;

        Assert.HasCount(4, steps);
        var customizations = packed.Customizations.ToString();
        var manifest = packed.Manifest!.ToString();
        foreach (var step in steps)
        {
            Assert.DoesNotContain(step.Id.ToString("D"), customizations, step.Name);
            Assert.DoesNotContain(step.Id.ToString("D"), manifest, step.Name);
        }
    }

    [TestMethod]
    public void A_post_import_step_naming_a_type_the_assembly_does_not_register_is_a_problem_naming_the_file()
    {
        using var copy = TempSolution.Copy();
        var step = Directory.GetFiles(Path.Combine(copy.Path, PostImportStepFile.FolderName)).Order(StringComparer.Ordinal).First();
        File.WriteAllText(step, File.ReadAllText(step).Replace("48fe65e8-40d1-5fad-a567-887e17f3803d", "0be1f2aa-9d1c-4f58-b3e2-7c6d5a4b3921", StringComparison.Ordinal));

        var packed = new SolutionPacker().Pack(copy.Path, new SolutionOptions { PluginAssemblyPath = Repo.PluginAssembly });

        Assert.IsNull(packed.Zip);
        var problem = packed.Problems.Single();
        Assert.Contains("PostImportSteps/" + Path.GetFileName(step), problem);
        Assert.Contains("is not a plug-in type of any assembly in PluginAssemblies/", problem);
    }

    [TestMethod]
    public void A_post_import_step_naming_its_message_by_id_is_a_problem_saying_where_it_belongs()
    {
        using var copy = TempSolution.Copy();
        var step = Directory.GetFiles(Path.Combine(copy.Path, PostImportStepFile.FolderName)).Order(StringComparer.Ordinal).First();
        File.WriteAllText(step, File.ReadAllText(step).Replace("<SdkMessageName>Win</SdkMessageName>", "<SdkMessageId>9ebdbb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId>", StringComparison.Ordinal));

        var packed = new SolutionPacker().Pack(copy.Path, new SolutionOptions { PluginAssemblyPath = Repo.PluginAssembly });

        var problem = packed.Problems.Single();
        Assert.Contains("<SdkMessageId>", problem);
        Assert.Contains("belongs in SdkMessageProcessingSteps/", problem);
    }
}
