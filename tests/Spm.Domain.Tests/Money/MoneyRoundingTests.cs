using System.Globalization;
using Spm.Domain.Money;

namespace Spm.Domain.Tests.Money;

[TestClass]
public sealed class MoneyRoundingTests
{
    [TestMethod]
    [DataRow("0.125", "0.13")]
    [DataRow("-0.125", "-0.13")]
    [DataRow("2.345", "2.35")]
    [DataRow("1.004999", "1.00")]
    public void Commercial_rounding_takes_midpoints_away_from_zero(string raw, string expected)
    {
        Assert.AreEqual(decimal.Parse(expected, CultureInfo.InvariantCulture), MoneyRounding.Commercial(Currency.Usd).Round(decimal.Parse(raw, CultureInfo.InvariantCulture)));
    }

    [TestMethod]
    [DataRow("0.125", "0.12")]
    [DataRow("0.135", "0.14")]
    public void Bankers_rounding_takes_midpoints_to_even(string raw, string expected)
    {
        Assert.AreEqual(decimal.Parse(expected, CultureInfo.InvariantCulture), MoneyRounding.Bankers(Currency.Usd).Round(decimal.Parse(raw, CultureInfo.InvariantCulture)));
    }

    [TestMethod]
    public void Yen_rounds_to_whole_units()
    {
        Assert.AreEqual(1235m, MoneyRounding.Commercial(Currency.Jpy).Round(1234.5m));
    }

    [TestMethod]
    public void Currency_formats_with_symbol_and_precision()
    {
        Assert.AreEqual("$12,400.00", Currency.Usd.Format(12400m));
        Assert.AreEqual("-€1,234.57", Currency.Eur.Format(-1234.567m));
    }
}
