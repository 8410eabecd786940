using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Security;

/// <summary>
/// A sales org with security enforced. Business units Contoso (root) → West → West Enterprise, and Contoso → East.
/// West: reps Ava and Ben under Marco; Lena, a rep whose team is not given the earnings profile; Omar, a salesperson
/// with no SPM role. East: rep Noah under Priya. Sales ops Sofia (SPM Admin) and Iris (System Administrator) sit at
/// Contoso. Reps and managers hold Salesperson and their SPM role directly; the SPM Earnings profile reaches them
/// through the teams "SPM Reps", "SPM Managers" and "SPM Admins", and SPM Adjustments (entering adjustment amounts)
/// through "SPM Admins" only. Each earnings table has one row owned by each of
/// Ava, Ben and Noah, shared read-only with their manager as the plug-ins share them; the amounts are Ava 1,250.00,
/// Ben 2,500.00, Noah 3,750.00.
/// </summary>
internal sealed class SecuredOrg
{
    public static readonly string[] EarningsTables = ["spm_statement", "spm_statementline", "spm_attainment", "spm_credit", "spm_quota", "spm_adjustment"];

    /// <summary>Each earnings table's amount column; the field security profile secures all but the credit's and the quota's.</summary>
    public static readonly Dictionary<string, string> AmountColumn = new(StringComparer.Ordinal)
    {
        ["spm_statement"] = "spm_earned",
        ["spm_statementline"] = "spm_amount",
        ["spm_attainment"] = "spm_earned",
        ["spm_credit"] = "spm_revenue",
        ["spm_quota"] = "spm_amount",
        ["spm_adjustment"] = "spm_amount",
    };

    public static readonly Guid Contoso = new("b1000000-0000-0000-0000-000000000001");
    public static readonly Guid West = new("b1000000-0000-0000-0000-000000000002");
    public static readonly Guid WestEnterprise = new("b1000000-0000-0000-0000-000000000003");
    public static readonly Guid East = new("b1000000-0000-0000-0000-000000000004");

    public static readonly Guid SpmRepRole = new("24b413de-3649-523c-aeea-8d46ef2cefe7");
    public static readonly Guid SpmManagerRole = new("f4424152-7b29-55b7-b654-861eb5ecac1b");
    public static readonly Guid SpmAdminRole = new("c2000000-0000-0000-0000-0000000000ad");
    public static readonly Guid SalespersonRole = new("c2000000-0000-0000-0000-000000000005");
    public static readonly Guid SystemAdministratorRole = new("c2000000-0000-0000-0000-000000000001");
    public static readonly Guid EarningsProfile = new("4522e1dc-273c-5778-9f89-32dd9a567a15");
    public static readonly Guid AdjustmentsProfile = new("9c720788-d68c-5c60-a3bc-5317ba87b7d9");
    public static readonly Guid RepsTeam = new("c3000000-0000-0000-0000-000000000001");
    public static readonly Guid ManagersTeam = new("c3000000-0000-0000-0000-000000000002");
    public static readonly Guid AdminsTeam = new("c3000000-0000-0000-0000-000000000003");
    public static readonly Guid LenasTeam = new("c3000000-0000-0000-0000-000000000004");

    public static readonly Guid Usd = new("c4000000-0000-0000-0000-000000000001");
    public static readonly Guid Q1 = new("c5000000-0000-0000-0000-000000000001");

