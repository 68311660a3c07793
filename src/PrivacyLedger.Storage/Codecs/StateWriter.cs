using System.Buffers;
using System.Text;

namespace PrivacyLedger.Storage;

/// <summary>
/// Writes a grain state's compact stored form (<see cref="GrainStateCodec{T}"/>) into a pooled buffer; <see cref="ToArray"/>
/// copies out exactly the bytes written. Counts and numbers are varints; texts, byte strings and lists carry their
/// length plus one, so 0 stands for null at no cost; times are ticks from a base time. Not thread-safe: one per write.
/// </summary>
public sealed class StateWriter : IDisposable
{
    private const int InitialSize = 1024;

    private byte[] _buffer;
    private int _position;

    public StateWriter(byte format)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        _buffer[0] = format;
        _position = 1;
    }

    public int Length => _position;

    public byte[] ToArray() => _buffer.AsSpan(0, _position).ToArray();

    public void Dispose()
    {
        ReturnCleared(_buffer, _position);
        _buffer = [];
    }

    // What was written may be personal data in clear (a subject's sealed bundle is written here before it is sealed):
    // a pooled buffer goes back cleared, for whoever rents it next.
    private static void ReturnCleared(byte[] buffer, int written)
    {
        buffer.AsSpan(0, written).Clear();
        ArrayPool<byte>.Shared.Return(buffer);
    }

    public void Byte(byte value)
    {
        Reserve(1);
        _buffer[_position++] = value;
    }

    public void VarUInt(ulong value)
    {
        Reserve(10);
        while (value >= 0x80)
        {
            _buffer[_position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_position++] = (byte)value;
    }

    /// <summary>A signed number, zig-zag encoded so that small negatives stay short.</summary>
    public void VarInt(long value) => VarUInt(ZigZag(value));

    /// <summary>The length of a list or map to follow, or null (0).</summary>
    public void Count(int? count) => VarUInt(count is { } n ? (ulong)n + 1 : 0);

    /// <summary>A byte string with its length, or null.</summary>
    public void Bytes(byte[]? value)
    {
        if (value is null)
        {
            VarUInt(0);
            return;
        }
        VarUInt((ulong)value.Length + 1);
        Reserve(value.Length);
        value.CopyTo(_buffer.AsSpan(_position));
        _position += value.Length;
    }

    /// <summary>
    /// A text, or null. A text that is lowercase hex (a hash, an id) is stored as its bytes when <paramref name="forms"/>
    /// allows, canonical base64 likewise; anything else as UTF-8. Each reads back as the very same string.
    /// </summary>
    /// <exception cref="EncoderFallbackException">The text is not valid UTF-16 (a lone surrogate): it cannot be held exactly.</exception>
    public void Text(string? value, TextForms forms = TextForms.Hex)
    {
        if (value is null)
        {
            VarUInt(0);
            return;
        }
        if ((forms & TextForms.Hex) != 0 && CompactKey.IsLowerHex(value))
        {
            var length = value.Length / 2;
            VarUInt(TextHeader(length, TextForm.Hex));
            Reserve(length);
            Convert.FromHexString(value, _buffer.AsSpan(_position, length), out _, out _);
            _position += length;
            return;
        }
        if ((forms & TextForms.Base64) != 0 && TryBase64(value))
        {
            return;
        }
        var count = StrictUtf8.GetByteCount(value);
        VarUInt(TextHeader(count, TextForm.Utf8));
        Reserve(count);
        _position += StrictUtf8.GetBytes(value, _buffer.AsSpan(_position));
    }

    /// <summary>A time, or null: its UTC ticks less <paramref name="baseTicks"/>, and its offset from UTC when it has one.</summary>
    public void Time(DateTimeOffset? value, long baseTicks = 0)
    {
        if (value is not { } time)
        {
            VarUInt(0);
            return;
        }
        var offsetMinutes = time.Offset.Ticks / TimeSpan.TicksPerMinute;
        // The low bit says whether an offset follows; the +1 keeps 0 for null. UTC ticks are under 2^62, so this never overflows.
        VarUInt(((ZigZag(time.UtcTicks - baseTicks) << 1) | (offsetMinutes != 0 ? 1UL : 0UL)) + 1);
        if (offsetMinutes != 0)
        {
            VarInt(offsetMinutes);
        }
    }

    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    internal static ulong TextHeader(int length, TextForm form) => 1 + ((ulong)length * 3) + (ulong)form;

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private bool TryBase64(string value)
    {
        if (value.Length == 0 || value.Length % 4 != 0)
        {
            return false;
        }
        var length = value.Length / 4 * 3;
        Reserve(10 + length);
        var start = _position;
        // Written after room for the longest header; moved back once the decoded length is known.
        var target = _buffer.AsSpan(start + 10, length);
        if (!Convert.TryFromBase64String(value, target, out var written) || !IsCanonicalBase64(value, target[..written]))
        {
            return false;
        }
        VarUInt(TextHeader(written, TextForm.Base64));
        _buffer.AsSpan(start + 10, written).CopyTo(_buffer.AsSpan(_position));
        _position += written;
        return true;
    }

    // TryFromBase64String skips white space and accepts unused bits set: only a text that encodes back to itself is kept as bytes.
    private static bool IsCanonicalBase64(string value, ReadOnlySpan<byte> decoded)
    {
        Span<char> encoded = value.Length <= 512 ? stackalloc char[value.Length] : new char[value.Length];
        return Convert.TryToBase64Chars(decoded, encoded, out var chars) && chars == value.Length && encoded.SequenceEqual(value);
    }

    private void Reserve(int count)
    {
        if (_position + count <= _buffer.Length)
        {
            return;
        }
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _position + count));
        _buffer.AsSpan(0, _position).CopyTo(larger);
        ReturnCleared(_buffer, _position);
        _buffer = larger;
    }
}

/// <summary>The compact forms a text may take besides UTF-8.</summary>
[Flags]
public enum TextForms
{
    Utf8 = 0,
    /// <summary>Lowercase hex of an even length: its bytes.</summary>
    Hex = 1,
    /// <summary>Canonical base64: its bytes.</summary>
    Base64 = 2,
}

internal enum TextForm
{
    Utf8 = 0,
    Hex = 1,
    Base64 = 2,
}
