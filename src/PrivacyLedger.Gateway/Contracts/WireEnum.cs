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

    /// <summary>The 400 for a value that is not one of the enum's: it lists the allowed values and not the one given.</summary>
    public static string NotOneOf<T>(string field) where T : struct, Enum => $"{field} must be one of: {string.Join(", ", LedgerJson.EnumNames(typeof(T)))}.";
}
