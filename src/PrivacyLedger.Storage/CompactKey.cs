using System.Buffers;
using System.Text;

namespace PrivacyLedger.Storage;

/// <summary>
/// The stored form of a unique index's keys and owners. Most are lower-case hex (identifier hashes, subject ids): those
/// are stored as their bytes, half the size in the row and in the primary key. Anything else is stored as its UTF-8.
/// A leading tag byte tells the two apart, so a hex string and a text whose UTF-8 happens to equal its bytes can never
/// be confused, and every string round-trips exactly.
/// </summary>
public static class CompactKey
{
    private const byte HexTag = 1, TextTag = 2;

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
        var text = new byte[1 + Encoding.UTF8.GetByteCount(value)];
        text[0] = TextTag;
        Encoding.UTF8.GetBytes(value, text.AsSpan(1));
        return text;
    }

    public static string Decode(ReadOnlySpan<byte> stored) => stored[0] switch
    {
        HexTag => Convert.ToHexStringLower(stored[1..]),
        TextTag => Encoding.UTF8.GetString(stored[1..]),
        var tag => throw new FormatException($"A stored index key has the unknown tag {tag}."),
    };

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
