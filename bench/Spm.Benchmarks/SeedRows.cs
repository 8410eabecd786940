extern alias SpmPlugins;

using System;
using System.IO;
using Microsoft.Xrm.Sdk;
using S = SpmPlugins::Spm.Plugins.Data.SpmSchema;

namespace Spm.Benchmarks
{
    /// <summary>The rows both bench orgs (<see cref="PluginOrg"/>, <see cref="ScaleOrg"/>) seed straight into the store, and where the shipped solution is.</summary>
    internal static class SeedRows
    {
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
            if (manager.HasValue)
            {
                row[S.SystemUser.Manager] = new EntityReference(S.SystemUser.Table, manager.Value);
            }

            raw.Create(row);
        }
    }
}
