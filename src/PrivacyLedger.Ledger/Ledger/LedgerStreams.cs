using System.Text.Json;

namespace PrivacyLedger.Ledger.Ledger;

/// <summary>Where a subject's ledger lives among the event streams, and how an event is stored.</summary>
public static class LedgerStreams
{
    public static string For(string subjectId) => $"ledger/{subjectId}";

    public static byte[] Encode(LedgerEvent ledgerEvent) => JsonSerializer.SerializeToUtf8Bytes(ledgerEvent, LedgerJson.Options);

    public static LedgerEvent Decode(byte[] payload) =>
        JsonSerializer.Deserialize<LedgerEvent>(payload, LedgerJson.Options) ?? throw new JsonException("A ledger event was stored as null.");
}
