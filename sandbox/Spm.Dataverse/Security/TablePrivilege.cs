using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;

namespace Spm.Dataverse.Security
{
    /// <summary>
    /// A privilege on a table: an access right (Create, Read, Write, Delete, Append, AppendTo, Assign, Share) and the table
    /// whose privileges decide it, named as the solution's role files name it (prvReadspm_statement).
    /// </summary>
    public readonly record struct TablePrivilege(AccessRights Right, string Table)
    {
        // The verbs in the order a name is matched: AppendTo before Append.
        private static readonly (string Verb, AccessRights Right)[] Verbs =
        {
            ("Create", AccessRights.CreateAccess),
            ("Read", AccessRights.ReadAccess),
            ("Write", AccessRights.WriteAccess),
            ("Delete", AccessRights.DeleteAccess),
            ("AppendTo", AccessRights.AppendToAccess),
            ("Append", AccessRights.AppendAccess),
            ("Assign", AccessRights.AssignAccess),
            ("Share", AccessRights.ShareAccess),
        };

        // The platform names its tables' privileges by schema name (prvReadUser is systemuser's read, prvReadOpportunity opportunity's).
        private static readonly Dictionary<string, string> SchemaNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["systemuser"] = "User",
            ["opportunity"] = "Opportunity",
            ["team"] = "Team",
            ["businessunit"] = "BusinessUnit",
            ["account"] = "Account",
            ["contact"] = "Contact",
            ["transactioncurrency"] = "TransactionCurrency",
            ["role"] = "Role",
        };

        // The other way, for reading a privilege name: User is systemuser (any case, as role files vary).
        private static readonly Dictionary<string, string> PlatformNames =
            SchemaNames.ToDictionary(n => n.Value, n => n.Key, StringComparer.OrdinalIgnoreCase);

        // Intersect and sharing tables have no privileges of their own: what they link decides.
        private static readonly Dictionary<string, string> GoverningTables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["systemuserroles"] = "role",
            ["teamroles"] = "role",
            ["teammembership"] = "team",
            ["systemuserprofiles"] = "fieldsecurityprofile",
            ["teamprofiles"] = "fieldsecurityprofile",
        };

        /// <summary>The privilege that decides <paramref name="right"/> on rows of <paramref name="table"/>.</summary>
        public static TablePrivilege For(AccessRights right, string table) =>
            new TablePrivilege(right, GoverningTables.TryGetValue(table, out string? governing) ? governing : table);

        /// <summary>The name as the platform and the role files spell it, e.g. prvAppendTospm_statement, prvReadUser.</summary>
        public string Name => "prv" + Verb(Right) + (SchemaNames.TryGetValue(Table, out string? schema) ? schema : Table);

        /// <summary>The case-insensitive key a role's privilege and a request's privilege are matched by.</summary>
        internal string Key => Normalize(Name);

        /// <summary>Reads "prv" + verb + table (prvReadspm_statement, prvReadUser); false for a privilege that is not a table's.</summary>
        public static bool TryParse(string name, out TablePrivilege privilege)
        {
            privilege = default;
            if (name == null || !name.StartsWith("prv", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            foreach ((string verb, AccessRights right) in Verbs)
            {
                if (string.Compare(name, 3, verb, 0, verb.Length, StringComparison.OrdinalIgnoreCase) == 0 && name.Length > 3 + verb.Length)
                {
                    string table = name.Substring(3 + verb.Length);
                    privilege = new TablePrivilege(right, PlatformNames.TryGetValue(table, out string? logical) ? logical : table.ToLowerInvariant());
                    return true;
                }
            }

            return false;
        }

        /// <summary>The key of any privilege name: a table privilege by its right and table, any other (a custom API's) by its name.</summary>
        internal static string Normalize(string name) =>
            TryParse(name, out TablePrivilege privilege)
                ? string.Create(CultureInfo.InvariantCulture, $"prv{Verb(privilege.Right)}{privilege.Table}").ToLowerInvariant()
                : name.ToLowerInvariant();

        internal static string Verb(AccessRights right)
        {
            foreach ((string verb, AccessRights candidate) in Verbs)
            {
                if (candidate == right)
                {
                    return verb;
                }
            }

            throw new ArgumentOutOfRangeException(nameof(right), right, "A table privilege has exactly one access right.");
        }

        public override string ToString() => Name;
    }
}
