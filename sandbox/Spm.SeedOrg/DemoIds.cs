using System;
using System.Security.Cryptography;
using System.Text;

namespace Spm.SeedOrg
{
    /// <summary>
    /// The demo org's row ids, derived from what each row is ("user/olivia", "opportunity/OPP-1003"), so every seed gives
    /// the same ids and the URLs and tokens in the README stay valid.
    /// </summary>
    public static class DemoIds
    {
        public static Guid User(string participantId) => Of("user", participantId);

        public static Guid Opportunity(string dealId) => Of("opportunity", dealId);

        public static Guid Period(string periodId) => Of("period", periodId);

        public static Guid Plan(string planId) => Of("plan", planId);

        public static Guid Component(string planId, string componentId) => Of("component", planId + "/" + componentId);

        public static Guid Currency(string isoCode) => Of("currency", isoCode);

        public static Guid Team(string name) => Of("team", name);

        /// <summary>A name-based id (SHA-256 of kind and key, RFC 4122 variant, version 5 bits), stable across runs and machines.</summary>
        public static Guid Of(string kind, string key)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes("spm-demo/" + kind + "/" + key));
            var bytes = new byte[16];
            Array.Copy(hash, bytes, 16);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }
    }
}
