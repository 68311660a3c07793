using System.Text.Json;
using PrivacyLedger.Ledger.Compact;
using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Registers;

/// <summary>
/// A register member entry's stored form. Written in binary, format 2:
/// <code>
/// 0x02 | flags | since: UTC ticks (8, LE) [| last activity: UTC ticks (8, LE)]
/// </code>
/// flags: 1 the membership has an external id (held sealed in the subject's state, not here), 2 last activity.
/// Format 1 (<see cref="CompactForm.Version1"/>, written before) is the same with flag 1 meaning the external id's own
/// ciphertext follows, to the end; it still reads. The subject id is not stored: it is the ordered set's member key.
/// An entry with a time that has an offset is stored as JSON, as earlier versions stored every entry; all read back.
/// </summary>
public static class StoredMemberEntryCodec
{
    /// <summary>The member entry's binary format without the external id: one of <see cref="CompactForm"/>'s reserved versions.</summary>
    public const byte Version2 = 0x02;

    private const byte HasExternalId = 1, HasLastActivity = 2, KnownFlags = 3;

    /// <exception cref="InvalidOperationException">The entry carries an external id of its own: entries no longer hold one.</exception>
    public static byte[] Encode(StoredMemberEntry entry)
    {
        if (entry.ExternalId is not null)
        {
            throw new InvalidOperationException("A member entry is stored without its external id: the subject's state holds it.");
        }
        if (!CompactForm.IsUtc(entry.Since) || entry.LastActivityAt is { } last && !CompactForm.IsUtc(last))
        {
            // JSON keeps the offsets.
            return JsonSerializer.SerializeToUtf8Bytes(entry, LedgerJson.Options);
        }
        var payload = new byte[2 + sizeof(long) + (entry.LastActivityAt is null ? 0 : sizeof(long))];
        var writer = new CompactWriter(payload);
        writer.Write(Version2);
        writer.Write((byte)((entry.ExternalIdInState ? HasExternalId : 0) | (entry.LastActivityAt is null ? 0 : HasLastActivity)));
        writer.WriteTicks(entry.Since);
        if (entry.LastActivityAt is { } lastActivity)
        {
            writer.WriteTicks(lastActivity);
        }
        return payload;
    }

    /// <param name="subjectId">The set entry's member: the entry's subject, unless the payload is JSON (which names its own).</param>
    public static StoredMemberEntry Decode(ReadOnlySpan<byte> payload, string subjectId)
    {
        var version2 = !payload.IsEmpty && payload[0] == Version2;
        if (!version2 && !CompactForm.IsVersion1(payload))
        {
            return JsonSerializer.Deserialize<StoredMemberEntry>(payload, LedgerJson.Options) ?? throw new JsonException("A member entry was stored as null.");
        }
        var reader = new CompactReader(payload);
        var flags = reader.ReadFlags(KnownFlags);
        var since = reader.ReadTicks();
        DateTimeOffset? lastActivity = (flags & HasLastActivity) != 0 ? reader.ReadTicks() : null;
        var hasExternalId = (flags & HasExternalId) != 0;
        // Format 1 carried the external id's own ciphertext.
        var externalId = hasExternalId && !version2 ? Sealed<string>.FromCiphertext(reader.ReadRest().ToArray()) : null;
        reader.EnsureEnd();
        return new StoredMemberEntry(subjectId, externalId, since, lastActivity) { ExternalIdInState = hasExternalId && version2 };
    }
}
