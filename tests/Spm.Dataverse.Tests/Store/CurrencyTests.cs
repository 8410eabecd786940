using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Store;

[TestClass]
public sealed class CurrencyTests
{
    [TestMethod]
    public void A_euro_opportunity_copies_the_exchange_rate_and_stores_base_amounts_in_dollars()
    {
        var org = new SalesOrg();

        Guid id = org.Opportunity("Northwind Logistics Renewal", org.Ava, 10_000.00m, org.Eur);

        Entity row = org.Service.Retrieve("opportunity", id, new ColumnSet("exchangerate", "estimatedvalue", "estimatedvalue_base", "actualvalue_base"));
        // 10,000.00 EUR / 0.92 = 10,869.565… → 10,869.57 USD.
        Assert.AreEqual(0.92m, row["exchangerate"]);
        Assert.AreEqual(new Money(10_869.57m), row["estimatedvalue_base"]);
        Assert.IsFalse(row.Contains("actualvalue_base"));
    }

    [TestMethod]
    public void An_exchange_rate_given_by_the_caller_wins_over_the_currency_row()
    {
        var org = new SalesOrg();

        Guid id = org.Service.Create(new Entity("opportunity")
        {
            ["name"] = "Fabrikam Data Platform",
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", org.Eur),
            ["exchangerate"] = 0.80m,
            ["estimatedvalue"] = new Money(72_000.00m),
        });

        Assert.AreEqual(new Money(90_000.00m), org.Service.Retrieve("opportunity", id, new ColumnSet("estimatedvalue_base"))["estimatedvalue_base"]);
    }

    [TestMethod]
    public void Money_without_a_currency_gets_the_base_currency_and_equal_base_amounts()
    {
        var org = new SalesOrg();

        Guid id = org.Service.Create(new Entity("opportunity") { ["name"] = "Domestic deal", ["estimatedvalue"] = new Money(1_234.56m) });

        Entity row = org.Service.Retrieve("opportunity", id, new ColumnSet(true));
        Assert.AreEqual(new EntityReference("transactioncurrency", org.Usd), row["transactioncurrencyid"]);
        Assert.AreEqual(1.0m, row["exchangerate"]);
        Assert.AreEqual(new Money(1_234.56m), row["estimatedvalue_base"]);
    }

    [TestMethod]
    public void Updating_money_refreshes_the_rate_from_the_currency_and_recomputes_every_base_amount()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Northwind Logistics Renewal", org.Ava, 10_000.00m, org.Eur);
        org.Service.Update(new Entity("transactioncurrency", org.Eur) { ["exchangerate"] = 0.90m });

        Entity untouched = org.Service.Retrieve("opportunity", id, new ColumnSet("estimatedvalue_base"));
        org.Service.Update(new Entity("opportunity", id) { ["actualvalue"] = new Money(9_000.00m) });

        Entity row = org.Service.Retrieve("opportunity", id, new ColumnSet("exchangerate", "estimatedvalue_base", "actualvalue_base"));
        Assert.AreEqual(new Money(10_869.57m), untouched["estimatedvalue_base"]);
        Assert.AreEqual(0.90m, row["exchangerate"]);
        Assert.AreEqual(new Money(11_111.11m), row["estimatedvalue_base"]);
        Assert.AreEqual(new Money(10_000.00m), row["actualvalue_base"]);
    }

    [TestMethod]
    public void A_base_amount_sent_by_the_caller_is_replaced_by_the_computed_one()
    {
        var org = new SalesOrg();

        Guid id = org.Service.Create(new Entity("opportunity")
        {
            ["name"] = "Tampered",
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", org.Eur),
            ["estimatedvalue"] = new Money(920.00m),
            ["estimatedvalue_base"] = new Money(1m),
        });

        Assert.AreEqual(new Money(1_000.00m), org.Service.Retrieve("opportunity", id, new ColumnSet("estimatedvalue_base"))["estimatedvalue_base"]);
    }

    [TestMethod]
    public void Base_amounts_round_half_away_from_zero_to_the_base_currency_precision()
    {
        var org = new SalesOrg();
        Guid gbp = org.Service.Create(new Entity("transactioncurrency")
        {
            ["currencyname"] = "Pound Sterling", ["isocurrencycode"] = "GBP", ["exchangerate"] = 0.8m, ["currencyprecision"] = 2,
        });

        Guid id = org.Service.Create(new Entity("spm_credit")
        {
            ["spm_name"] = "OPP-1001 owner credit",
            ["spm_participantid"] = new EntityReference("systemuser", org.Ava),
            ["spm_revenue"] = new Money(0.02m),
            ["spm_creditdate"] = new DateTime(2025, 3, 10),
            ["spm_kind"] = new OptionSetValue(Spm.Dataverse.Metadata.SpmChoices.CreditOwner),
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", gbp),
        });

        // 0.02 / 0.8 = 0.025 → 0.03 (away from zero), not 0.02 (banker's rounding).
        Assert.AreEqual(new Money(0.03m), org.Service.Retrieve("spm_credit", id, new ColumnSet("spm_revenue_base"))["spm_revenue_base"]);
    }
}
