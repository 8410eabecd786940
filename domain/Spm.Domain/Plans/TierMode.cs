namespace Spm.Domain.Plans
{
    public enum TierMode
    {
        /// <summary>Marginal: each band's portion is paid at that band's rate (like income tax brackets).</summary>
        Graduated = 0,

        /// <summary>Retroactive: everything is paid at the rate of the band attainment reached.</summary>
        Retroactive = 1,
    }
}
