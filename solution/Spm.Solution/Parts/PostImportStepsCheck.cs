using Spm.Solution.PostImport;

namespace Spm.Solution.Parts;

/// <summary>
/// PostImportSteps/ is not packed (register-steps creates those steps after the import), but it is checked with the
/// package: every file must be one register-steps can read, and name a plug-in type of the packed assembly by id and name.
/// </summary>
internal static class PostImportStepsCheck
{
    /// <param name="pluginTypes">The plug-in types of PluginAssemblies/, by id: their "Namespace.Type" names.</param>
    public static void Check(SolutionBuild build, IReadOnlyDictionary<Guid, string> pluginTypes)
    {
        foreach (var file in build.SourceFiles(PostImportStepFile.FolderName, "*.xml"))
        {
            PostImportStep step;
            try
            {
                step = PostImportStepFile.Read(file);
            }
            catch (PostImportStepException error)
            {
                build.Problem(file, error.Problem);
                continue;
            }

            if (!pluginTypes.TryGetValue(step.PluginTypeId, out var typeName))
            {
                build.Problem(file, $"<PluginTypeId>: '{step.PluginTypeId:D}' ({step.PluginTypeFullName}) is not a plug-in type of any assembly in PluginAssemblies/.");
            }
            else if (!string.Equals(typeName, step.PluginTypeFullName, StringComparison.Ordinal))
            {
                build.Problem(file, $"<PluginTypeName>: plug-in type {step.PluginTypeId:D} is {typeName} in PluginAssemblies/, not {step.PluginTypeFullName}.");
            }
        }
    }
}
