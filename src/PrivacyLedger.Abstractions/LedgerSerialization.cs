using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using PrivacyLedger.Ledger.Registers;

namespace PrivacyLedger.Ledger;

public static class LedgerSerialization
{
    /// <summary>
    /// Grain messages are <c>[GenerateSerializer]</c> records, except three kinds that are JSON by nature and cross
    /// grain calls rarely (register definitions, exports, ledger event data): they go as JSON with the domain's options.
    /// Both ends of a call must agree, so every silo (<c>AddLedger</c>) and every client registers this; it lives
    /// beside the grain interfaces so a client needs nothing else.
    /// </summary>
    public static ISerializerBuilder AddLedgerSerialization(this ISerializerBuilder serializer) =>
        serializer.AddJsonSerializer(isSupported: IsJson, jsonSerializerOptions: LedgerJson.Options);

    private static bool IsJson(Type type) =>
        type == typeof(RegisterDefinition) || type == typeof(JsonObject) || type == typeof(JsonElement);
}
