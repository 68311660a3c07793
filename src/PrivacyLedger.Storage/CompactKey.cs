using System.Buffers;
using System.Collections.Immutable;
using System.Text;

namespace PrivacyLedger.Storage;

/// <summary>
/// The stored form of keys: unique index keys and owners, grain keys, stream ids. Most are lower-case hex (identifier
/// hashes, subject ids) or a short name, '/' or ':', and lower-case hex ("ledger/&lt;subject id&gt;", "v2:&lt;wrapped key&gt;"):
/// those are stored with the hex as its bytes, half the size in the row and in the primary key. Anything else is stored as its UTF-8. A leading tag
/// byte tells the forms apart, so every string round-trips exactly, and keys of one form (and one prefix) sort in their
/// string order. Across forms the order is by tag, not by string. A well-known prefix (<see cref="WellKnownPrefixes"/>:
/// the per-subject ledger stream's "ledger") has a tag of its own, so "ledger/&lt;32 hex&gt;" takes 17 bytes, not 24.
/// </summary>
public static class CompactKey
{
    /// <summary>Lower-case hex: the tag, then its bytes.</summary>
    public const byte HexTag = 1;

    /// <summary>Any other text: the tag, then its UTF-8.</summary>
    public const byte TextTag = 2;

    /// <summary>"&lt;prefix&gt;/&lt;lower-case hex&gt;": the tag, the prefix's UTF-8 length (one byte), its UTF-8, then the hex's bytes.</summary>
    public const byte SlashHexTag = 3;

    /// <summary>"&lt;prefix&gt;:&lt;lower-case hex&gt;", stored as <see cref="SlashHexTag"/> is.</summary>
    public const byte ColonHexTag = 4;

    /// <summary>
    /// "&lt;well-known prefix&gt;/&lt;lower-case hex&gt;": this tag plus the prefix's place in <see cref="WellKnownPrefixes"/>, then
    /// the hex's bytes. The prefix's text and length are not stored.
    /// </summary>
    public const byte FirstWellKnownTag = 5;

    /// <summary>
    /// Prefixes common enough to be worth a tag of their own, each followed by '/' and none holding a ':' (the engines'
    /// owner tag counts, <see cref="IUniqueIndexStore.CountByOwnerTagAsync"/>, find no tag in these forms). Only ever appended to: a tag, once
    /// given, keeps its prefix, and a prefix added needs an upgrade that re-encodes the keys stored with it in the
    /// <see cref="SlashHexTag"/> form (as PostgreSQL's script 009 and SQLite's 007 did for "ledger"), or a lookup in the
    /// new form would not find them.
    /// </summary>
    public static readonly ImmutableArray<string> WellKnownPrefixes = ["ledger"];

    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");

    public static byte[] Encode(string value)
    {
        if (IsLowerHex(value))
        {
            var stored = new byte[1 + value.Length / 2];
            stored[0] = HexTag;
            Convert.FromHexString(value, stored.AsSpan(1), out _, out _);
            return stored;
        }
        // The last separator, since hex has none: "a/b/<hex>" has the prefix "a/b".
        var slash = value.AsSpan().LastIndexOfAny('/', ':');
        if (slash >= 0 && IsLowerHex(value.AsSpan(slash + 1)) && Encoding.UTF8.GetByteCount(value.AsSpan(0, slash)) is var prefixLength and <= byte.MaxValue)
        {
            if (value[slash] == '/' && WellKnownTag(value.AsSpan(0, slash)) is { } tag)
            {
                var known = new byte[1 + (value.Length - slash - 1) / 2];
                known[0] = tag;
                Convert.FromHexString(value.AsSpan(slash + 1), known.AsSpan(1), out _, out _);
                return known;
            }
            var stored = new byte[2 + prefixLength + (value.Length - slash - 1) / 2];
            stored[0] = value[slash] == '/' ? SlashHexTag : ColonHexTag;
            stored[1] = (byte)prefixLength;
            Encoding.UTF8.GetBytes(value.AsSpan(0, slash), stored.AsSpan(2));
            Convert.FromHexString(value.AsSpan(slash + 1), stored.AsSpan(2 + prefixLength), out _, out _);
            return stored;
        }
        var text = new byte[1 + Encoding.UTF8.GetByteCount(value)];
        text[0] = TextTag;
        Encoding.UTF8.GetBytes(value, text.AsSpan(1));
        return text;
    }

    public static string Decode(ReadOnlySpan<byte> stored) => stored[0] switch
    {
        HexTag => Convert.ToHexStringLower(stored[1..]),
        TextTag => Encoding.UTF8.GetString(stored[1..]),
        SlashHexTag or ColonHexTag => string.Concat(Encoding.UTF8.GetString(stored.Slice(2, stored[1])), stored[0] == SlashHexTag ? "/" : ":",
            Convert.ToHexStringLower(stored[(2 + stored[1])..])),
        var tag when tag - FirstWellKnownTag is var known && known >= 0 && known < WellKnownPrefixes.Length =>
            string.Concat(WellKnownPrefixes[known], "/", Convert.ToHexStringLower(stored[1..])),
        var tag => throw new FormatException($"A stored key has the unknown tag {tag}."),
    };

    private static byte? WellKnownTag(ReadOnlySpan<char> prefix)
    {
        for (var i = 0; i < WellKnownPrefixes.Length; i++)
        {
            if (prefix.SequenceEqual(WellKnownPrefixes[i]))
            {
                return (byte)(FirstWellKnownTag + i);
            }
        }
        return null;
    }

    public static byte[][] EncodeAll(IReadOnlyCollection<string> values)
    {
        var stored = new byte[values.Count][];
        var i = 0;
        foreach (var value in values)
        {
            stored[i++] = Encode(value);
        }
        return stored;
    }

    /// <summary>
    /// Whether a text is lower-case hex of whole bytes, the one spelling that round-trips through its bytes
    /// (<see cref="Convert.ToHexStringLower(byte[])"/>): upper case or an odd length must be kept as text.
    /// </summary>
    public static bool IsLowerHex(ReadOnlySpan<char> value) =>
        value.Length > 0 && value.Length % 2 == 0 && !value.ContainsAnyExcept(LowerHexDigits);
}
