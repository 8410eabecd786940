using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Spm.Domain.Credits;
using Spm.Domain.Plans;
using Spm.Dataverse.Security;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.SeedOrg
{
    /// <summary>
    /// Writes <see cref="DemoOrg"/> into a <see cref="SandboxOrganization"/>: the environment as the platform has it (business
    /// unit, currencies, users, security teams, roles), then what sales ops configure and what the reps sell, through the
    /// plug-in pipeline as the admin, each on its day (periods, plans, assignments, quotas, then every opportunity created,
    /// split, won or lost in date order, and the quarter's adjustment), so the plug-ins post the credits and statements.
    /// Deterministic: the same ids and the same numbers on every run.
    /// </summary>
    public static class DemoSeed
    {
        public static readonly Guid UsdId = DemoIds.Currency("USD");

        /// <summary>The role every System Administrator role copy is made from (the same id in every environment).</summary>
        public static readonly Guid SystemAdministratorTemplateId = PlatformRoles.SystemAdministratorTemplateId;

        public static readonly Guid SystemAdministratorRoleId = DemoIds.Of("role", DemoPeople.SystemAdministratorRole);

        /// <summary>The field security profile on the earnings columns (solution/Other/FieldSecurityProfiles.xml).</summary>
        public const string EarningsProfile = "SPM Earnings";

        /// <summary>The field security profile that lets sales ops enter adjustment amounts (solution/Other/FieldSecurityProfiles.xml).</summary>
        public const string AdjustmentsProfile = "SPM Adjustments";

        /// <summary>Seeds the demo org; <paramref name="progress"/> gets a line per stage. Leaves the clock running at the demo's "today".</summary>
        public static DemoOrg Seed(SandboxOrganization org, Action<string>? progress = null)
        {
            var report = progress ?? (_ => { });
            var demo = DemoOrg.Build(DemoOrg.AsOf);
            var people = DemoPeople.All(demo);
            var deals = demo.Opportunities;
            var configDay = deals.Min(d => d.CreatedOn).AddDays(-1);

            org.Clock.StandOn(configDay);
            report($"Seeding {DemoOrg.OrgName}: business unit, {DemoOrg.ForeignCurrencies.Count + 1} currencies, {people.Count} users in 3 security teams…");
            SeedEnvironment(org, demo, people);

            var admin = org.History.CreateOrganizationService(DemoPeople.Admin.Id);
            report($"Configuring {demo.Periods.Periods.Count} periods, {demo.Plans.Count} comp plans, {demo.Assignments.Count} plan assignments and {demo.Quotas.Count} quotas…");
            SeedConfiguration(admin, demo);

            var events = Events(demo).ToList();
            report($"Replaying {deals.Count} opportunities through the plug-ins ({deals.Count(d => d.Status == DealStatus.Won)} won, {deals.Count(d => d.Status == DealStatus.Lost)} lost, {deals.Count(d => d.Status == DealStatus.Open)} open)…");
            var rates = DemoOrg.ForeignCurrencies.ToDictionary(c => c, c => DemoOrg.ExchangeRate(c, 1), StringComparer.Ordinal);
            var done = 0;
            var nextMark = 25;
            foreach (var (day, apply) in events)
            {
                org.Clock.StandOn(day);
                UpdateRates(admin, rates, day);
                apply(admin);
                org.History.RunAsyncSteps();
                done++;
                while (done * 100 / events.Count >= nextMark && nextMark <= 100)
                {
                    report($"  {nextMark}% ({day:yyyy-MM-dd})");
                    nextMark += 25;
                }
            }

            org.History.RunAsyncSteps();
            org.Clock.Run();
            report($"Seeded: {org.Store.Count(S.Credit.Table)} credit rows, {org.Store.Count(S.Statement.Table)} statements, {org.Store.Count(S.Recognition.Table)} recognitions.");
            return demo;
        }

        // ---------------------------------------------------------------- the environment (what exists before SPM is configured)

        private static void SeedEnvironment(SandboxOrganization org, DemoOrg demo, IReadOnlyList<DemoUser> people)
        {
            var platform = org.Platform;
            platform.Create(new Entity("businessunit", SandboxOrganization.BusinessUnitId) { ["name"] = DemoOrg.OrgName });
            Currency(platform, "USD", "US Dollar", "$", 1m);
            Currency(platform, "EUR", "Euro", "€", DemoOrg.ExchangeRate("EUR", 1));
            Currency(platform, "GBP", "Pound Sterling", "£", DemoOrg.ExchangeRate("GBP", 1));

            var system = new Entity(S.SystemUser.Table, SandboxOrganization.SystemUserId)
            {
                [S.SystemUser.FullName] = "SYSTEM",
                ["businessunitid"] = BusinessUnit,
                [S.SystemUser.IsParticipant] = false,
            };
            platform.Create(system);

            foreach (var user in ManagersFirst(people))
            {
                platform.Create(UserRow(user, user.ParticipantId == null ? null : demo.Organization.Get(user.ParticipantId)));
            }

            // The roles the solution imports, with the ids of solution/Roles/*.xml (the store enforces them by id).
            var roles = new[] { DemoPeople.RepRole, DemoPeople.ManagerRole, DemoPeople.AdminRole }
                .Select(name => org.Store.SecurityRoles.Find(name) ?? throw new InvalidOperationException($"The role '{name}' is not in solution/Roles."))
                .ToList();
            foreach (var role in roles)
            {
                platform.Create(new Entity(S.Role.Table, role.Id) { [S.Role.Name] = role.Name, ["businessunitid"] = BusinessUnit });
            }

platform.Create(new Entity("roletemplate", SystemAdministratorTemplateId) { ["name"] = DemoPeople.SystemAdministratorRole });
            platform.Create(new Entity(S.Role.Table, SystemAdministratorRoleId)
            {
                [S.Role.Name] = DemoPeople.SystemAdministratorRole,
                ["businessunitid"] = BusinessUnit,
                [S.Role.Template] = new EntityReference("roletemplate", SystemAdministratorTemplateId),
            });
            platform.Create(new Entity(S.SystemUserRoles.Table) { [S.SystemUserRoles.User] = DemoPeople.Admin.Id, [S.SystemUserRoles.Role] = SystemAdministratorRoleId });

            // Reps and managers sell in Dynamics 365 Sales too: Salesperson gives them their own opportunities.
            platform.Create(new Entity(S.Role.Table, PlatformRoles.Salesperson.Id) { [S.Role.Name] = PlatformRoles.SalespersonName, ["businessunitid"] = BusinessUnit });
            var earnings = Profile(org, platform, EarningsProfile);
            var adjustments = Profile(org, platform, AdjustmentsProfile);
            foreach (var (team, role, sells) in new[] { (DemoPeople.RepsTeam, DemoPeople.RepRole, true), (DemoPeople.ManagersTeam, DemoPeople.ManagerRole, true), (DemoPeople.SalesOpsTeam, DemoPeople.AdminRole, false) })
            {
                var teamId = DemoIds.Team(team);
                platform.Create(new Entity("team", teamId) { ["name"] = team, ["businessunitid"] = BusinessUnit, ["teamtype"] = new OptionSetValue(0) });
                platform.Create(new Entity(S.TeamRoles.Table) { [S.TeamRoles.Team] = teamId, [S.TeamRoles.Role] = roles.Single(r => r.Name == role).Id });
                if (sells)
                {
                    platform.Create(new Entity(S.TeamRoles.Table) { [S.TeamRoles.Team] = teamId, [S.TeamRoles.Role] = PlatformRoles.Salesperson.Id });
                }

                // Field security is not row-aware: every SPM team holds the profile, row security keeps each to their rows.
                platform.Create(new Entity("teamprofiles") { ["teamid"] = teamId, ["fieldsecurityprofileid"] = earnings.Id });
                if (!sells)
                {
                    // Sales ops book the manual adjustments, whose amount is a secured column.
                    platform.Create(new Entity("teamprofiles") { ["teamid"] = teamId, ["fieldsecurityprofileid"] = adjustments.Id });
                }

                foreach (var member in people.Where(p => p.SecurityTeam == team))
                {
                    platform.Create(new Entity(S.TeamMembership.Table) { [S.TeamMembership.Team] = teamId, [S.TeamMembership.User] = member.Id });
                }
            }
        }

        /// <summary>The fieldsecurityprofile row of a profile the solution ships, created with the solution's id.</summary>
        private static FieldSecurityProfile Profile(SandboxOrganization org, IOrganizationService platform, string name)
        {
            var profile = org.Store.FieldSecurityProfiles.Find(name)
                ?? throw new InvalidOperationException($"The field security profile '{name}' is not in solution/Other/FieldSecurityProfiles.xml.");
            platform.Create(new Entity("fieldsecurityprofile", profile.Id) { ["name"] = profile.Name });
            return profile;
        }

        private static EntityReference BusinessUnit => new EntityReference("businessunit", SandboxOrganization.BusinessUnitId);

        /// <summary>A manager's row before their reports', so every manager lookup points at a row that exists.</summary>
        private static IEnumerable<DemoUser> ManagersFirst(IReadOnlyList<DemoUser> people) =>
            people.OrderBy(p => p.Role switch { DemoPeople.AdminRole => 0, DemoPeople.ManagerRole => 1, _ => 2 })
                .ThenBy(p => p.ParticipantId == "cro" ? 0 : 1);

        private static Entity UserRow(DemoUser user, Spm.Domain.Participants.Participant? participant)
        {
            var names = user.FullName.Split(' ', 2);
            var row = new Entity(S.SystemUser.Table, user.Id)
            {
                [S.SystemUser.FullName] = user.FullName,
                ["firstname"] = names[0],
                ["lastname"] = names.Length > 1 ? names[1] : names[0],
                ["domainname"] = user.DomainName,
                ["internalemailaddress"] = user.DomainName,
                ["businessunitid"] = BusinessUnit,
                [S.SystemUser.SalesTeam] = user.SalesTeam,
                [S.SystemUser.IsParticipant] = participant != null,
                [S.SystemUser.IsDisabled] = false,
            };
            if (participant != null)
            {
                row[S.SystemUser.Territory] = participant.Territory;
                row[S.SystemUser.HireDate] = participant.HireDate;
                if (participant.ManagerId != null)
                {
                    row[S.SystemUser.Manager] = new EntityReference(S.SystemUser.Table, DemoIds.User(participant.ManagerId));
                }
            }

            return row;
        }

        private static void Currency(IOrganizationService service, string code, string name, string symbol, decimal rate) =>
            service.Create(new Entity(S.TransactionCurrency.Table, DemoIds.Currency(code))
            {
                [S.TransactionCurrency.IsoCode] = code,
                ["currencyname"] = name,
                [S.TransactionCurrency.Symbol] = symbol,
                [S.TransactionCurrency.Precision] = 2,
                [S.TransactionCurrency.ExchangeRate] = rate,
            });

        // ---------------------------------------------------------------- what sales ops configure

        private static void SeedConfiguration(IOrganizationService admin, DemoOrg demo)
        {
            foreach (var period in demo.Periods.Periods)
            {
                admin.Create(new Entity(S.Period.Table, DemoIds.Period(period.Id))
                {
                    [S.Period.Name] = period.Id,
                    [S.Period.Kind] = new OptionSetValue((int)period.Kind),
                    [S.Period.FiscalYear] = period.FiscalYear,
                    [S.Period.Number] = period.Number,
                    [S.Period.StartDate] = period.Start,
                    [S.Period.EndDate] = period.End.AddDays(-1),
                    [S.Period.Status] = new OptionSetValue(S.Period.StatusOpen),
                });
            }

            foreach (var plan in demo.Plans)
            {
                SeedPlan(admin, plan);
            }

            foreach (var assignment in demo.Assignments)
            {
                admin.Create(new Entity(S.PlanAssignment.Table)
                {
                    ["spm_name"] = $"{assignment.ParticipantId} on {assignment.Plan.Name}",
                    [S.PlanAssignment.Participant] = new EntityReference(S.SystemUser.Table, DemoIds.User(assignment.ParticipantId)),
                    [S.PlanAssignment.Plan] = new EntityReference(S.CompPlan.Table, DemoIds.Plan(assignment.Plan.Id)),
                    [S.PlanAssignment.EffectiveFrom] = assignment.EffectiveFrom,
                    [S.OwnerId] = new EntityReference(S.SystemUser.Table, DemoIds.User(assignment.ParticipantId)),
                });
            }

            foreach (var quota in demo.Quotas)
            {
                var row = new Entity(S.Quota.Table)
                {
                    ["spm_name"] = $"{quota.ParticipantId} {quota.Period.Id} {quota.Measure}",
                    [S.Quota.Participant] = new EntityReference(S.SystemUser.Table, DemoIds.User(quota.ParticipantId)),
                    [S.Quota.Period] = new EntityReference(S.Period.Table, DemoIds.Period(quota.Period.Id)),
                    [S.Quota.Measure] = new OptionSetValue(S.Quota.MeasureBase + (int)quota.Measure),
                    [S.Quota.Amount] = quota.Amount,
                    [S.OwnerId] = new EntityReference(S.SystemUser.Table, DemoIds.User(quota.ParticipantId)),
                };
                if (quota.Ramp != null)
                {
                    row[S.Quota.Ramp] = string.Join(";", quota.Ramp.MonthlyShares.Select(s => (s * 100m).ToString("0.##", CultureInfo.InvariantCulture)));
                }

                admin.Create(row);
            }
        }

        /// <summary>The plan, each component with its tiers from 0% upwards (a bounded tier, then the next above it), and its SPIFFs.</summary>
        private static void SeedPlan(IOrganizationService admin, CompPlan plan)
        {
            var planRow = new Entity(S.CompPlan.Table, DemoIds.Plan(plan.Id))
            {
                [S.CompPlan.Name] = plan.Name,
                [S.CompPlan.Currency] = new EntityReference(S.TransactionCurrency.Table, DemoIds.Currency(plan.Currency.Code)),
                [S.CompPlan.Rounding] = new OptionSetValue(plan.Rounding.Midpoint == MidpointRounding.ToEven ? S.CompPlan.RoundingBankers : S.CompPlan.RoundingCommercial),
                [S.CompPlan.ClawbackDays] = plan.Clawback.WindowDays,
            };
            if (plan.Draw != null)
            {
                planRow[S.CompPlan.DrawAmount] = new Money(plan.Draw.AmountPerPeriod);
                planRow[S.CompPlan.DrawRecoverable] = plan.Draw.Recoverable;
            }

            admin.Create(planRow);
            var order = 0;
            foreach (var component in plan.Components)
            {
                var targetIncentive = component as TargetIncentiveComponent;
                var componentId = DemoIds.Component(plan.Id, component.Id);
                var row = new Entity(S.PlanComponent.Table, componentId)
                {
                    [S.PlanComponent.Plan] = new EntityReference(S.CompPlan.Table, DemoIds.Plan(plan.Id)),
                    [S.PlanComponent.Name] = component.Name,
                    [S.PlanComponent.Kind] = new OptionSetValue(targetIncentive != null ? S.PlanComponent.KindTargetIncentive : S.PlanComponent.KindCommission),
                    [S.PlanComponent.Measure] = new OptionSetValue(S.Quota.MeasureBase + (int)component.Measure),
                    [S.PlanComponent.TierMode] = new OptionSetValue(component.Mode == TierMode.Retroactive ? S.PlanComponent.ModeRetroactive : S.PlanComponent.ModeGraduated),
                    [S.PlanComponent.Order] = ++order,
                };
                if (component.Threshold is decimal threshold)
                {
                    row[S.PlanComponent.Threshold] = threshold * 100m;
                }

                if (component.AttainmentCap is decimal cap)
                {
                    row[S.PlanComponent.AttainmentCap] = cap * 100m;
                }

                if (component.PayoutCap is decimal payoutCap)
                {
                    row[S.PlanComponent.PayoutCap] = new Money(payoutCap);
                }

                if (targetIncentive != null)
                {
                    row[S.PlanComponent.TargetIncentive] = new Money(targetIncentive.TargetIncentive);
                }

                admin.Create(row);
                foreach (var tier in component.Table.Tiers)
                {
                    var tierRow = new Entity(S.PlanTier.Table)
                    {
                        [S.PlanTier.Component] = new EntityReference(S.PlanComponent.Table, componentId),
                        [S.PlanTier.Name] = tier.Label,
                        [S.PlanTier.FromPercent] = tier.From * 100m,
                        [S.PlanTier.Rate] = targetIncentive != null ? tier.Rate : tier.Rate * 100m,
                    };
                    if (tier.To is decimal to)
                    {
                        tierRow[S.PlanTier.ToPercent] = to * 100m;
                    }

                    admin.Create(tierRow);
                }
            }

            foreach (var spiff in plan.Spiffs)
            {
                var row = new Entity(S.Spiff.Table, DemoIds.Of("spiff", plan.Id + "/" + spiff.Id))
                {
                    [S.Spiff.Plan] = new EntityReference(S.CompPlan.Table, DemoIds.Plan(plan.Id)),
                    [S.Spiff.Name] = spiff.Name,
                    [S.Spiff.FirstDay] = spiff.FirstDay,
                    [S.Spiff.LastDay] = spiff.LastDay,
                    [S.Spiff.BonusPerDeal] = new Money(spiff.BonusPerDeal),
                    [S.Spiff.MinimumDealAmount] = new Money(spiff.MinimumDealAmount),
                };
                if (spiff.Category != null)
                {
                    row[S.Spiff.Category] = spiff.Category;
                }

                admin.Create(row);
            }
        }

        // ---------------------------------------------------------------- what the reps sell, day by day

        /// <summary>Every dated change of the quarter in the order it happened: deals opened (with their splits), won or lost, adjustments booked.</summary>
        private static IEnumerable<(DateTime Day, Action<IOrganizationService> Apply)> Events(DemoOrg demo)
        {
            var events = new List<(DateTime Day, int Order, string Key, Action<IOrganizationService> Apply)>();
            foreach (var deal in demo.Opportunities)
            {
                events.Add((deal.CreatedOn, 0, deal.Id, service => OpenDeal(service, deal)));
                if (deal.Status != DealStatus.Open)
                {
                    events.Add((deal.ActualCloseDate!.Value, 1, deal.Id, service => CloseDeal(service, deal)));
                }
            }

            foreach (var adjustment in demo.Adjustments)
            {
                events.Add((adjustment.Date, 2, adjustment.Id, service => service.Create(new Entity(S.Adjustment.Table)
                {
                    [S.Adjustment.Name] = adjustment.Id,
                    [S.Adjustment.Participant] = new EntityReference(S.SystemUser.Table, DemoIds.User(adjustment.ParticipantId)),
                    [S.Adjustment.Period] = new EntityReference(S.Period.Table, DemoIds.Period(adjustment.PeriodId)),
                    [S.Adjustment.Amount] = new Money(adjustment.Amount),
                    [S.Adjustment.Reason] = adjustment.Reason,
                    [S.Adjustment.EffectiveDate] = adjustment.Date,
                    [S.OwnerId] = new EntityReference(S.SystemUser.Table, DemoIds.User(adjustment.ParticipantId)),
                })));
            }

            return events
                .OrderBy(e => e.Day)
                .ThenBy(e => e.Order)
                .ThenBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => (e.Day, e.Apply));
        }

        private static void OpenDeal(IOrganizationService service, Deal deal)
        {
            var id = DemoIds.Opportunity(deal.Id);
            var row = new Entity(S.Opportunity.Table, id)
            {
                [S.Opportunity.Name] = deal.Name,
                [S.Opportunity.Owner] = new EntityReference(S.SystemUser.Table, DemoIds.User(deal.OwnerId)),
                [S.Opportunity.Currency] = new EntityReference(S.TransactionCurrency.Table, DemoIds.Currency(deal.CurrencyCode)),
                [S.Opportunity.EstimatedValue] = new Money(deal.Amount),
                [S.Opportunity.EstimatedCloseDate] = deal.EstimatedCloseDate,
                [S.Opportunity.CloseProbability] = (int)deal.Probability,
                [S.Opportunity.Margin] = new Money(deal.Margin),
                [S.Opportunity.Units] = deal.Units,
                ["spm_dealnumber"] = deal.Id,
            };
            if (deal.Category != null)
            {
                row[S.Opportunity.Category] = deal.Category;
            }

            service.Create(row);
            foreach (var split in deal.Splits)
            {
                service.Create(new Entity(S.CreditSplit.Table)
                {
                    ["spm_name"] = $"{deal.Id} {split.ParticipantId} {split.Percent.ToString("0.##", CultureInfo.InvariantCulture)}%",
                    [S.CreditSplit.Opportunity] = new EntityReference(S.Opportunity.Table, id),
                    [S.CreditSplit.Participant] = new EntityReference(S.SystemUser.Table, DemoIds.User(split.ParticipantId)),
                    [S.CreditSplit.Percent] = split.Percent,
                    [S.CreditSplit.Kind] = new OptionSetValue(split.Kind == SplitKind.Overlay ? S.CreditSplit.KindOverlay : S.CreditSplit.KindRevenue),
                });
            }
        }

        private static void CloseDeal(IOrganizationService service, Deal deal)
        {
            var close = new Entity("opportunityclose")
            {
                ["opportunityid"] = new EntityReference(S.Opportunity.Table, DemoIds.Opportunity(deal.Id)),
                ["actualend"] = deal.ActualCloseDate!.Value,
                ["subject"] = deal.Status == DealStatus.Won ? "Won: " + deal.Name : "Lost: " + deal.Name,
            };
            if (deal.Status == DealStatus.Won)
            {
                close["actualrevenue"] = new Money(deal.Amount);
                service.Execute(new WinOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(3) });
            }
            else
            {
                service.Execute(new LoseOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(4) });
            }
        }

        /// <summary>Sales ops update the currency rates at the start of each month of the quarter, as the demo's deals were priced.</summary>
        private static void UpdateRates(IOrganizationService admin, Dictionary<string, decimal> current, DateTime day)
        {
            if (day.Year != 2026 || day.Month > 3)
            {
                return;
            }

            foreach (var code in DemoOrg.ForeignCurrencies)
            {
                var rate = DemoOrg.ExchangeRate(code, day.Month);
                if (current[code] != rate)
                {
                    admin.Update(new Entity(S.TransactionCurrency.Table, DemoIds.Currency(code)) { [S.TransactionCurrency.ExchangeRate] = rate });
                    current[code] = rate;
                }
            }
        }
    }
}
