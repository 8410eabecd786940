using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using Spm.Dataverse.Store;
using Spm.Plugins.Steps;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>
/// A realistic org in the in-memory Dataverse with the plugin steps the solution ships and registers after import (read from solution/), FY2026
/// quarters, USD base and EUR, a VP → manager → two reps hierarchy (West) beside a second manager with one rep (East),
/// and plan "AE-2026": graduated revenue commission, 10% up to quota and 15% above, clawback window 90 days.
/// Security is enforced as in Dataverse, with the solution's roles as a Dynamics 365 Sales org adds them to Salesperson:
/// reps hold SPM Rep, managers SPM Manager, Sales Ops Admin SPM Admin and System Administrator; every one of them is in the
/// team of their role ("SPM Reps", "SPM Managers", "SPM Admins"), which holds the SPM Earnings field security profile;
/// "SPM Admins" holds SPM Adjustments too, so sales ops enter adjustment amounts.
/// The plug-ins write as the pipeline's SYSTEM user.
/// </summary>
internal sealed class SpmOrganization
{
    public static readonly Guid Admin = new("a0000000-0000-0000-0000-000000000001");
    public static readonly Guid Dana = new("a0000000-0000-0000-0000-0000000000da");
    public static readonly Guid Marco = new("a0000000-0000-0000-0000-0000000000ac");
    public static readonly Guid Ava = new("a0000000-0000-0000-0000-0000000000a1");
    public static readonly Guid Ben = new("a0000000-0000-0000-0000-0000000000b1");
    public static readonly Guid Priya = new("a0000000-0000-0000-0000-0000000000e1");
    public static readonly Guid Noah = new("a0000000-0000-0000-0000-0000000000e2");
    public static readonly Guid SpmAdminRole = new("b0000000-0000-0000-0000-000000000001");
    public static readonly Guid SpmManagerRole = new("b0000000-0000-0000-0000-000000000002");
    public static readonly Guid SpmRepRole = new("b0000000-0000-0000-0000-000000000003");
    public static readonly Guid SystemAdministratorRole = new("b0000000-0000-0000-0000-000000000004");
    public static readonly Guid SalespersonRole = new("b0000000-0000-0000-0000-000000000005");
    public static readonly Guid BusinessUnit = new PluginPipelineOptions().BusinessUnitId;
    public static readonly Guid RepsTeam = new("f0000000-0000-0000-0000-000000000001");
    public static readonly Guid ManagersTeam = new("f0000000-0000-0000-0000-000000000002");
    public static readonly Guid AdminsTeam = new("f0000000-0000-0000-0000-000000000003");
    public static readonly Guid EarningsProfile = new("4522e1dc-273c-5778-9f89-32dd9a567a15");
    public static readonly Guid AdjustmentsProfile = new("9c720788-d68c-5c60-a3bc-5317ba87b7d9");
    public static readonly Guid Usd = new("c0000000-0000-0000-0000-000000000001");
    public static readonly Guid Eur = new("c0000000-0000-0000-0000-000000000002");
    public static readonly Guid Plan = new("d0000000-0000-0000-0000-000000000001");
    public static readonly Guid Component = new("d0000000-0000-0000-0000-000000000002");

    private DateTime _now;

    private SpmOrganization(DateTime today)
    {
        _now = today.AddHours(10);
        Store = new InMemoryOrganization(DataverseMetadata.Default(), () => _now) { BaseCurrencyId = Usd, EnforceSecurity = true };
        Raw = Store.CreateService(InMemoryOrganization.DefaultSystemUserId);
        Seed();
        Pipeline = NewPipeline(out var steps);
        Steps = steps;
        Pipeline.RegisterCustomApi(EstimateCommissionPlugin.MessageName, new EstimateCommissionPlugin(), isFunction: true, executePrivilegeName: Spm.Dataverse.Registration.CustomApiFile.ExecutePrivilegeName(SolutionFolder(string.Empty), EstimateCommissionPlugin.MessageName));
        Service = Pipeline.CreateOrganizationService(Admin);
    }

