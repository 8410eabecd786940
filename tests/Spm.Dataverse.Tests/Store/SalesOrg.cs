using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Store;

/// <summary>
/// A small sales organization on a fixed clock: base currency USD (precision 2), EUR at 0.92 per USD,
/// reps Ava and Ben reporting to Marco, customer Contoso.
/// </summary>
internal sealed class SalesOrg
{
    public static readonly DateTime Now = new(2025, 3, 14, 9, 30, 0, DateTimeKind.Utc);

    public SalesOrg()
    {
        Org = new InMemoryOrganization(clock: () => Clock);
        Admin = Guid.Parse("00000000-0000-0000-0000-00000000a001");
        Service = Org.CreateService(Admin);
        Usd = Service.Create(new Entity("transactioncurrency")
        {
            ["currencyname"] = "US Dollar", ["isocurrencycode"] = "USD", ["exchangerate"] = 1.0m, ["currencyprecision"] = 2,
        });
        Org.BaseCurrencyId = Usd;
        Eur = Service.Create(new Entity("transactioncurrency")
        {
            ["currencyname"] = "Euro", ["isocurrencycode"] = "EUR", ["exchangerate"] = 0.92m, ["currencyprecision"] = 2,
        });
        Unit = Service.Create(new Entity("businessunit") { ["name"] = "Contoso Sales EMEA" });
        Marco = User("Marco", "Rossi", null);
        Ava = User("Ava", "Lindqvist", Marco);
        Ben = User("Ben", "Okafor", Marco);
        Contoso = Service.Create(new Entity("account") { ["name"] = "Contoso Pharmaceuticals" });
    }

    public DateTime Clock { get; set; } = Now;

    public InMemoryOrganization Org { get; }

    public IOrganizationService Service { get; }

    public Guid Admin { get; }

    public Guid Usd { get; }

    public Guid Eur { get; }

    public Guid Unit { get; }

    public Guid Marco { get; }

    public Guid Ava { get; }

    public Guid Ben { get; }

    public Guid Contoso { get; }

    public IOrganizationService As(Guid user) => Org.CreateService(user);

    public Guid Opportunity(string name, Guid owner, decimal estimated, Guid? currency = null, DateTime? estimatedClose = null, int probability = 50)
    {
        return Service.Create(new Entity("opportunity")
        {
            ["name"] = name,
            ["ownerid"] = new EntityReference("systemuser", owner),
            ["customerid"] = new EntityReference("account", Contoso),
            ["estimatedvalue"] = new Money(estimated),
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", currency ?? Eur),
            ["estimatedclosedate"] = estimatedClose ?? new DateTime(2025, 3, 31),
            ["closeprobability"] = probability,
        });
    }

    private Guid User(string first, string last, Guid? manager)
    {
        var user = new Entity("systemuser")
        {
            ["firstname"] = first,
            ["lastname"] = last,
            ["fullname"] = first + " " + last,
            ["businessunitid"] = new EntityReference("businessunit", Unit),
        };
        if (manager is Guid id)
        {
            user["parentsystemuserid"] = new EntityReference("systemuser", id);
        }

        return Service.Create(user);
    }
}
