using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Spm.SeedOrg;

namespace Spm.Sandbox
{
    /// <summary>What the host prints once it listens: its URLs, who can sign in, and a copy-paste sign-in and read.</summary>
    internal static class StartBanner
    {
        /// <summary>The line scripts read the service root from (.ci/run): "Web API:" and the URL.</summary>
        public const string ApiLinePrefix = "Web API:        ";

        public static void Write(TextWriter output, SuiteHost suite, IReadOnlyList<SignInEntry> users)
        {
            Uri api = suite.Web.ApiUrl;
            Uri token = suite.Web.TokenUrl;
            output.WriteLine();
            output.WriteLine($"{DemoOrg.OrgName} — the local SPM suite is up");
            output.WriteLine(ApiLinePrefix + api);
            output.WriteLine($"Metadata:       {api}$metadata");
            output.WriteLine($"Token endpoint: POST {token}  (form field username=<domainname>; tokens last 1 hour)");
            output.WriteLine($"Data:           {suite.Origin}");
            output.WriteLine();
            output.WriteLine("Sign in as:");
            int nameWidth = Math.Max(4, users.Max(u => u.FullName.Length));
            int roleWidth = Math.Max(4, users.Max(u => u.Role.Length));
            output.WriteLine($"  {"Name".PadRight(nameWidth)}  {"Role".PadRight(roleWidth)}  Sign-in name (domainname)");
            foreach (SignInEntry user in users)
            {
                output.WriteLine($"  {user.FullName.PadRight(nameWidth)}  {user.Role.PadRight(roleWidth)}  {user.DomainName}");
            }

            SignInEntry? rep = users.FirstOrDefault(u => u.Role == DemoPeople.RepRole);
            if (rep != null)
            {
                output.WriteLine();
                output.WriteLine($"Try it: sign in as {rep.FullName} and read their own Q1 statement (credited, quota, attainment, earnings):");
                output.WriteLine($"  TOKEN=$(curl -s -X POST {token} -d username={rep.DomainName} | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')");
                output.WriteLine($"  curl -s -H \"Authorization: Bearer $TOKEN\" '{StatementsUrl(api)}'");
                output.WriteLine("  Another rep's statements are not visible to them, however they query.");
            }

            output.WriteLine();
            output.WriteLine("Press Ctrl+C to stop.");
            output.Flush();
        }

        /// <summary>The signed-in user's Q1 FY2026 statement: what a rep reads to see their attainment.</summary>
        public static string StatementsUrl(Uri api) =>
            $"{api}spm_statements?$select=spm_name,spm_credited,spm_quota,spm_attainmentpercent,spm_earned,spm_totalpayable" +
            $"&$filter=_spm_periodid_value%20eq%20{DemoIds.Period("FY2026-Q1"):D}";
    }
}
