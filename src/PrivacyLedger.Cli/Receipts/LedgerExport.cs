using System.Text;
using System.Text.Json;

namespace PrivacyLedger.Cli.Receipts;

/// <summary>One ledger event as <c>GET /v1/subjects/{id}/ledger</c> lists it: only what links the chain.</summary>
public sealed record ExportedEvent(long Seq, string PrevHash, string Hash);

/// <summary>
/// A person's ledger as exported through the API: one or more JSON values one after another, each a page
/// (<c>{"items":[...],"next":...}</c>), an array of events, or one event, so pages saved with
/// <c>curl ... &gt;&gt; ledger.json</c> can be given as they are. Pages may overlap.
/// </summary>
public static class LedgerExport
{
    /// <summary>The previous hash of the first event (64 zeros), as the ledger writes it.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

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
                && value.TryGetProperty("prevHash", out var prev) && prev.ValueKind == JsonValueKind.String
                && value.TryGetProperty("hash", out var hash) && hash.ValueKind == JsonValueKind.String:
                events.Add(new ExportedEvent(number, prev.GetString()!, hash.GetString()!));
                break;
            default:
                throw new FormatException("the ledger export holds something that is neither a ledger page nor a ledger event (seq, prevHash, hash)");
        }
    }

    /// <summary>
    /// Whether the events link into one chain from the first event, and where <paramref name="head"/> is in it.
    /// The hashes themselves are not recomputed: they cover the sealed (encrypted) data, which the API does not export.
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
        var previous = GenesisHash;
        foreach (var item in bySeq.Values)
        {
            if (item.Seq != expectedSeq)
            {
                return ChainCheck.Broken(expectedSeq == 1 ? $"the export starts at event {item.Seq}, not at the first event (1)" : $"event {expectedSeq} is missing");
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
