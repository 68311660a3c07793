using System.Text.Json;
using PrivacyLedger.Ledger.Compact;

namespace PrivacyLedger.Ledger.Chain;

/// <summary>
/// A ledger event's stored form. Written in binary (<see cref="CompactForm.Version1"/>), chained:
/// <code>
/// 0x01 | flags | type code [| type text] | at: UTC ticks (8, LE) | actor [| register id] [| request id]
///      [| prev hash (32)] | hash (32) [| sealed data: the ciphertext's bytes, to the end]
/// </code>
/// flags: 1 register id, 2 request id, 4 sealed data, 8 chained; texts are a LEB128 byte length and UTF-8. A chained
/// event (written since storage schema 8) does not store its previous hash: it is the hash of the row before it in its
/// stream (<see cref="LedgerEvent.GenesisHash"/> for the first), which the reader supplies, so 32 bytes per event are not
/// stored twice. The hash still covers the previous hash: an event removed, reordered or changed fails verification as
/// before, the row after a removed one being hashed over another previous hash than it was written with. Events stored
/// earlier, with their previous hash, still read.
/// The sequence number is not stored either: it is the stream row's key, and the hash covers it, so an event moved to
/// another row fails verification. An event the binary form cannot hold exactly (a time with an offset, a hash not in
/// lowercase hex, sealed data not in canonical base64, text that is not valid UTF-16) is stored as JSON, as earlier
/// versions stored every event; every form reads back.
/// </summary>
public static class LedgerEventCodec
{
    private const byte HasRegisterId = 1, HasRequestId = 2, HasSealedData = 4, Chained = 8, KnownFlags = 15;
    private const int HashBytes = 32;

    /// <summary>
    /// What a chained event reads with as its previous hash when the row before it is missing (a gap in the stream): no
    /// event's hash was computed over it, so the event fails verification, as the gap itself does.
    /// </summary>
    public const string MissingPreviousHash = "";

    /// <summary>
    /// The event as appended to its stream, directly after the event whose hash is its <see cref="LedgerEvent.PrevHash"/>
    /// (the chain's head): chained, without its previous hash.
    /// </summary>
    public static byte[] Encode(LedgerEvent ledgerEvent) =>
        TryEncodeBinary(ledgerEvent, chained: ledgerEvent.Seq > 1 || ledgerEvent.PrevHash == LedgerEvent.GenesisHash) ?? EncodeJson(ledgerEvent);

    /// <summary>The event with its previous hash stored in it, as every binary event was stored before chained rows (schema 8).</summary>
    public static byte[] EncodeWithPreviousHash(LedgerEvent ledgerEvent) => TryEncodeBinary(ledgerEvent, chained: false) ?? EncodeJson(ledgerEvent);

    /// <param name="sequence">The stream row's sequence number: the event's, unless the payload is JSON (which names its own).</param>
    /// <param name="previous">
    /// The payload of the stream's row at <paramref name="sequence"/> - 1 (any form), whose hash a chained event's previous
    /// hash is; null when there is none. Not needed for the first event, nor for events that store their previous hash.
    /// </param>
    public static LedgerEvent Decode(ReadOnlySpan<byte> payload, long sequence, ReadOnlySpan<byte> previous = default) =>
        CompactForm.IsVersion1(payload)
            ? DecodeBinary(payload, sequence, previous)
            : JsonSerializer.Deserialize<LedgerEvent>(payload, LedgerJson.Options) ?? throw new JsonException("A ledger event was stored as null.");

    /// <summary>The hash a stored event holds, in any of its forms, without the rest of the event (its sealed data above all).</summary>
    public static string HashOf(ReadOnlySpan<byte> payload)
    {
        if (!CompactForm.IsVersion1(payload))
        {
            return Decode(payload, 0).Hash;
        }
        var reader = new CompactReader(payload);
        var header = ReadHeader(ref reader);
        if ((header.Flags & Chained) == 0)
        {
            reader.ReadHash();
        }
        return reader.ReadHash();
    }

