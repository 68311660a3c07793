using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace PrivacyLedger.Ledger.Compact;

/// <summary>JSON to <see cref="CompactPlain"/>'s binary form, one token at a time, straight into the destination.</summary>
internal static class PlainEncoder
{
    private const int MaxLengthBytes = 5; // an int in LEB128

    public static bool TryEncode(ReadOnlySpan<byte> json, Span<byte> destination, out int written)
    {
        written = 0;
        var reader = new Utf8JsonReader(json); // one value, no comments, depth at most 64 (as the decoder allows)
        var position = 0;
        destination[position++] = CompactForm.Version1;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: destination[position++] = PlainTags.StartObject; break;
                    case JsonTokenType.EndObject: destination[position++] = PlainTags.EndObject; break;
                    case JsonTokenType.StartArray: destination[position++] = PlainTags.StartArray; break;
                    case JsonTokenType.EndArray: destination[position++] = PlainTags.EndArray; break;
                    case JsonTokenType.Null: destination[position++] = PlainTags.Null; break;
                    case JsonTokenType.False: destination[position++] = PlainTags.False; break;
                    case JsonTokenType.True: destination[position++] = PlainTags.True; break;
                    case JsonTokenType.Number: WriteNumber(reader.ValueSpan, destination, ref position); break;
                    case JsonTokenType.PropertyName:
                        if (!TryWriteText(ref reader, destination, ref position, isName: true))
                        {
                            return false;
                        }
                        break;
                    case JsonTokenType.String:
                        if (!TryWriteText(ref reader, destination, ref position, isName: false))
                        {
                            return false;
                        }
                        break;
                    default:
                        return false;
                }
            }
        }
        catch (JsonException)
        {
            return false; // not one JSON value
        }
        written = position;
        return true;
    }

    /// <summary>
    /// A name or string, unescaped into the destination where its bytes end up; a known word becomes its code. The
    /// unescaped text is never longer than the escaped, so it fits where the escaped would have.
    /// </summary>
    private static bool TryWriteText(ref Utf8JsonReader reader, Span<byte> destination, ref int position, bool isName)
    {
        var escapedLength = reader.ValueSpan.Length;
        // Short strings carry their length in the tag; anything else a LEB128 length, room for which is left before the text.
        var inTag = !isName && escapedLength <= PlainTags.ShortStringMax;
        var start = position + 1 + (inTag ? 0 : MaxLengthBytes);
        int length;
        if (reader.ValueIsEscaped)
        {
            try
            {
                length = reader.CopyString(destination[start..]);
            }
            catch (InvalidOperationException)
            {
                return false; // an escaped lone surrogate: UTF-8 cannot hold it
            }
        }
        else
        {
            reader.ValueSpan.CopyTo(destination[start..]);
            length = escapedLength;
        }
        var text = destination.Slice(start, length);
        if (!Utf8.IsValid(text))
        {
            return false;
        }

        var known = (isName ? PlainVocabulary.NameLookup : PlainVocabulary.ValueLookup).IndexOf(text);
        if (known >= 0)
        {
            destination[position++] = (byte)((isName ? PlainTags.KnownName : PlainTags.KnownValue) + known);
            return true;
        }
        if (inTag)
        {
            destination[position] = (byte)(PlainTags.ShortString + length);
            position += 1 + length;
            return true;
        }
        destination[position++] = isName ? PlainTags.LiteralName : PlainTags.String;
        WriteVarInt((uint)length, destination, ref position);
        text.CopyTo(destination[position..]); // moves left over the room left for the length: CopyTo handles the overlap
        position += length;
        return true;
    }

    /// <summary>An integer spelled as .NET writes it becomes a varint; any other number keeps its text, so it reads back the same.</summary>
    private static void WriteNumber(ReadOnlySpan<byte> text, Span<byte> destination, ref int position)
    {
        if (TryCanonicalInteger(text, out var value))
        {
            if (value is >= 0 and < PlainTags.SmallIntegerCount)
            {
                destination[position++] = (byte)(PlainTags.SmallInteger + value);
                return;
            }
            destination[position++] = PlainTags.Integer;
            WriteVarInt((ulong)((value << 1) ^ (value >> 63)), destination, ref position);
            return;
        }
        destination[position++] = PlainTags.NumberText;
        WriteVarInt((uint)text.Length, destination, ref position);
        text.CopyTo(destination[position..]);
        position += text.Length;
    }

    /// <summary>JSON forbids leading zeros and '+': digits with an optional '-', not "-0", that fit 64 bits are the canonical spelling.</summary>
    private static bool TryCanonicalInteger(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        var digits = text.Length > 0 && text[0] == '-' ? text[1..] : text;
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange((byte)'0', (byte)'9') || (digits[0] == '0' && text.Length > 1))
        {
            return false;
        }
        return Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;
    }

    private static void WriteVarInt(ulong value, Span<byte> destination, ref int position)
    {
        while (value >= 0x80)
        {
            destination[position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[position++] = (byte)value;
    }
}
