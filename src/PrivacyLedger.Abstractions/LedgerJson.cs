using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivacyLedger.Ledger;

/// <summary>The JSON shape of the domain's records on the wire and in the ledger: camelCase, enums in kebab-case.</summary>
public static class LedgerJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
