using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.AspNetCore.Http;

namespace Spm.WebApi.Http
{
    /// <summary>
    /// The Prefer request header (RFC 7240) as the Web API reads it: odata.include-annotations, odata.maxpagesize,
    /// return=representation. Several preferences may share one header, comma-separated, or come in several headers.
    /// </summary>
    public sealed class PreferHeader
    {
        private readonly Dictionary<string, string?> _preferences;

        private PreferHeader(Dictionary<string, string?> preferences)
        {
            _preferences = preferences;
        }

        /// <summary>The value of odata.include-annotations (unquoted), e.g. "*" or "OData.Community.Display.V1.FormattedValue"; null when absent.</summary>
        public string? IncludeAnnotations => Value("odata.include-annotations");

        /// <summary>odata.maxpagesize: how many rows a page may hold; null when absent.</summary>
        public int? MaxPageSize =>
            Value("odata.maxpagesize") is string size && int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out int pages) ? pages : null;

        /// <summary>return=representation: a write answers with the row (201/200) instead of 204.</summary>
        public bool ReturnRepresentation => string.Equals(Value("return"), "representation", StringComparison.OrdinalIgnoreCase);

        public bool Has(string preference) => _preferences.ContainsKey(preference);

        public string? Value(string preference) => _preferences.TryGetValue(preference, out string? value) ? value : null;

        public static PreferHeader Of(HttpRequest request) => Parse(request.Headers["Prefer"].ToArray());

        public static PreferHeader Parse(IEnumerable<string?> headers)
        {
            var preferences = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (string header in headers.Where(h => !string.IsNullOrWhiteSpace(h))!)
            {
                foreach (string preference in SplitOutsideQuotes(header, ','))
                {
                    // A preference's own parameters (after ';') are not used by the Web API.
                    string token = SplitOutsideQuotes(preference, ';').FirstOrDefault() ?? string.Empty;
                    int equals = token.IndexOf('=');
                    string name = (equals < 0 ? token : token.Substring(0, equals)).Trim();
                    if (name.Length == 0 || preferences.ContainsKey(name))
                    {
                        continue;
                    }

                    preferences[name] = equals < 0 ? null : token.Substring(equals + 1).Trim().Trim('"');
                }
            }

            return new PreferHeader(preferences);
        }

        private static IEnumerable<string> SplitOutsideQuotes(string text, char separator)
        {
            bool quoted = false;
            int start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '"')
                {
                    quoted = !quoted;
                }
                else if (text[i] == separator && !quoted)
                {
                    yield return text.Substring(start, i - start);
                    start = i + 1;
                }
            }

            yield return text.Substring(start);
        }
    }
}