    /// <summary>
    /// Another front end / asynchronous service host of the same organization: the same data and the same steps, with its
    /// own queue of asynchronous jobs, so a test can run one job in the middle of another's (as two async workers would).
    /// </summary>
    public PluginPipeline SecondServer() => NewPipeline(out _);

    private PluginPipeline NewPipeline(out IReadOnlyList<StepRegistration> steps)
    {
        var pipeline = new PluginPipeline(Store, new PluginPipelineOptions { UtcNow = () => _now });
        _ = typeof(OpportunityCreditPlugin).Assembly;

        // The packed steps and the post-import ones (Win, Lose) an admin registers with register-steps: what gets deployed.
        steps = pipeline.RegisterFolder(SolutionFolder(string.Empty));
        return pipeline;
    }

    /// <summary>The service as a given CRM user sees it (their id is the caller and initiating user).</summary>
    public IOrganizationService ServiceAs(Guid user) => Pipeline.CreateOrganizationService(user);

    public InMemoryOrganization Store { get; }

    /// <summary>The data without plugins, for seeding and for asserting what is stored: as SYSTEM, whom no role restricts.</summary>
    public IOrganizationService Raw { get; }

    public PluginPipeline Pipeline { get; }

    public IReadOnlyList<StepRegistration> Steps { get; }

    /// <summary>The service a user of the CRM calls: every request runs through the registered steps.</summary>
    public IOrganizationService Service { get; }

    public Dictionary<string, Guid> Periods { get; } = new(StringComparer.Ordinal);

    public static SpmOrganization Create(DateTime today) => new(today);

