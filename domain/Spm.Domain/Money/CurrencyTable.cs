using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Internal;

namespace Spm.Domain.Money
{
    /// <summary>The organization's base currency and the transaction currencies it knows.</summary>
    public sealed class CurrencyTable
    {
        private readonly Dictionary<string, Currency> _byCode;

        public CurrencyTable(Currency baseCurrency, IEnumerable<Currency> others)
        {
            Base = Preconditions.NotNull(baseCurrency, "CurrencyTable.Base");
            _byCode = new Dictionary<string, Currency>(System.StringComparer.OrdinalIgnoreCase) { [Base.Code] = Base };
            foreach (var currency in Preconditions.NotNull(others, "CurrencyTable.Currencies"))
            {
                _byCode[currency.Code] = currency;
            }
        }

        public Currency Base { get; }

        public IReadOnlyCollection<Currency> All => _byCode.Values;

        public Currency Get(string code) =>
            _byCode.TryGetValue(code ?? string.Empty, out var currency)
                ? currency
                : throw new SpmRuleException("Currency", code, $"Currency '{code}' is not defined in the organization (known: {string.Join(", ", _byCode.Keys.OrderBy(k => k, System.StringComparer.Ordinal))}).");
    }
}
