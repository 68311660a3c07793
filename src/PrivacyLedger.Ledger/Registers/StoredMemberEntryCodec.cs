using System.Text.Json;
using PrivacyLedger.Ledger.Compact;
using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Registers;

/// <summary>
/// A register member entry's stored form. Written in binary (<see cref="CompactForm.Version1"/>):
/// <code>
/// 0x01 | flags | since: UTC ticks (8, LE) [| last activity: UTC ticks (8, LE)] [| external id: its ciphertext, to the end]
/// </code>
/// flags: 1 external id, 2 last activity. The subject id is not stored: it is the ordered set's member key.
/// An entry with a time that has an offset is stored as JSON, as earlier versions stored every entry; both read back.
/// </summary>
public static class StoredMemberEntryCodec
{
    private const byte HasExternalId = 1, HasLastActivity = 2, KnownFlags = 3;

    public static byte[] Encode(StoredMemberEntry entry)
    {
        if (!CompactForm.IsUtc(entry.Since) || entry.LastActivityAt is { } last && !CompactForm.IsUtc(last)
            || entry.ExternalId is { IsSealed: false })
        {
            // JSON keeps the offsets; and refuses, as it always did, an external id that was never sealed.
            return JsonSerializer.SerializeToUtf8Bytes(entry, LedgerJson.Options);
        }
        var ciphertext = entry.ExternalId?.Ciphertext;
        var payload = new byte[2 + sizeof(long) + (entry.LastActivityAt is null ? 0 : sizeof(long)) + (ciphertext?.Length ?? 0)];
        var writer = new CompactWriter(payload);
        writer.Write(CompactForm.Version1);
        writer.Write((byte)((ciphertext is null ? 0 : HasExternalId) | (entry.LastActivityAt is null ? 0 : HasLastActivity)));
        writer.WriteTicks(entry.Since);
        if (entry.LastActivityAt is { } lastActivity)
        {
            writer.WriteTicks(lastActivity);
        }
        if (ciphertext is not null)
        {
            writer.Write(ciphertext);
        }
        return payload;
    }

    /// <param name="subjectId">The set entry's member: the entry's subject, unless the payload is JSON (which names its own).</param>
    public static StoredMemberEntry Decode(ReadOnlySpan<byte> payload, string subjectId)
    {
        if (!CompactForm.IsVersion1(payload))
        {
            return JsonSerializer.Deserialize<StoredMemberEntry>(payload, LedgerJson.Options) ?? throw new JsonException("A member entry was stored as null.");
        }
        var reader = new CompactReader(payload);
        var flags = reader.ReadFlags(KnownFlags);
        var since = reader.ReadTicks();
        DateTimeOffset? lastActivity = (flags & HasLastActivity) != 0 ? reader.ReadTicks() : null;
        var externalId = (flags & HasExternalId) != 0 ? Sealed<string>.FromCiphertext(reader.ReadRest().ToArray()) : null;
        reader.EnsureEnd();
        return new StoredMemberEntry(subjectId, externalId, since, lastActivity);
    }
}
