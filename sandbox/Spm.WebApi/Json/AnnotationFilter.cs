using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.WebApi.Json
{
    /// <summary>
    /// Which instance annotations a response carries, from Prefer: odata.include-annotations: "*", a list of names, or
    /// namespace wildcards such as "OData.Community.Display.V1.*"; "-name" excludes.
    /// </summary>
    public sealed class AnnotationFilter
    {
        public const string FormattedValue = "OData.Community.Display.V1.FormattedValue";
        public const string LookupLogicalName = "Microsoft.Dynamics.CRM.lookuplogicalname";
        public const string AssociatedNavigationProperty = "Microsoft.Dynamics.CRM.associatednavigationproperty";

        public static readonly AnnotationFilter None = new AnnotationFilter(null);

        private readonly List<string> _include = new List<string>();
        private readonly List<string> _exclude = new List<string>();

        private AnnotationFilter(string? preference)
        {
            Preference = preference;
            foreach (string item in (preference ?? string.Empty).Split(',').Select(i => i.Trim()).Where(i => i.Length > 0))
            {
                (item.StartsWith("-", StringComparison.Ordinal) ? _exclude : _include).Add(item.TrimStart('-'));
            }
        }

        /// <summary>The odata.include-annotations value as requested (for Preference-Applied), or null.</summary>
        public string? Preference { get; }

        public bool Any => _include.Count > 0;

        public static AnnotationFilter Parse(string? preference) => string.IsNullOrWhiteSpace(preference) ? None : new AnnotationFilter(preference);

        public bool Includes(string annotation) => _include.Any(p => Matches(p, annotation)) && !_exclude.Any(p => Matches(p, annotation));

        private static bool Matches(string pattern, string annotation) =>
            pattern == "*"
            || string.Equals(pattern, annotation, StringComparison.Ordinal)
            || (pattern.EndsWith(".*", StringComparison.Ordinal) && annotation.StartsWith(pattern.Substring(0, pattern.Length - 1), StringComparison.Ordinal));
    }
}
