namespace PrivacyLedger.Storage;

/// <summary>
/// The stored form of set members: shorter than text for lower-case hex (a subject id in 20 bytes instead of 32), and
/// ordered as the strings are (<see cref="StringComparer.Ordinal"/>) whatever their form, which <see cref="CompactKey"/>'s
/// tagged forms are not: a set pages by member, and its members may mix hex and text. Each UTF-16 unit is a 5-bit code,
/// written most significant bit first and padded with zero bits to whole bytes: '0'-'9' and 'a'-'f' are the codes 2-11
/// and 13-18; any other unit is an escape code, 1 below '0', 12 between '9' and 'a', 19 above 'f', followed by the unit's
/// 16 bits. Codes keep the units' order and code 0 is never written, so byte order (then length) is string order.
/// </summary>
public static class OrderedKey
{
    private const int CodeBits = 5, UnitBits = 16;
    private const int BelowDigits = 1, FirstDigit = 2, BetweenDigitsAndLetters = 12, FirstLetter = 13, AboveLetters = 19;

    public static byte[] Encode(string value)
    {
        var bits = 0;
        foreach (var unit in value)
        {
            bits += IsHexDigit(unit) ? CodeBits : CodeBits + UnitBits;
        }
        var stored = new byte[(bits + 7) / 8];
        var position = 0;
        foreach (var unit in value)
        {
            if (unit is >= '0' and <= '9')
            {
                Write(stored, ref position, FirstDigit + unit - '0', CodeBits);
            }
            else if (unit is >= 'a' and <= 'f')
            {
                Write(stored, ref position, FirstLetter + unit - 'a', CodeBits);
            }
            else
            {
                Write(stored, ref position, unit < '0' ? BelowDigits : unit < 'a' ? BetweenDigitsAndLetters : AboveLetters, CodeBits);
                Write(stored, ref position, unit, UnitBits);
            }
        }
        return stored;
    }

    public static string Decode(ReadOnlySpan<byte> stored)
    {
        var units = new System.Text.StringBuilder(stored.Length * 8 / CodeBits);
        var position = 0;
        // Fewer bits than a code left, or a zero code, is the padding.
        while (stored.Length * 8 - position >= CodeBits && Read(stored, ref position, CodeBits) is var code and not 0)
        {
            units.Append(code switch
            {
                >= FirstDigit and < FirstDigit + 10 => (char)('0' + code - FirstDigit),
                >= FirstLetter and < FirstLetter + 6 => (char)('a' + code - FirstLetter),
                BelowDigits or BetweenDigitsAndLetters or AboveLetters => (char)Read(stored, ref position, UnitBits),
                _ => throw new FormatException($"A stored set member has the unknown code {code}."),
            });
        }
        return units.ToString();
    }

    public static byte[][] EncodeAll(IEnumerable<string> values) => [.. values.Select(Encode)];

    private static bool IsHexDigit(char unit) => unit is >= '0' and <= '9' or >= 'a' and <= 'f';

    private static void Write(byte[] stored, ref int position, int value, int width)
    {
        for (var bit = width - 1; bit >= 0; bit--, position++)
        {
            if ((value >> bit & 1) != 0)
            {
                stored[position >> 3] |= (byte)(0x80 >> (position & 7));
            }
        }
    }

    private static int Read(ReadOnlySpan<byte> stored, ref int position, int width)
    {
        var value = 0;
        for (var i = 0; i < width; i++, position++)
        {
            value = value << 1 | (stored[position >> 3] >> (7 - (position & 7)) & 1);
        }
        return value;
    }
}
