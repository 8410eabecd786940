using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Tests.Registration;

/// <summary>Steps the solution does not pack (Win, Lose): PostImportSteps/ files naming their message by SdkMessageName.</summary>
[TestClass]
public sealed class PostImportStepReaderTests
{
    private const string WinStepId = "{6e2a9d14-3c5b-4f7a-8e1d-0b9c2a7f5e31}";

    private static string WinStep(string stepId = WinStepId) =>
        StepXml.Build(primaryEntity: "opportunity", filtering: null, images: "", stepId: stepId)
            .Replace("<SdkMessageId>20bebb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId>", "<SdkMessageName>Win</SdkMessageName>", StringComparison.Ordinal)
            .Replace(": Update of opportunity", ": Win of opportunity", StringComparison.Ordinal);

    [TestMethod]
    public void A_step_naming_its_message_by_name_is_read_with_no_sdkmessage_id()
    {
        StepRegistration step = new StepRegistrationReader().ReadXml(WinStep(), "win.xml");

        Assert.AreEqual(MessageNames.Win, step.MessageName);
        Assert.AreEqual(Guid.Empty, step.SdkMessageId);
        Assert.AreEqual("opportunity", step.PrimaryEntity);
        Assert.AreEqual(PipelineStage.PostOperation, step.Stage);
    }

    [TestMethod]
    public void The_solution_root_gives_the_packed_steps_then_the_post_import_ones()
    {
        using var solution = new Folder();
        solution.Write(StepRegistrationReader.StepsFolderName, StepXml.StepId, StepXml.Build());
        solution.Write(StepRegistrationReader.PostImportStepsFolderName, WinStepId, WinStep());

        IReadOnlyList<StepRegistration> steps = new StepRegistrationReader().ReadFolder(solution.Path);

        Assert.AreSequenceEqual(new[] { MessageNames.Update, MessageNames.Win }, steps.Select(s => s.MessageName).ToArray());
        Assert.AreSequenceEqual(new[] { MessageNames.Win }, new StepRegistrationReader().ReadFolder(Path.Combine(solution.Path, StepRegistrationReader.PostImportStepsFolderName)).Select(s => s.MessageName).ToArray());
    }

    [TestMethod]
    public void A_packed_step_that_names_its_message_by_name_is_refused_because_the_import_needs_the_id()
    {
        using var solution = new Folder();
        solution.Write(StepRegistrationReader.StepsFolderName, WinStepId, WinStep());

        var error = Assert.ThrowsExactly<StepRegistrationException>(() => new StepRegistrationReader().ReadFolder(solution.Path));

        Assert.AreEqual("SdkMessageName", error.Element);
        Assert.Contains("belongs in PostImportSteps/", error.Message);
    }

    [TestMethod]
    public void A_post_import_step_that_names_its_message_by_id_is_refused_because_it_could_be_packed()
    {
        using var solution = new Folder();
        solution.Write(StepRegistrationReader.PostImportStepsFolderName, StepXml.StepId, StepXml.Build());

        var error = Assert.ThrowsExactly<StepRegistrationException>(() => new StepRegistrationReader().ReadFolder(solution.Path));

        Assert.AreEqual("SdkMessageName", error.Element);
        Assert.Contains("belongs in SdkMessageProcessingSteps/", error.Message);
    }

    [TestMethod]
    public void A_step_naming_its_message_both_ways_is_refused()
    {
        string xml = WinStep().Replace("<SdkMessageName>Win</SdkMessageName>", "<SdkMessageName>Win</SdkMessageName><SdkMessageId>20bebb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId>", StringComparison.Ordinal);

        var error = Assert.ThrowsExactly<StepRegistrationException>(() => new StepRegistrationReader().ReadXml(xml, "both.xml"));

        Assert.AreEqual("SdkMessageName", error.Element);
        Assert.Contains("name the message once", error.Message);
    }

    [TestMethod]
    public void The_same_step_id_in_both_folders_is_refused()
    {
        using var solution = new Folder();
        solution.Write(StepRegistrationReader.StepsFolderName, WinStepId, StepXml.Build(stepId: WinStepId));
        solution.Write(StepRegistrationReader.PostImportStepsFolderName, WinStepId, WinStep());

        var error = Assert.ThrowsExactly<StepRegistrationException>(() => new StepRegistrationReader().ReadFolder(solution.Path));

        Assert.Contains("is also used by", error.Message);
    }

    /// <summary>A throw-away unpacked solution folder.</summary>
    private sealed class Folder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "spm-steps-" + Guid.NewGuid().ToString("N"));

        public void Write(string folder, string stepId, string xml)
        {
            string directory = System.IO.Path.Combine(Path, folder);
            Directory.CreateDirectory(directory);
            File.WriteAllText(System.IO.Path.Combine(directory, stepId + ".xml"), xml);
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
