namespace Spm.Domain.Quotas
{
    /// <summary>What a quota and a plan component count.</summary>
    public enum Measure
    {
        /// <summary>Credited revenue in base currency.</summary>
        Revenue = 0,

        /// <summary>Credited gross margin in base currency.</summary>
        Margin = 1,

        /// <summary>Credited units sold.</summary>
        Units = 2,

        /// <summary>Credited deals (a 50% split counts as half a deal).</summary>
        DealCount = 3,
    }
}