    private static byte[] EncodeJson(LedgerEvent ledgerEvent) => JsonSerializer.SerializeToUtf8Bytes(ledgerEvent, LedgerJson.Options);

    private static byte[]? TryEncodeBinary(LedgerEvent e, bool chained)
    {
        if (!CompactForm.IsUtc(e.At) || !CompactWriter.IsLowerHexHash(e.PrevHash) || !CompactWriter.IsLowerHexHash(e.Hash))
        {
            return null;
        }
        var sealedBytes = 0;
        if (e.SealedData is { } sealedData && (sealedBytes = CompactWriter.DecodedLengthOf(sealedData)) < 0)
        {
            return null;
        }
        var code = LedgerEventTypeCodes.CodeOf(e.Type);
        var size = 3 + sizeof(long) + CompactWriter.SizeOf(e.Actor) + (chained ? 1 : 2) * HashBytes + sealedBytes
            + (code == LedgerEventTypeCodes.Text ? CompactWriter.SizeOf(e.Type) : 0)
            + (e.RegisterId is null ? 0 : CompactWriter.SizeOf(e.RegisterId))
            + (e.RequestId is null ? 0 : CompactWriter.SizeOf(e.RequestId));
        var payload = new byte[size];
        var writer = new CompactWriter(payload);
        writer.Write(CompactForm.Version1);
        writer.Write((byte)((e.RegisterId is null ? 0 : HasRegisterId) | (e.RequestId is null ? 0 : HasRequestId) | (e.SealedData is null ? 0 : HasSealedData)
            | (chained ? Chained : 0)));
        writer.Write(code);
        if (code == LedgerEventTypeCodes.Text && !writer.TryWrite(e.Type))
        {
            return null;
        }
        writer.WriteTicks(e.At);
        if (!writer.TryWrite(e.Actor) || (e.RegisterId is not null && !writer.TryWrite(e.RegisterId)) || (e.RequestId is not null && !writer.TryWrite(e.RequestId)))
        {
            return null;
        }
        if (!chained)
        {
            writer.WriteHash(e.PrevHash);
        }
        writer.WriteHash(e.Hash);
        return e.SealedData is null || writer.TryWriteBase64Rest(e.SealedData) ? payload : null;
    }

    private static LedgerEvent DecodeBinary(ReadOnlySpan<byte> payload, long sequence, ReadOnlySpan<byte> previous)
    {
        var reader = new CompactReader(payload);
        var (flags, at, type, actor, registerId, requestId) = ReadHeader(ref reader);
        var prevHash = (flags & Chained) == 0 ? reader.ReadHash() : PreviousHash(sequence, previous);
        var hash = reader.ReadHash();
        var sealedData = (flags & HasSealedData) != 0 ? Convert.ToBase64String(reader.ReadRest()) : null;
        reader.EnsureEnd();
        return new LedgerEvent(sequence, at, type, actor, registerId, requestId, sealedData, prevHash, hash);
    }

    /// <summary>A chained event's previous hash: the genesis hash for the first event, else the hash the row before it holds.</summary>
    private static string PreviousHash(long sequence, ReadOnlySpan<byte> previous) =>
        sequence == 1 ? LedgerEvent.GenesisHash
        : previous.IsEmpty ? MissingPreviousHash
        : HashOf(previous);

    private static Header ReadHeader(ref CompactReader reader)
    {
        var flags = reader.ReadFlags(KnownFlags);
        var code = reader.ReadByte();
        var type = code == LedgerEventTypeCodes.Text ? reader.ReadString() : LedgerEventTypeCodes.TypeOf(code) ?? throw CompactReader.Malformed();
        var at = reader.ReadTicks();
        var actor = reader.ReadString();
        var registerId = (flags & HasRegisterId) != 0 ? reader.ReadString() : null;
        var requestId = (flags & HasRequestId) != 0 ? reader.ReadString() : null;
        return new Header(flags, at, type, actor, registerId, requestId);
    }

    /// <summary>The fields a binary event stores before its hashes.</summary>
    private readonly record struct Header(byte Flags, DateTimeOffset At, string Type, string Actor, string? RegisterId, string? RequestId);
}
