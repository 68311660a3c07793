namespace PrivacyLedger.Ledger.Compact;

/// <summary>
/// The one-byte tags of <see cref="CompactPlain"/>. A tag is read in one of two positions: where a value stands (the
/// top, an array's items, a property's value) or where an object's next property name stands, so the two share the
/// byte range. Stored ciphertexts depend on them: never renumber; new tags take reserved bytes.
/// </summary>
internal static class PlainTags
{
    // Value position.
    public const byte EndArray = 0x00;
    public const byte StartObject = 0x01;
    public const byte StartArray = 0x02;
    public const byte Null = 0x03;
    public const byte False = 0x04;
    public const byte True = 0x05;
    /// <summary>LEB128 length, then the unescaped UTF-8.</summary>
    public const byte String = 0x06;
    /// <summary>LEB128 length, then the number's JSON text as written (fractions, exponents, beyond 64 bits).</summary>
    public const byte NumberText = 0x07;
    /// <summary>A 64-bit integer, zigzag LEB128.</summary>
    public const byte Integer = 0x08;
    // 0x09-0x0F reserved.
    /// <summary>0x10-0x1F: the integers 0 to 15.</summary>
    public const byte SmallInteger = 0x10;
    public const int SmallIntegerCount = 16;
    /// <summary>0x20-0x3F: a string of <see cref="PlainVocabulary.Values"/>.</summary>
    public const byte KnownValue = 0x20;
    public const int KnownValueCount = 32;
    /// <summary>0x40-0xFF: a string of up to 191 UTF-8 bytes, its length in the tag.</summary>
    public const byte ShortString = 0x40;
    public const int ShortStringMax = 0xFF - ShortString;

    // Name position.
    public const byte EndObject = 0x00;
    /// <summary>LEB128 length, then the unescaped UTF-8 name.</summary>
    public const byte LiteralName = 0x01;
    /// <summary>0x02-0xFF: a name of <see cref="PlainVocabulary.Names"/>.</summary>
    public const byte KnownName = 0x02;
    public const int KnownNameCount = 0x100 - KnownName;
}
