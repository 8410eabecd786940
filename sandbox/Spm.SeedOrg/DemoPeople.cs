using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.SeedOrg
{
    /// <summary>
    /// Who is in the demo org as Dataverse sees them: every participant of <see cref="DemoOrg"/> plus the sales-ops admin,
    /// each in one of three security teams that give the SPM role and the SPM Earnings field security profile.
    /// </summary>
    public static class DemoPeople
    {
        public const string RepsTeam = "Sales Reps";
        public const string ManagersTeam = "Sales Managers";
        public const string SalesOpsTeam = "Sales Operations";

        public const string RepRole = "SPM Rep";
        public const string ManagerRole = "SPM Manager";
        public const string AdminRole = "SPM Admin";
        public const string SystemAdministratorRole = "System Administrator";

        /// <summary>The sign-in names' domain (.example is reserved, so no real mailbox is named).</summary>
        public const string Domain = "northwindcloud.example";

        /// <summary>Sales operations: defines periods, plans and quotas; holds SPM Admin and System Administrator. Not a participant.</summary>
        public static DemoUser Admin { get; } = new DemoUser(DemoIds.User("sales-ops"), null, "Sam Rivera", "sam.rivera@" + Domain, AdminRole, SalesOpsTeam, "Sales Operations");

        /// <summary>The participants with a team of their own and quota-carrying reps first, then leadership, then the admin.</summary>
        public static IReadOnlyList<DemoUser> All(DemoOrg demo)
        {
            var managers = new HashSet<string>(demo.Organization.All.Where(p => p.ManagerId != null).Select(p => p.ManagerId!), StringComparer.Ordinal);
            var users = demo.Organization.All
                .Select(p => new DemoUser(
                    DemoIds.User(p.Id),
                    p.Id,
                    p.Name,
                    DomainName(p.Name),
                    managers.Contains(p.Id) ? ManagerRole : RepRole,
                    managers.Contains(p.Id) ? ManagersTeam : RepsTeam,
                    p.Team))
                .OrderBy(u => u.Role == RepRole ? 0 : 1)
                .ToList();
            users.Add(Admin);
            return users;
        }

        /// <summary>first.last@northwindcloud.example, lower case.</summary>
        public static string DomainName(string fullName) =>
            string.Join(".", fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant() + "@" + Domain;
    }
}
