extern alias SpmPlugins;

using System;
using System.IO;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Pipeline;
using S = SpmPlugins::Spm.Plugins.Data.SpmSchema;

namespace Spm.Benchmarks
{
    /// <summary>The SPM role a bench user holds (on top of Salesperson), with the team of that role.</summary>
    internal enum SpmRole
    {
        Rep,
        Manager,
        Admin,
    }

    /// <summary>The rows both bench orgs (<see cref="PluginOrg"/>, <see cref="ScaleOrg"/>) seed straight into the store, and where the shipped solution is.</summary>
    internal static class SeedRows
    {
        private static readonly Guid BusinessUnit = new PluginPipelineOptions().BusinessUnitId;
        private static readonly Guid SystemAdministratorRole = new Guid("b0000000-0000-0000-0000-000000000004");
        private static readonly Guid SalespersonRole = new Guid("b0000000-0000-0000-0000-000000000005");
        private static readonly Guid EarningsProfile = new Guid("4522e1dc-273c-5778-9f89-32dd9a567a15");

        private static readonly (SpmRole Role, Guid RoleId, string RoleName, Guid TeamId, string TeamName)[] Roles =
        {
            (SpmRole.Rep, new Guid("b0000000-0000-0000-0000-000000000003"), "SPM Rep", new Guid("f0000000-0000-0000-0000-000000000001"), "SPM Reps"),
            (SpmRole.Manager, new Guid("b0000000-0000-0000-0000-000000000002"), "SPM Manager", new Guid("f0000000-0000-0000-0000-000000000002"), "SPM Managers"),
            (SpmRole.Admin, new Guid("b0000000-0000-0000-0000-000000000001"), "SPM Admin", new Guid("f0000000-0000-0000-0000-000000000003"), "SPM Admins"),
        };

        /// <summary>
        /// Security as the plug-in tests' org has it (the store enforces it): one business unit, System Administrator,
        /// Salesperson and the SPM roles, and a team per SPM role holding the SPM Earnings field security profile.
        /// </summary>
        public static void Security(IOrganizationService raw)
        {
            raw.Create(new Entity("businessunit", BusinessUnit) { ["name"] = "spmsandbox" });
            raw.Create(new Entity("role", SystemAdministratorRole) { ["name"] = "System Administrator" });
            raw.Create(new Entity("role", SalespersonRole) { ["name"] = "Salesperson" });
            raw.Create(new Entity("fieldsecurityprofile", EarningsProfile) { ["name"] = "SPM Earnings" });
            foreach (var (_, roleId, roleName, teamId, teamName) in Roles)
            {
                raw.Create(new Entity("role", roleId) { ["name"] = roleName });
                raw.Create(new Entity("team", teamId) { ["name"] = teamName, ["businessunitid"] = new EntityReference("businessunit", BusinessUnit) });
                raw.Create(new Entity("teamprofiles") { ["teamid"] = teamId, ["fieldsecurityprofileid"] = EarningsProfile });
            }
        }

        /// <summary>Gives a user an SPM role and its team; an admin is also System Administrator, anyone else also Salesperson.</summary>
        public static void Grant(IOrganizationService raw, Guid user, SpmRole role)
        {
            var (_, roleId, _, teamId, _) = Array.Find(Roles, r => r.Role == role);
            raw.Create(new Entity("systemuserroles") { ["systemuserid"] = user, ["roleid"] = role == SpmRole.Admin ? SystemAdministratorRole : SalespersonRole });
            raw.Create(new Entity("systemuserroles") { ["systemuserid"] = user, ["roleid"] = roleId });
            raw.Create(new Entity("teammembership") { ["teamid"] = teamId, ["systemuserid"] = user });
        }
        public static string SolutionFolder(string child)
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "solution", child);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("solution/" + child + " not found above " + AppContext.BaseDirectory);
        }

        public static void Currency(IOrganizationService raw, Guid id, string code, string name, string symbol, decimal rate)
        {
            var row = new Entity(S.TransactionCurrency.Table, id);
            row[S.TransactionCurrency.IsoCode] = code;
            row["currencyname"] = name;
            row[S.TransactionCurrency.Symbol] = symbol;
            row[S.TransactionCurrency.Precision] = 2;
            row[S.TransactionCurrency.ExchangeRate] = rate;
            raw.Create(row);
        }

        public static Guid Tier(IOrganizationService raw, Guid component, string name, decimal from, decimal? to, decimal rate)
        {
            var tier = new Entity(S.PlanTier.Table);
            tier[S.PlanTier.Component] = new EntityReference(S.PlanComponent.Table, component);
            tier[S.PlanTier.Name] = name;
            tier[S.PlanTier.FromPercent] = from;
            tier[S.PlanTier.ToPercent] = to;
            tier[S.PlanTier.Rate] = rate;
            return raw.Create(tier);
        }

        public static void User(IOrganizationService raw, Guid id, string name, Guid? manager, string team, bool participant, DateTime hireDate)
        {
            var row = new Entity(S.SystemUser.Table, id);
            row[S.SystemUser.FullName] = name;
            row[S.SystemUser.SalesTeam] = team;
            row[S.SystemUser.HireDate] = hireDate;
            row[S.SystemUser.IsParticipant] = participant;
            row["businessunitid"] = new EntityReference("businessunit", BusinessUnit);
            if (manager.HasValue)
            {
                row[S.SystemUser.Manager] = new EntityReference(S.SystemUser.Table, manager.Value);
            }

            raw.Create(row);
        }
    }
}
