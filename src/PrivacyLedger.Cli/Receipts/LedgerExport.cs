using System.Text;
using System.Text.Json;
using PrivacyLedger.Ledger.Chain;

namespace PrivacyLedger.Cli.Receipts;

/// <summary>
/// One ledger event as <c>GET /v1/subjects/{id}/ledger</c> lists it: what its hash covers (the sealed data, not the
/// decrypted data shown beside it) and the hashes that link it.
/// </summary>
public sealed record ExportedEvent(long Seq, DateTimeOffset At, string Type, string Actor, string? RegisterId, string? RequestId, string? SealedData, string PrevHash, string Hash)
{
    public bool HashIsValid() =>
        string.Equals(Hash, LedgerEvent.ComputeHash(Seq, At, Type, Actor, RegisterId, RequestId, SealedData, PrevHash), StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A person's ledger as exported through the API: one or more JSON values one after another, each a page
/// (<c>{"items":[...],"next":...}</c>), an array of events, or one event, so pages saved with
/// <c>curl ... &gt;&gt; ledger.json</c> can be given as they are. Pages may overlap.
/// </summary>
public static class LedgerExport
{
    public static IReadOnlyList<ExportedEvent> Read(string json)
    {
        var events = new List<ExportedEvent>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                using var document = JsonDocument.ParseValue(ref reader);
                Collect(document.RootElement, events);
            }
        }
        catch (JsonException exception)
        {
            throw new FormatException($"the ledger export is not JSON: {exception.Message}", exception);
        }
        return events;
    }

    private static void Collect(JsonElement value, List<ExportedEvent> events)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    Collect(item, events);
                }
                break;
            case JsonValueKind.Object when value.TryGetProperty("items", out var items):
                Collect(items, events);
                break;
            case JsonValueKind.Object when value.TryGetProperty("seq", out var seq) && seq.TryGetInt64(out var number)
                && value.TryGetProperty("at", out var at) && at.TryGetDateTimeOffset(out var time)
                && Text(value, "type") is { } type && Text(value, "actor") is { } actor
                && Text(value, "prevHash") is { } prev && Text(value, "hash") is { } hash:
                events.Add(new ExportedEvent(number, time, type, actor, Text(value, "registerId"), Text(value, "requestId"), Text(value, "sealedData"), prev, hash));
                break;
            default:
                throw new FormatException("the ledger export holds something that is neither a ledger page nor a ledger event (seq, at, type, actor, prevHash, hash)");
        }
    }

    private static string? Text(JsonElement value, string name) =>
        value.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

    /// <summary>
    /// Whether every event's hash is what its fields give (the sealed data included, so this holds after the person's
    /// erasure too), the events link into one chain from the first event, and where <paramref name="head"/> is in it.
    /// </summary>
    public static ChainCheck Check(IReadOnlyList<ExportedEvent> exported, string head)
    {
        var bySeq = new SortedDictionary<long, ExportedEvent>();
        foreach (var item in exported)
        {
            if (bySeq.TryGetValue(item.Seq, out var seen) && seen != item)
            {
                return ChainCheck.Broken($"event {item.Seq} appears twice with different hashes");
            }
            bySeq[item.Seq] = item;
        }
        if (bySeq.Count == 0)
        {
            return ChainCheck.Broken("the ledger export holds no events");
        }
        var expectedSeq = 1L;
        var previous = LedgerEvent.GenesisHash;
        foreach (var item in bySeq.Values)
        {
            if (item.Seq != expectedSeq)
            {
                return ChainCheck.Broken(expectedSeq == 1 ? $"the export starts at event {item.Seq}, not at the first event (1)" : $"event {expectedSeq} is missing");
            }
            if (!item.HashIsValid())
            {
                return ChainCheck.Broken($"event {item.Seq}'s hash is not the hash of its contents (it was altered)");
            }
            if (!string.Equals(item.PrevHash, previous, StringComparison.OrdinalIgnoreCase))
            {
                return ChainCheck.Broken($"event {item.Seq} does not link to the event before it (its prevHash is not that event's hash)");
            }
            previous = item.Hash;
            expectedSeq++;
        }
        var found = bySeq.Values.FirstOrDefault(item => string.Equals(item.Hash, head, StringComparison.OrdinalIgnoreCase));
        return new ChainCheck(true, found?.Seq, bySeq.Count, null);
    }
}

/// <summary>The chain's verdict: whether it links, and the seq of the receipt's head in it (null: not there).</summary>
public sealed record ChainCheck(bool Links, long? HeadSeq, int Events, string? Problem)
{
    public static ChainCheck Broken(string problem) => new(false, null, 0, problem);
}