    public static string SolutionFolder(string child)
    {
        for (var dir = new DirectoryInfo(System.AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "solution", child);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("solution/" + child + " not found above " + System.AppContext.BaseDirectory);
    }

    public void Today(DateTime day) => _now = day.AddHours(10);

    /// <summary>What the configuration steps do on a save through the pipeline, for a test that edits configuration through <see cref="Raw"/>.</summary>
    public void ConfigurationChanged() =>
        Raw.Update(new Entity(S.LedgerState.Table, S.LedgerState.ConfigurationRowId) { [S.LedgerState.ConfigVersion] = Guid.NewGuid().ToString("N") });

    /// <summary>A participant on plan AE-2026 with the same quota every quarter (a new hire, or a user of the seed enrolled).</summary>
    /// <param name="isDisabled">The user was disabled in the CRM (systemuser.isdisabled), e.g. a rep who left mid-quarter.</param>
    public void AddParticipant(Guid id, string name, Guid? manager, string team, decimal quarterlyQuota, bool isDisabled = false)
    {
        if (Store.Snapshot(S.SystemUser.Table, id, null) == null)
        {
            User(id, name, manager, team, isParticipant: true, isDisabled: isDisabled);
            Role(SalespersonRole, "Salesperson", id);
            Role(SpmRepRole, "SPM Rep", id);
            TeamMember(RepsTeam, id);
        }
        else
        {
            // A user of the seed (Priya, Noah) enrolled as they are now.
            Raw.Update(new Entity(S.SystemUser.Table, id) { [S.SystemUser.IsParticipant] = true, [S.SystemUser.IsDisabled] = isDisabled });
        }

        Enrol(id, quarterlyQuota);
    }

    /// <summary>Plan AE-2026 from 1 January, and the same revenue quota in every quarter.</summary>
    private void Enrol(Guid participant, decimal quarterlyQuota)
    {
        var assignment = new Entity(S.PlanAssignment.Table);
        assignment[S.PlanAssignment.Participant] = new EntityReference(S.SystemUser.Table, participant);
        assignment[S.PlanAssignment.Plan] = new EntityReference(S.CompPlan.Table, Plan);
        assignment[S.PlanAssignment.EffectiveFrom] = new DateTime(2026, 1, 1);
        Raw.Create(assignment);
        foreach (var period in Periods.Values)
        {
            var row = new Entity(S.Quota.Table);
            row[S.Quota.Participant] = new EntityReference(S.SystemUser.Table, participant);
            row[S.Quota.Period] = new EntityReference(S.Period.Table, period);
            row[S.Quota.Measure] = new OptionSetValue(S.Quota.MeasureBase);
            row[S.Quota.Amount] = quarterlyQuota;
            Raw.Create(row);
        }
    }

    /// <summary>A CRM user with no plan or quota and no SPM role (a Salesperson): a sales admin who is not an SPM participant, or a disabled user.</summary>
    public void AddUser(Guid id, string name, Guid? manager, string team, bool isParticipant, bool isDisabled = false)
    {
        User(id, name, manager, team, isParticipant, isDisabled);
        Role(SalespersonRole, "Salesperson", id);
    }

    /// <summary>The stored recognitions (shout-outs): participant, kind, period and value.</summary>
    public IReadOnlyList<Entity> Recognitions() =>
        Raw.RetrieveMultiple(new QueryExpression(S.Recognition.Table)
        {
            ColumnSet = new ColumnSet(S.Recognition.Name, S.Recognition.Participant, S.Recognition.Kind, S.Recognition.Period, S.Recognition.Value, S.Recognition.Opportunity),
        }).Entities.ToList();

    /// <summary>What the Teams webhook received for new rows of a table (spm_recognition, spm_feedbackrequest).</summary>
    public IReadOnlyList<ServiceEndpointPost> WebhookPosts(string table) =>
        Pipeline.ServiceEndpointPosts.Where(p => string.Equals(p.PrimaryEntityName, table, StringComparison.Ordinal)).ToList();

    public Guid CreateOpportunity(string name, Guid owner, decimal estimated, DateTime estimatedClose, Guid? currency = null, int probability = 50)
    {
        var row = new Entity(S.Opportunity.Table);
        row[S.Opportunity.Name] = name;
        row[S.Opportunity.Owner] = new EntityReference(S.SystemUser.Table, owner);
        row[S.Opportunity.EstimatedValue] = new Money(estimated);
        row[S.Opportunity.EstimatedCloseDate] = estimatedClose;
        row[S.Opportunity.CloseProbability] = probability;
        row[S.Opportunity.Currency] = new EntityReference(S.TransactionCurrency.Table, currency ?? Usd);
        return Service.Create(row);
    }

    public void Win(Guid opportunity, decimal revenue, DateTime closed)
    {
        Today(closed);
        var close = new Entity("opportunityclose");
        close["opportunityid"] = new EntityReference(S.Opportunity.Table, opportunity);
        close["actualrevenue"] = new Money(revenue);
        close["actualend"] = closed;
        close["subject"] = "Won";
        Service.Execute(new WinOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(3) });
    }

