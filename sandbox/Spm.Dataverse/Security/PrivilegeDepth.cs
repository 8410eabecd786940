namespace Spm.Dataverse.Security
{
    /// <summary>
    /// How far a role's privilege reaches (the role file's level): the principal's own rows, its business unit, its
    /// business unit and the ones below it, or the whole organization. Ordered, so a wider depth compares greater.
    /// </summary>
    public enum PrivilegeDepth
    {
        None = 0,

        /// <summary>User level: rows the user, or a team they belong to, owns (and rows shared with them).</summary>
        Basic = 1,

        /// <summary>Business unit level: rows owned in the user's business unit.</summary>
        Local = 2,

        /// <summary>Parent: child business units: the user's business unit and every one below it.</summary>
        Deep = 3,

        /// <summary>Organization level: every row.</summary>
        Global = 4,
    }
}
