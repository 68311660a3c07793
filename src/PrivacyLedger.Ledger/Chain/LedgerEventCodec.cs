using System.Text.Json;
using PrivacyLedger.Ledger.Compact;

namespace PrivacyLedger.Ledger.Chain;

/// <summary>
/// A ledger event's stored form. Written in binary (<see cref="CompactForm.Version1"/>):
/// <code>
/// 0x01 | flags | type code [| type text] | at: UTC ticks (8, LE) | actor [| register id] [| request id]
///      | prev hash (32) | hash (32) [| sealed data: the ciphertext's bytes, to the end]
/// </code>
/// flags: 1 register id, 2 request id, 4 sealed data; texts are a LEB128 byte length and UTF-8. The sequence number
/// is not stored: it is the stream row's key, and the hash covers it, so an event moved to another row fails verification.
/// An event the binary form cannot hold exactly (a time with an offset, a hash not in lowercase hex, sealed data not in
/// canonical base64, text that is not valid UTF-16) is stored as JSON, as earlier versions stored every event; both read back.
/// </summary>
public static class LedgerEventCodec
{
    private const byte HasRegisterId = 1, HasRequestId = 2, HasSealedData = 4, KnownFlags = 7;
    private const int HashBytes = 32;

    public static byte[] Encode(LedgerEvent ledgerEvent) =>
        TryEncodeBinary(ledgerEvent) ?? JsonSerializer.SerializeToUtf8Bytes(ledgerEvent, LedgerJson.Options);

    /// <param name="sequence">The stream row's sequence number: the event's, unless the payload is JSON (which names its own).</param>
    public static LedgerEvent Decode(ReadOnlySpan<byte> payload, long sequence) =>
        CompactForm.IsVersion1(payload)
            ? DecodeBinary(payload, sequence)
            : JsonSerializer.Deserialize<LedgerEvent>(payload, LedgerJson.Options) ?? throw new JsonException("A ledger event was stored as null.");

    private static byte[]? TryEncodeBinary(LedgerEvent e)
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
        var size = 3 + sizeof(long) + CompactWriter.SizeOf(e.Actor) + 2 * HashBytes + sealedBytes
            + (code == LedgerEventTypeCodes.Text ? CompactWriter.SizeOf(e.Type) : 0)
            + (e.RegisterId is null ? 0 : CompactWriter.SizeOf(e.RegisterId))
            + (e.RequestId is null ? 0 : CompactWriter.SizeOf(e.RequestId));
        var payload = new byte[size];
        var writer = new CompactWriter(payload);
        writer.Write(CompactForm.Version1);
        writer.Write((byte)((e.RegisterId is null ? 0 : HasRegisterId) | (e.RequestId is null ? 0 : HasRequestId) | (e.SealedData is null ? 0 : HasSealedData)));
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
        writer.WriteHash(e.PrevHash);
        writer.WriteHash(e.Hash);
        return e.SealedData is null || writer.TryWriteBase64Rest(e.SealedData) ? payload : null;
    }

    private static LedgerEvent DecodeBinary(ReadOnlySpan<byte> payload, long sequence)
    {
        var reader = new CompactReader(payload);
        var flags = reader.ReadFlags(KnownFlags);
        var code = reader.ReadByte();
        var type = code == LedgerEventTypeCodes.Text ? reader.ReadString() : LedgerEventTypeCodes.TypeOf(code) ?? throw CompactReader.Malformed();
        var at = reader.ReadTicks();
        var actor = reader.ReadString();
        var registerId = (flags & HasRegisterId) != 0 ? reader.ReadString() : null;
        var requestId = (flags & HasRequestId) != 0 ? reader.ReadString() : null;
        var prevHash = reader.ReadHash();
        var hash = reader.ReadHash();
        var sealedData = (flags & HasSealedData) != 0 ? Convert.ToBase64String(reader.ReadRest()) : null;
        reader.EnsureEnd();
        return new LedgerEvent(sequence, at, type, actor, registerId, requestId, sealedData, prevHash, hash);
    }
}
