namespace Spm.Domain.Credits
{
    /// <summary>
    /// Which of a deal's credits a posting brings up to date. Dataverse posts the rep-level credits synchronously and
    /// the managers' roll-up credits in an asynchronous step; each diffs only its own rows.
    /// </summary>
    public enum CreditScope
    {
        All = 0,

        /// <summary>Owner, split and overlay credits.</summary>
        Direct = 1,

        /// <summary>Manager roll-up credits.</summary>
        RollUp = 2,
    }

    internal static class CreditScopes
    {
        public static bool Includes(this CreditScope scope, CreditKind kind) =>
            scope == CreditScope.All || (scope == CreditScope.RollUp) == (kind == CreditKind.RollUp);
    }
}
