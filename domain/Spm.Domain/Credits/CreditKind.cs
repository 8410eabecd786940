namespace Spm.Domain.Credits
{
    public enum CreditKind
    {
        /// <summary>The owner's 100% credit on a deal without revenue splits.</summary>
        Owner = 0,

        /// <summary>A share of a deal under a revenue split.</summary>
        Split = 1,

        /// <summary>Overlay credit on top of the 100%.</summary>
        Overlay = 2,

        /// <summary>A manager's credit for a deal won by someone below them.</summary>
        RollUp = 3,
    }
}
