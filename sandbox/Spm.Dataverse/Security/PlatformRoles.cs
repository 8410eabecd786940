using System;
using System.Collections.Generic;

namespace Spm.Dataverse.Security
{
    /// <summary>The roles every environment has before any solution is imported, as far as the tables modelled here go.</summary>
    public static class PlatformRoles
    {
        /// <summary>The System Administrator role template: the same in every environment, whatever the role's localized name.</summary>
        public static readonly Guid SystemAdministratorTemplateId = new Guid("627090FF-40A3-4053-8790-584EDC5BE201");

        public const string SystemAdministratorName = "System Administrator";

        public const string SalespersonName = "Salesperson";

        /// <summary>Every privilege at Global and every secured column.</summary>
        public static SecurityRole SystemAdministrator { get; } =
            new SecurityRole(SystemAdministratorTemplateId, SystemAdministratorName, Array.Empty<KeyValuePair<string, PrivilegeDepth>>(), SystemAdministratorTemplateId, isSystemAdministrator: true);

        /// <summary>
        /// Dynamics 365 Sales' Salesperson, the role a rep or manager already holds when SPM's roles are added to it: their own
        /// opportunities (create, edit, win, lose, assign), the customers of their business unit, and read on users, teams,
        /// business units and currencies. Only the tables this organization models are listed.
        /// </summary>
        /// <remarks>The id is this sandbox's (environments give the role their own); a role row named Salesperson gets it.</remarks>
        public static SecurityRole Salesperson { get; } = new SecurityRole(
            new Guid("b3b2d2f6-1c4e-5a53-9c1e-5a1e5e5a1e01"),
            SalespersonName,
            Privileges(
                ("opportunity", PrivilegeDepth.Basic, new[] { "Create", "Read", "Write", "Delete", "Append", "AppendTo", "Assign", "Share" }),
                ("opportunityclose", PrivilegeDepth.Basic, new[] { "Create", "Read", "Write", "Append", "AppendTo" }),
                ("account", PrivilegeDepth.Basic, new[] { "Create", "Write", "Append", "AppendTo", "Share" }),
                ("account", PrivilegeDepth.Local, new[] { "Read" }),
                ("contact", PrivilegeDepth.Basic, new[] { "Create", "Write", "Append", "AppendTo", "Share" }),
                ("contact", PrivilegeDepth.Local, new[] { "Read" }),
                ("systemuser", PrivilegeDepth.Global, new[] { "Read" }),
                ("team", PrivilegeDepth.Global, new[] { "Read" }),
                ("businessunit", PrivilegeDepth.Global, new[] { "Read" }),
                ("transactioncurrency", PrivilegeDepth.Global, new[] { "Read" }),
                ("territory", PrivilegeDepth.Global, new[] { "Read" }),
                ("role", PrivilegeDepth.Local, new[] { "Read" })));

        private static IEnumerable<KeyValuePair<string, PrivilegeDepth>> Privileges(params (string Table, PrivilegeDepth Depth, string[] Verbs)[] grants)
        {
            foreach ((string table, PrivilegeDepth depth, string[] verbs) in grants)
            {
                foreach (string verb in verbs)
                {
                    yield return new KeyValuePair<string, PrivilegeDepth>("prv" + verb + table, depth);
                }
            }
        }
    }
}
