namespace Spm.Solution;

/// <summary>
/// One kind of component of the unpacked solution (tables, security roles, the app, plug-in steps...): it reads its own
/// folder and adds what it owns to the packed customizations.xml, to solution.xml's root components and to the zip.
/// </summary>
public interface ISolutionPart
{
    /// <summary>A short name for progress and error messages, e.g. "Entities".</summary>
    string Name { get; }

    void Contribute(SolutionBuild build);
}
