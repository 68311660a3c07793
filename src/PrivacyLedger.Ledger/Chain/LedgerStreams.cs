using System.Text.Json;
using PrivacyLedger.Ledger.Compact;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Chain;

/// <summary>Where a subject's ledger lives among the event streams, and how an event is stored.</summary>
public static class LedgerStreams
{
    public static string For(string subjectId) => $"ledger/{subjectId}";

    /// <summary>
    /// The event as a stream row's payload, appended after the head it was sealed onto: binary and chained, without its
    /// previous hash (<see cref="LedgerEventCodec"/>), JSON only for what binary cannot hold exactly.
    /// </summary>
    public static byte[] Encode(LedgerEvent ledgerEvent) => LedgerEventCodec.Encode(ledgerEvent);

    /// <summary>
    /// The event a stream row holds, in whichever form it was stored; its sequence number is the row's, and a chained
    /// event's previous hash is the hash of the row before it (<see cref="StoredStreamEvent.Previous"/>, read with the page).
    /// </summary>
    public static LedgerEvent Decode(StoredStreamEvent stored) => LedgerEventCodec.Decode(stored.Payload, stored.Sequence, stored.Previous);

    /// <summary>
    /// The event for <paramref name="draft"/>, chained onto the head (<paramref name="afterSeq"/>,
    /// <paramref name="afterHash"/>), its data sealed under the subject's key with the subject id as associated data,
    /// in the compact binary form of its JSON (<see cref="CompactPlain"/>).
    /// </summary>
    public static LedgerEvent Seal(LedgerEntryDraft draft, long afterSeq, string afterHash, string subjectId, byte[]? dataKey)
    {
        using var sealer = draft.Data is null || dataKey is null ? null : new FieldSealer(subjectId, dataKey);
        return Seal(draft, afterSeq, afterHash, subjectId, sealer);
    }

    /// <inheritdoc cref="Seal(LedgerEntryDraft, long, string, string, byte[])"/>
    /// <param name="sealer">The subject's prepared key, which may go on to seal the state's fields: an import seals each new person's event and fields with one.</param>
    public static LedgerEvent Seal(LedgerEntryDraft draft, long afterSeq, string afterHash, string subjectId, FieldSealer? sealer)
    {
        string? sealedData = null;
        if (draft.Data is not null)
        {
            ArgumentNullException.ThrowIfNull(sealer);
            if (!string.Equals(sealer.SubjectId, subjectId, StringComparison.Ordinal))
            {
                throw new ArgumentException("The sealer is another subject's.", nameof(sealer));
            }
            sealedData = Convert.ToBase64String(SealData(draft.Data, sealer));
        }
        var seq = afterSeq + 1;
        var actor = draft.Actor.ToString();
        var hash = LedgerEvent.ComputeHash(seq, draft.At, draft.Type, actor, draft.RegisterId, draft.RequestId, sealedData, afterHash);
        return new LedgerEvent(seq, draft.At, draft.Type, actor, draft.RegisterId, draft.RequestId, sealedData, afterHash, hash);
    }

    /// <summary>The data's compact plaintext, sealed: written directly where the data can (<see cref="ICompactPlainSource"/>), else transcoded from its JSON.</summary>
    private static byte[] SealData(object data, FieldSealer sealer)
    {
        if (data is ICompactPlainSource source)
        {
            using var writer = new PlainWriter();
            if (source.TryWriteCompact(writer))
            {
                return sealer.SealForSubject(writer.WrittenSpan);
            }
        }
        using var plain = CompactPlain.FromJson(JsonSerializer.SerializeToUtf8Bytes(data, LedgerJson.Options));
        return sealer.SealForSubject(plain.Span);
    }
}