    private readonly Dictionary<string, Guid> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Table, string Owner), Guid> _rows = new();

    public SecuredOrg()
    {
        Store = new InMemoryOrganization(DataverseMetadata.Default(), () => new DateTime(2026, 3, 14, 9, 30, 0, DateTimeKind.Utc)) { EnforceSecurity = true };
        System = Store.CreateService(InMemoryOrganization.DefaultSystemUserId);
        Unit(Contoso, "Contoso", null);
        Unit(West, "Contoso West", Contoso);
        Unit(WestEnterprise, "Contoso West Enterprise", West);
        Unit(East, "Contoso East", Contoso);
        System.Create(new Entity("transactioncurrency", Usd) { ["currencyname"] = "US Dollar", ["isocurrencycode"] = "USD", ["exchangerate"] = 1m, ["currencyprecision"] = 2 });
        Store.BaseCurrencyId = Usd;
        System.Create(new Entity("spm_period", Q1) { ["spm_name"] = "FY2026-Q1" });

        foreach (var (id, name) in new[] { (SpmRepRole, "SPM Rep"), (SpmManagerRole, "SPM Manager"), (SpmAdminRole, "SPM Admin"), (SalespersonRole, "Salesperson"), (SystemAdministratorRole, "System Administrator") })
        {
            System.Create(new Entity("role", id) { ["name"] = name, ["businessunitid"] = new EntityReference("businessunit", Contoso) });
        }

        System.Create(new Entity("fieldsecurityprofile", EarningsProfile) { ["name"] = "SPM Earnings" });
        System.Create(new Entity("fieldsecurityprofile", AdjustmentsProfile) { ["name"] = "SPM Adjustments" });
        Team(RepsTeam, "SPM Reps", Contoso, EarningsProfile);
        Team(ManagersTeam, "SPM Managers", Contoso, EarningsProfile);
        Team(AdminsTeam, "SPM Admins", Contoso, EarningsProfile, AdjustmentsProfile);
        Team(LenasTeam, "West Inside Sales", West);

        User("Marco", "Marco Reyes", West, null, SalespersonRole, SpmManagerRole).Member(ManagersTeam);
        User("Priya", "Priya Nair", East, null, SalespersonRole, SpmManagerRole).Member(ManagersTeam);
        User("Ava", "Ava Chen", West, "Marco", SalespersonRole, SpmRepRole).Member(RepsTeam);
        User("Ben", "Ben Okafor", West, "Marco", SalespersonRole, SpmRepRole).Member(RepsTeam);
        User("Noah", "Noah Kim", East, "Priya", SalespersonRole, SpmRepRole).Member(RepsTeam);
        User("Lena", "Lena Fischer", West, "Marco", SalespersonRole, SpmRepRole).Member(LenasTeam);
        User("Omar", "Omar Haddad", West, "Marco", SalespersonRole);
        User("Sofia", "Sofia Marin", Contoso, null, SpmAdminRole).Member(AdminsTeam);
        User("Iris", "Iris Lund", Contoso, null, SystemAdministratorRole);

        foreach (var (owner, amount) in new[] { ("Ava", 1_250.00m), ("Ben", 2_500.00m), ("Noah", 3_750.00m), ("Lena", 900.00m) })
        {
            EarningsRows(owner, amount);
        }
    }

    public InMemoryOrganization Store { get; }

    /// <summary>The SYSTEM user's service: seeding and reading what is really stored.</summary>
    public IOrganizationService System { get; }

    public Guid this[string user] => _users[user];

    /// <summary>The service a user calls.</summary>
    public IOrganizationService As(string user) => Store.CreateService(_users[user]);

    /// <summary>The row of an earnings table owned by a user.</summary>
    public Guid Row(string table, string owner) => _rows[(table, owner)];

    /// <summary>Whose row a row of an earnings table is.</summary>
    public string OwnerOf(string table, Guid row) => _rows.Single(r => r.Key.Table == table && r.Value == row).Key.Owner;

    /// <summary>The PrivilegeDenied message for a user holding the named roles (directly), missing a table's privilege.</summary>
    public string PrivilegeDenied(string user, string privilege, string table, params string[] roles)
    {
        int privileges = roles.SelectMany(r => Store.SecurityRoles.Find(r)!.PrivilegeKeys).Distinct(StringComparer.Ordinal).Count();
        Guid unit = System.Retrieve("systemuser", _users[user], new Microsoft.Xrm.Sdk.Query.ColumnSet("businessunitid")).GetAttributeValue<EntityReference>("businessunitid").Id;
        return $"Principal user (Id={_users[user]:D}, type=8, roleCount={roles.Length}, privilegeCount={privileges}, accessMode='0 Read-Write', businessUnitId={unit:D}), " +
            $"is missing {privilege} privilege for entity '{table}'. context.Caller={_users[user]:D}. Consider adding missed privilege to one of the principal (user/team) roles.";
    }

    /// <summary>The access-denied message of the platform for a record the user's privilege depth does not reach.</summary>
    public string AccessDenied(string user, string right, string table, Guid record, string level) =>
        $"Principal with id {_users[user]:D} does not have {right} right(s) for record with id {record:D} of entity {table}. Consider assigning a role with the level {level} to the user or team.";

    /// <summary>An open opportunity owned by a user.</summary>
    public Guid Opportunity(string name, string owner) =>
        System.Create(new Entity("opportunity") { ["name"] = name, ["ownerid"] = new EntityReference("systemuser", _users[owner]), ["estimatedvalue"] = new Money(48_250.00m) });

    public static decimal Amount(string owner) => owner switch
    {
        "Ava" => 1_250.00m,
        "Ben" => 2_500.00m,
        "Noah" => 3_750.00m,
        "Lena" => 900.00m,
        _ => throw new ArgumentOutOfRangeException(nameof(owner), owner, "owns no earnings rows"),
    };

    public SecuredOrg Member(Guid team, string user)
    {
        System.Create(new Entity("teammembership") { ["teamid"] = team, ["systemuserid"] = _users[user] });
        return this;
    }

    public void GiveRole(string user, Guid role) => System.Create(new Entity("systemuserroles") { ["systemuserid"] = _users[user], ["roleid"] = role });

    public Guid AddUser(string key, string fullName, Guid unit, params Guid[] roles)
    {
        User(key, fullName, unit, null, roles);
        return _users[key];
    }

    private UserBuilder User(string key, string fullName, Guid unit, string? manager, params Guid[] roles)
    {
        var row = new Entity("systemuser") { ["fullname"] = fullName, ["businessunitid"] = new EntityReference("businessunit", unit) };
        if (manager != null)
        {
            row["parentsystemuserid"] = new EntityReference("systemuser", _users[manager]);
        }

        _users[key] = System.Create(row);
        foreach (var role in roles)
        {
            GiveRole(key, role);
        }

        return new UserBuilder(this, key);
    }

    private void Unit(Guid id, string name, Guid? parent)
    {
        var row = new Entity("businessunit", id) { ["name"] = name };
        if (parent is Guid parentId)
        {
            row["parentbusinessunitid"] = new EntityReference("businessunit", parentId);
        }

        System.Create(row);
    }

    private void Team(Guid id, string name, Guid unit, params Guid[] profiles)
    {
        System.Create(new Entity("team", id) { ["name"] = name, ["businessunitid"] = new EntityReference("businessunit", unit), ["teamtype"] = new OptionSetValue(0) });
        foreach (Guid profile in profiles)
        {
            System.Create(new Entity("teamprofiles") { ["teamid"] = id, ["fieldsecurityprofileid"] = profile });
        }
    }

    /// <summary>One row per earnings table owned by the rep, each shared read-only with their manager.</summary>
    private void EarningsRows(string owner, decimal amount)
    {
        Guid user = _users[owner];
        string name = $"{owner} – FY2026-Q1";
        var participant = new EntityReference("systemuser", user);
        var period = new EntityReference("spm_period", Q1);
        var money = new Money(amount);
        var rows = new Dictionary<string, Entity>(StringComparer.Ordinal)
        {
            ["spm_statement"] = new("spm_statement")
            {
                ["spm_name"] = name, ["spm_participantid"] = participant, ["spm_periodid"] = period,
                ["spm_credited"] = new Money(amount * 10m), ["spm_earned"] = money, ["spm_totalpayable"] = money, ["spm_drawbalance"] = new Money(0m),
            },
            ["spm_attainment"] = new("spm_attainment")
            {
                ["spm_name"] = name, ["spm_participantid"] = participant, ["spm_periodid"] = period, ["spm_attainmentpercent"] = 62.5m, ["spm_earned"] = money,
            },
            ["spm_credit"] = new("spm_credit")
            {
                ["spm_name"] = $"Contoso renewal – {owner}", ["spm_participantid"] = participant, ["spm_revenue"] = money, ["spm_sequence"] = 1,
                ["spm_dealkey"] = "deal-" + owner, ["spm_kind"] = new OptionSetValue(SpmChoices.CreditOwner), ["spm_creditdate"] = new DateTime(2026, 2, 10), ["spm_postedon"] = new DateTime(2026, 2, 10),
            },
            ["spm_quota"] = new("spm_quota")
            {
                ["spm_name"] = name, ["spm_participantid"] = participant, ["spm_periodid"] = period, ["spm_amount"] = amount, ["spm_measure"] = new OptionSetValue(SpmChoices.MeasureRevenue),
            },
            ["spm_adjustment"] = new("spm_adjustment")
            {
                ["spm_name"] = $"Spiff correction – {owner}", ["spm_participantid"] = participant, ["spm_periodid"] = period, ["spm_amount"] = money, ["spm_reason"] = "Missed SPIFF on the Contoso renewal",
            },
        };
        foreach (var (table, row) in rows)
        {
            row["ownerid"] = participant;
            _rows[(table, owner)] = System.Create(row);
        }

        var line = new Entity("spm_statementline")
        {
            ["spm_name"] = $"Commission – {owner}", ["spm_statementid"] = new EntityReference("spm_statement", _rows[("spm_statement", owner)]),
            ["spm_amount"] = money, ["spm_creditamount"] = new Money(amount * 10m), ["spm_explanation"] = "10% of the credited revenue", ["ownerid"] = participant,
        };
        _rows[("spm_statementline", owner)] = System.Create(line);

        Guid manager = System.Retrieve("systemuser", user, new Microsoft.Xrm.Sdk.Query.ColumnSet("parentsystemuserid")).GetAttributeValue<EntityReference>("parentsystemuserid").Id;
        foreach (string table in EarningsTables)
        {
            System.Execute(new GrantAccessRequest
            {
                Target = new EntityReference(table, _rows[(table, owner)]),
                PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("systemuser", manager), AccessMask = AccessRights.ReadAccess },
            });
        }
    }

    internal readonly struct UserBuilder(SecuredOrg org, string user)
    {
        public void Member(Guid team) => org.Member(team, user);
    }
}
