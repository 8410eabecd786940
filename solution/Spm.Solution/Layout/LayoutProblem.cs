namespace Spm.Solution.Layout;

/// <summary>A component SolutionPackager would lose: the file to fix (relative to the solution folder), the element or attribute to add, and why.</summary>
public sealed record LayoutProblem(string File, string Element, string Message)
{
    public override string ToString() => $"{File}: {Message}";
}
