namespace Spm.Domain.Credits
{
    public enum SplitKind
    {
        /// <summary>Shares the deal's revenue; revenue splits on a deal must total exactly 100%.</summary>
        Revenue = 0,

        /// <summary>Extra credit for a specialist (solution engineer, partner manager); may take the total past 100%.</summary>
        Overlay = 1,
    }
}
