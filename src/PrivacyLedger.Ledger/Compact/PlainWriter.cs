using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PrivacyLedger.Ledger.Compact;

/// <summary>
/// Writes <see cref="CompactPlain"/>'s binary form straight from values, byte for byte as <see cref="PlainEncoder"/>
/// writes it from the ledger serializer's JSON of the same values: what a sealed import event holds, without the JSON
/// and its transcoding on the way (see <see cref="ICompactPlainSource"/>). Names are written as given, values in the
/// order the caller writes them: the caller mirrors the serializer (camelCase names, nulls left out, declaration order).
/// The pooled buffer holds personal data in clear: it is cleared as it goes back.
/// </summary>
public sealed class PlainWriter : IDisposable
{
    private const int MaxLengthBytes = 5; // an int in LEB128

    // A UTF-8 byte grows to at most six when the JSON writer escapes it (\u00XX), so text of up to this many bytes is
    // short whatever its escaping; PlainEncoder decides on the escaped length.
    private const int AlwaysShortBytes = PlainTags.ShortStringMax / 6;

    private byte[] _buffer;
    private int _position;
    // Text is written ahead of the position before it is moved into place (or dropped): the bytes up to here may
    // hold personal data in clear and are cleared before the buffer goes back to the pool.
    private int _touched;

    public PlainWriter(int initialCapacity = 512)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
        _buffer[_position++] = CompactForm.Version1;
    }

    /// <summary>The plaintext written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    public void StartObject() => Tag(PlainTags.StartObject);

    public void EndObject() => Tag(PlainTags.EndObject);

    public void StartArray() => Tag(PlainTags.StartArray);

    public void EndArray() => Tag(PlainTags.EndArray);

    /// <summary>A property name (camelCase, as the serializer names it); false for text UTF-8 cannot hold.</summary>
    public bool TryName(string name) => TryText(name, isName: true);

    /// <summary>A string value; false for text UTF-8 cannot hold (a lone surrogate), which the JSON path seals as JSON.</summary>
    public bool TryString(string value) => TryText(value, isName: false);

    /// <summary>A property holding a string, left out when null (the serializer's <c>WhenWritingNull</c>).</summary>
    public bool TryProperty(string name, string? value) => value is null || (TryName(name) && TryString(value));

    public void Dispose()
    {
        _buffer.AsSpan(0, Math.Max(_position, _touched)).Clear();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _position = 0;
    }

    private void Tag(byte tag)
    {
        Reserve(1);
        _buffer[_position++] = tag;
    }

    private bool TryText(string value, bool isName)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        Reserve(1 + MaxLengthBytes + maxBytes);
        // Written where a long string's text goes (after its tag and length), then moved left if it is shorter.
        var start = _position + 1 + MaxLengthBytes;
        var status = System.Text.Unicode.Utf8.FromUtf16(value, _buffer.AsSpan(start, maxBytes), out _, out var length, replaceInvalidSequences: false);
        _touched = Math.Max(_touched, start + length);
        if (status != OperationStatus.Done)
        {
            return false;
        }
        var text = _buffer.AsSpan(start, length);
        var known = (isName ? PlainVocabulary.NameLookup : PlainVocabulary.ValueLookup).IndexOf(text);
        if (known >= 0)
        {
            _buffer[_position++] = (byte)((isName ? PlainTags.KnownName : PlainTags.KnownValue) + known);
            return true;
        }
        if (!isName && EscapedLength(value, text) <= PlainTags.ShortStringMax)
        {
            _buffer[_position++] = (byte)(PlainTags.ShortString + length);
        }
        else
        {
            _buffer[_position++] = isName ? PlainTags.LiteralName : PlainTags.String;
            WriteVarInt((uint)length);
        }
        text.CopyTo(_buffer.AsSpan(_position)); // moves left: CopyTo handles the overlap
        _position += length;
        return true;
    }

    /// <summary>The length of the text as the ledger's JSON writer spells it, escapes included: only where it can matter.</summary>
    private static int EscapedLength(string value, ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= AlwaysShortBytes || utf8.Length > PlainTags.ShortStringMax || !NeedsEscaping(utf8))
        {
            return utf8.Length;
        }
        return JsonEncodedText.Encode(value, LedgerJson.Options.Encoder).EncodedUtf8Bytes.Length;
    }

    /// <summary>
    /// False when every byte is printable ASCII that the default JSON encoder leaves as it is (it escapes controls,
    /// non-ASCII and <c>" &amp; ' + &lt; &gt; \ `</c>); true means the exact escaping is worked out.
    /// </summary>
    private static bool NeedsEscaping(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b is < 0x20 or > 0x7E or (byte)'"' or (byte)'&' or (byte)'\'' or (byte)'+' or (byte)'<' or (byte)'>' or (byte)'\\' or (byte)'`')
            {
                return true;
            }
        }
        return false;
    }

    private void WriteVarInt(uint value)
    {
        while (value >= 0x80)
        {
            _buffer[_position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_position++] = (byte)value;
    }

    private void Reserve(int bytes)
    {
        if (_position + bytes <= _buffer.Length)
        {
            return;
        }
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_position + bytes, 2 * _buffer.Length));
        WrittenSpan.CopyTo(larger);
        _buffer.AsSpan(0, Math.Max(_position, _touched)).Clear();
        _touched = 0;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
