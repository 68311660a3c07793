using System.Text.Json;
using System.Text.Unicode;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Compact;

/// <summary><see cref="CompactPlain"/>'s binary form back to JSON: one value, its nesting kept as one bit per level.</summary>
internal static class PlainDecoder
{
    private const int MaxDepth = 64; // as deep as the encoder's JSON reader goes

    public static void Write(ReadOnlySpan<byte> compact, Utf8JsonWriter writer)
    {
        if (!CompactPlain.IsCompact(compact))
        {
            throw CompactReader.Malformed();
        }
        var source = new StateReader(compact, CompactForm.Version1); // LEB128 varints, as the state codec writes them
        ulong objects = 0; // bit n set: the container at depth n + 1 is an object
        var depth = 0;
        var afterName = false;
        try
        {
            do
            {
                var inObject = depth > 0 && (objects & (1UL << (depth - 1))) != 0;
                var tag = source.Byte();
                if (inObject && !afterName)
                {
                    if (tag == PlainTags.EndObject)
                    {
                        writer.WriteEndObject();
                        depth--;
                    }
                    else if (tag == PlainTags.LiteralName)
                    {
                        writer.WritePropertyName(Text(ref source, Length(ref source)));
                        afterName = true;
                    }
                    else
                    {
                        writer.WritePropertyName(Known(PlainVocabulary.NameLookup, tag - PlainTags.KnownName));
                        afterName = true;
                    }
                    continue;
                }

                afterName = false;
                switch (tag)
                {
                    case PlainTags.EndArray when depth > 0 && !inObject:
                        writer.WriteEndArray();
                        depth--;
                        break;
                    case PlainTags.StartObject or PlainTags.StartArray:
                        if (depth == MaxDepth)
                        {
                            throw CompactReader.Malformed();
                        }
                        var isObject = tag == PlainTags.StartObject;
                        objects = isObject ? objects | (1UL << depth) : objects & ~(1UL << depth);
                        depth++;
                        if (isObject)
                        {
                            writer.WriteStartObject();
                        }
                        else
                        {
                            writer.WriteStartArray();
                        }
                        break;
                    case PlainTags.Null: writer.WriteNullValue(); break;
                    case PlainTags.False: writer.WriteBooleanValue(false); break;
                    case PlainTags.True: writer.WriteBooleanValue(true); break;
                    case PlainTags.String: writer.WriteStringValue(Text(ref source, Length(ref source))); break;
                    case PlainTags.NumberText:
                        var number = source.Span(Length(ref source));
                        // Raw JSON is checked to be one value; that value must be a number.
                        writer.WriteRawValue(number is [(byte)'-' or (>= (byte)'0' and <= (byte)'9'), ..] ? number : throw CompactReader.Malformed());
                        break;
                    case PlainTags.Integer:
                        writer.WriteNumberValue(source.VarInt());
                        break;
                    case >= PlainTags.SmallInteger and < PlainTags.SmallInteger + PlainTags.SmallIntegerCount:
                        writer.WriteNumberValue(tag - PlainTags.SmallInteger);
                        break;
                    case >= PlainTags.KnownValue and < PlainTags.KnownValue + PlainTags.KnownValueCount:
                        writer.WriteStringValue(Known(PlainVocabulary.ValueLookup, tag - PlainTags.KnownValue));
                        break;
                    case >= PlainTags.ShortString:
                        writer.WriteStringValue(Text(ref source, tag - PlainTags.ShortString));
                        break;
                    default:
                        throw CompactReader.Malformed();
                }
            }
            while (depth > 0);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or JsonException)
        {
            // Invalid UTF-8, a number that is not one, a structure the writer refuses: none of them this encoder's output.
            throw CompactReader.Malformed();
        }
        source.EnsureEnd();
    }

    private static JsonEncodedText Known(PlainVocabulary.Lookup lookup, int index) =>
        index < lookup.Encoded.Length ? lookup.Encoded[index] : throw CompactReader.Malformed(); // a word a newer version added

    /// <summary>UTF-8 text; the JSON writer would pass invalid UTF-8 on as U+FFFD rather than refuse it.</summary>
    private static ReadOnlySpan<byte> Text(ref StateReader source, int length) =>
        source.Span(length) is var text && Utf8.IsValid(text) ? text : throw CompactReader.Malformed();

    private static int Length(ref StateReader source) => source.VarUInt() is var length and <= int.MaxValue ? (int)length : throw CompactReader.Malformed();
}
