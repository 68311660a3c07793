using System.Text.Json;
using PrivacyLedger.Ledger;

namespace PrivacyLedger.Gateway.Contracts;

/// <summary>Enum values in query strings, spelled as in JSON bodies (kebab-case, e.g. <c>in-progress</c>).</summary>
internal static class WireEnum
{
    public static bool TryParse<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        try
        {
            value = JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(text), LedgerJson.Options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
