using System.Globalization;
using Spm.Domain.Internal;

namespace Spm.Domain.Money
{
    /// <summary>An ISO 4217 currency with the number of decimals its amounts are rounded to.</summary>
    public sealed record Currency
    {
        public Currency(string code, int decimals, string symbol)
        {
            Code = Preconditions.NotBlank(code, "Currency.Code").Trim().ToUpperInvariant();
            Preconditions.Require(Code.Length == 3, "Currency.Code", code, $"Currency.Code must be a three-letter ISO 4217 code (got '{code}').");
            Decimals = Preconditions.InRange(decimals, 0, 4, "Currency.Decimals");
            Symbol = symbol ?? string.Empty;
        }

        public string Code { get; }

        public int Decimals { get; }

        public string Symbol { get; }

        public static Currency Usd { get; } = new Currency("USD", 2, "$");

        public static Currency Eur { get; } = new Currency("EUR", 2, "€");

        public static Currency Gbp { get; } = new Currency("GBP", 2, "£");

        public static Currency Jpy { get; } = new Currency("JPY", 0, "¥");

        /// <summary>Formats an amount for people: "$12,400.00" (symbol when known, else the code).</summary>
        public string Format(decimal amount)
        {
            var number = System.Math.Abs(amount).ToString("N" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var sign = amount < 0m ? "-" : string.Empty;
            return Symbol.Length > 0 ? sign + Symbol + number : sign + number + " " + Code;
        }

        public override string ToString() => Code;
    }
}
