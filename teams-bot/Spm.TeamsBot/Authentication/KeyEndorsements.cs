using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Spm.TeamsBot.Authentication;

/// <summary>The channels a Bot Framework signing key is endorsed for (the JWKS's non-standard "endorsements" member).</summary>
internal static class KeyEndorsements
{
    public static IReadOnlyList<string> Of(JsonWebKey? key)
    {
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value) || value is null)
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            string single => [single],
            IEnumerable<object> items => [.. items.Select(i => i?.ToString()).OfType<string>()],
            _ => [],
        };
    }
}