    public void Lose(Guid opportunity, DateTime closed)
    {
        Today(closed);
        var close = new Entity("opportunityclose");
        close["opportunityid"] = new EntityReference(S.Opportunity.Table, opportunity);
        close["actualend"] = closed;
        close["subject"] = "Lost";
        Service.Execute(new LoseOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(4) });
    }

    public Guid WonDeal(string name, Guid owner, decimal revenue, DateTime closed, Guid? currency = null)
    {
        Today(closed);
        var id = CreateOpportunity(name, owner, revenue, closed, currency);
        Win(id, revenue, closed);
        return id;
    }

    public void Reopen(Guid opportunity, DateTime on)
    {
        Today(on);
        var row = new Entity(S.Opportunity.Table, opportunity);
        row[S.Opportunity.State] = new OptionSetValue(S.Opportunity.StateOpen);
        row[S.Opportunity.Status] = new OptionSetValue(1);
        Service.Update(row);
    }

    public Guid AddSplit(Guid opportunity, Guid participant, decimal percent, bool overlay = false)
    {
        var row = new Entity(S.CreditSplit.Table);
        row[S.CreditSplit.Opportunity] = new EntityReference(S.Opportunity.Table, opportunity);
        row[S.CreditSplit.Participant] = new EntityReference(S.SystemUser.Table, participant);
        row[S.CreditSplit.Percent] = percent;
        row[S.CreditSplit.Kind] = new OptionSetValue(overlay ? S.CreditSplit.KindOverlay : S.CreditSplit.KindRevenue);
        return Service.Create(row);
    }

    /// <summary>Sales ops (<paramref name="enteredBy"/>) enter a rep's Q2 margin quota of 45,000 and a Q2 onboarding SPIFF; the plug-ins give both to the rep.</summary>
    public void EnterQ2MarginQuotaAndSpiff(IOrganizationService enteredBy, Guid rep, decimal bonus)
    {
        var quota = new Entity(S.Quota.Table);
        quota[S.Quota.Participant] = new EntityReference(S.SystemUser.Table, rep);
        quota[S.Quota.Period] = new EntityReference(S.Period.Table, Periods["FY2026-Q2"]);
        quota[S.Quota.Measure] = new OptionSetValue(S.Quota.MeasureBase + 1);
        quota[S.Quota.Amount] = 45_000m;
        enteredBy.Create(quota);

        var adjustment = new Entity(S.Adjustment.Table);
        adjustment[S.Adjustment.Name] = "Q2 onboarding SPIFF";
        adjustment[S.Adjustment.Participant] = new EntityReference(S.SystemUser.Table, rep);
        adjustment[S.Adjustment.Period] = new EntityReference(S.Period.Table, Periods["FY2026-Q2"]);
        adjustment[S.Adjustment.Amount] = new Money(bonus);
        adjustment[S.Adjustment.Reason] = "Mentored a new hire through onboarding";
        adjustment[S.Adjustment.EffectiveDate] = new DateTime(2026, 4, 1);
        enteredBy.Create(adjustment);
    }

    public void SetPeriodStatus(string period, int status, DateTime on)
    {
        Today(on);
        var row = new Entity(S.Period.Table, Periods[period]);
        row[S.Period.Status] = new OptionSetValue(status);
        Service.Update(row);
    }

    public Entity? Statement(Guid participant, string period) =>
        Raw.RetrieveMultiple(new QueryExpression(S.Statement.Table)
        {
            ColumnSet = new ColumnSet(S.Statement.Plan, S.Statement.Credited, S.Statement.Quota, S.Statement.AttainmentPercent, S.Statement.Earned, S.Statement.TotalPayable, S.Statement.Frozen, S.Statement.LedgerSequence, S.Statement.DrawBalance),
            Criteria =
            {
                Conditions =
                {
                    new ConditionExpression(S.Statement.Participant, ConditionOperator.Equal, participant),
                    new ConditionExpression(S.Statement.Period, ConditionOperator.Equal, Periods[period]),
                },
            },
        }).Entities.SingleOrDefault();

    public decimal Payable(Guid participant, string period) => Statement(participant, period)?.GetAttributeValue<Money>(S.Statement.TotalPayable)?.Value ?? 0m;

    public decimal Credited(Guid participant, string period) => Statement(participant, period)?.GetAttributeValue<Money>(S.Statement.Credited)?.Value ?? 0m;

    public IReadOnlyList<Entity> Ledger(Guid? participant = null)
    {
        var query = new QueryExpression(S.Credit.Table) { ColumnSet = new ColumnSet(Spm.Plugins.Data.SpmSchema.Credit.Sequence, S.Credit.Participant, S.Credit.Kind, S.Credit.Share, S.Credit.Revenue, S.Credit.ReversalOf, S.Credit.DealKey, S.Credit.CreditDate) };
        query.AddOrder(S.Credit.Sequence, OrderType.Ascending);
        if (participant.HasValue)
        {
            query.Criteria.AddCondition(S.Credit.Participant, ConditionOperator.Equal, participant.Value);
        }

        return Raw.RetrieveMultiple(query).Entities.ToList();
    }

    private void Seed()
    {
        // A configured org: its configuration row carries a version, so postings cache periods, plans and currencies.
        Raw.Create(new Entity(S.LedgerState.Table, S.LedgerState.ConfigurationRowId) { [S.LedgerState.Name] = "SPM configuration", [S.LedgerState.ConfigVersion] = Guid.NewGuid().ToString("N") });
        Currency(Usd, "USD", "US Dollar", "$", 1m);
        Currency(Eur, "EUR", "Euro", "€", 0.92m);
        Raw.Create(new Entity("businessunit", BusinessUnit) { ["name"] = "spmsandbox" });
        User(Admin, "Sales Ops Admin", null, "Sales Operations");
        User(Dana, "Dana Whitfield", null, "Leadership");
        User(Marco, "Marco Reyes", Dana, "West Management");
        User(Ava, "Ava Chen", Marco, "West");
        User(Ben, "Ben Okafor", Marco, "West");
        User(Priya, "Priya Nair", Dana, "East Management");
        User(Noah, "Noah Kim", Priya, "East");
        Role(SystemAdministratorRole, "System Administrator", Admin);
        Role(SpmAdminRole, "SPM Admin", Admin);
        Role(SalespersonRole, "Salesperson", Dana, Marco, Priya, Ava, Ben, Noah);
        Role(SpmManagerRole, "SPM Manager", Dana, Marco, Priya);
        Role(SpmRepRole, "SPM Rep", Ava, Ben, Noah);
        Raw.Create(new Entity("fieldsecurityprofile", EarningsProfile) { ["name"] = "SPM Earnings" });
        Raw.Create(new Entity("fieldsecurityprofile", AdjustmentsProfile) { ["name"] = "SPM Adjustments" });
        Team(RepsTeam, "SPM Reps", [EarningsProfile], Ava, Ben, Noah);
        Team(ManagersTeam, "SPM Managers", [EarningsProfile], Dana, Marco, Priya);
        Team(AdminsTeam, "SPM Admins", [EarningsProfile, AdjustmentsProfile], Admin);
        for (var q = 1; q <= 4; q++)
        {
            var start = new DateTime(2026, (3 * (q - 1)) + 1, 1);
            var period = new Entity(S.Period.Table);
            period[S.Period.Name] = $"FY2026-Q{q}";
            period[S.Period.Kind] = new OptionSetValue(S.Period.KindQuarter);
            period[S.Period.FiscalYear] = 2026;
            period[S.Period.Number] = q;
            period[S.Period.StartDate] = start;
            period[S.Period.EndDate] = start.AddMonths(3).AddDays(-1);
            period[S.Period.Status] = new OptionSetValue(S.Period.StatusOpen);
            Periods[$"FY2026-Q{q}"] = Raw.Create(period);
        }

        var plan = new Entity(S.CompPlan.Table, Plan);
        plan[S.CompPlan.Name] = "AE-2026";
        plan[S.CompPlan.Currency] = new EntityReference(S.TransactionCurrency.Table, Usd);
        plan[S.CompPlan.Rounding] = new OptionSetValue(S.CompPlan.RoundingCommercial);
        plan[S.CompPlan.ClawbackDays] = 90;
        Raw.Create(plan);
        var component = new Entity(S.PlanComponent.Table, Component);
        component[S.PlanComponent.Plan] = new EntityReference(S.CompPlan.Table, Plan);
        component[S.PlanComponent.Name] = "New business commission";
        component[S.PlanComponent.Kind] = new OptionSetValue(S.PlanComponent.KindCommission);
        component[S.PlanComponent.Measure] = new OptionSetValue(S.Quota.MeasureBase);
        component[S.PlanComponent.TierMode] = new OptionSetValue(S.PlanComponent.ModeGraduated);
        component[S.PlanComponent.Order] = 1;
        Raw.Create(component);
        Tier("Base", 0m, 100m, 10m);
        Tier("Accelerator", 100m, null, 15m);
        foreach (var (who, quota) in new[] { (Ava, 200_000m), (Ben, 200_000m), (Marco, 400_000m), (Dana, 800_000m) })
        {
            Enrol(who, quota);
        }
    }

    /// <summary>Gives users a security role, as the systemuserroles intersect rows Dataverse keeps.</summary>
    public void Role(Guid role, string name, params Guid[] users)
    {
        if (Raw.RetrieveMultiple(new QueryExpression("role") { ColumnSet = new ColumnSet("roleid"), Criteria = { Conditions = { new ConditionExpression("roleid", ConditionOperator.Equal, role) } } }).Entities.Count == 0)
        {
            var row = new Entity("role", role);
            row["name"] = name;
            Raw.Create(row);
        }

        foreach (var user in users)
        {
            var assignment = new Entity("systemuserroles");
            assignment["systemuserid"] = user;
            assignment["roleid"] = role;
            Raw.Create(assignment);
        }
    }

    /// <summary>A team of the SPM users of one role, holding its field security profiles (field security is given to teams, not users).</summary>
    private void Team(Guid id, string name, Guid[] profiles, params Guid[] members)
    {
        Raw.Create(new Entity("team", id) { ["name"] = name, ["businessunitid"] = new EntityReference("businessunit", BusinessUnit), ["teamtype"] = new OptionSetValue(0) });
        foreach (var profile in profiles)
        {
            Raw.Create(new Entity("teamprofiles") { ["teamid"] = id, ["fieldsecurityprofileid"] = profile });
        }

        foreach (var member in members)
        {
            TeamMember(id, member);
        }
    }

    public void TeamMember(Guid team, Guid user) => Raw.Create(new Entity("teammembership") { ["teamid"] = team, ["systemuserid"] = user });

    private void Tier(string name, decimal from, decimal? to, decimal rate)
    {
        var tier = new Entity(S.PlanTier.Table);
        tier[S.PlanTier.Component] = new EntityReference(S.PlanComponent.Table, Component);
        tier[S.PlanTier.Name] = name;
        tier[S.PlanTier.FromPercent] = from;
        tier[S.PlanTier.ToPercent] = to;
        tier[S.PlanTier.Rate] = rate;
        Raw.Create(tier);
    }

    private void Currency(Guid id, string code, string name, string symbol, decimal rate)
    {
        var row = new Entity(S.TransactionCurrency.Table, id);
        row[S.TransactionCurrency.IsoCode] = code;
        row["currencyname"] = name;
        row[S.TransactionCurrency.Symbol] = symbol;
        row[S.TransactionCurrency.Precision] = 2;
        row[S.TransactionCurrency.ExchangeRate] = rate;
        Raw.Create(row);
    }

    private void User(Guid id, string name, Guid? manager, string team, bool isParticipant = true, bool isDisabled = false)
    {
        var row = new Entity(S.SystemUser.Table, id);
        row[S.SystemUser.FullName] = name;
        row[S.SystemUser.SalesTeam] = team;
        row[S.SystemUser.HireDate] = new DateTime(2021, 3, 1);
        row[S.SystemUser.IsParticipant] = isParticipant;
        row["isdisabled"] = isDisabled;
        row["businessunitid"] = new EntityReference("businessunit", BusinessUnit);
        if (manager.HasValue)
        {
            row[S.SystemUser.Manager] = new EntityReference(S.SystemUser.Table, manager.Value);
        }

        Raw.Create(row);
    }
}
