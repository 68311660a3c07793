using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivacyLedger.Ledger;

/// <summary>The JSON shape of the domain's records on the wire and in the ledger: camelCase, enums in kebab-case.</summary>
public static class LedgerJson
{
    private static readonly JsonNamingPolicy EnumNaming = JsonNamingPolicy.KebabCaseLower;

    public static readonly JsonSerializerOptions Options = Create();

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(EnumNaming, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>An enum's values as they are spelled on the wire (<c>in-progress</c>), in declaration order, for error messages.</summary>
    public static IReadOnlyList<string> EnumNames(Type enumType) => [.. Enum.GetNames(enumType).Select(EnumNaming.ConvertName)];
}
