using System.Buffers;
using System.Buffers.Binary;
using System.Text.Unicode;

namespace PrivacyLedger.Ledger.Compact;

/// <summary>
/// Writes a binary payload into a span sized beforehand (<see cref="SizeOf(string)"/> and friends), so an encoder
/// allocates exactly one array of the final size. Strings are a LEB128 length and UTF-8, times UTC ticks (8 bytes,
/// little-endian), hashes their 32 raw bytes.
/// </summary>
public ref struct CompactWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _position;

    public readonly int Position => _position;

    /// <summary>The bytes a string takes: its length prefix and its UTF-8 (a lone surrogate counts as U+FFFD, and fails <see cref="TryWrite(string)"/>).</summary>
    public static int SizeOf(string value)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(value);
        return SizeOfLength((uint)length) + length;
    }

    public static int SizeOfLength(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    /// <summary>True for the 64 lowercase hex digits of a SHA-256 hash, the only spelling that round-trips through 32 bytes.</summary>
    public static bool IsLowerHexHash(string value) => value.Length == 64 && Storage.CompactKey.IsLowerHex(value);

    public void Write(byte value) => _destination[_position++] = value;

    public void WriteTicks(DateTimeOffset at)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_destination[_position..], at.UtcTicks);
        _position += sizeof(long);
    }

    public void WriteLength(uint value)
    {
        while (value >= 0x80)
        {
            _destination[_position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _destination[_position++] = (byte)value;
    }

    /// <summary>False for a string UTF-8 cannot hold exactly (a lone surrogate): the caller stores the whole value another way.</summary>
    public bool TryWrite(string value)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(value);
        WriteLength((uint)length);
        var status = Utf8.FromUtf16(value, _destination.Slice(_position, length), out _, out var written, replaceInvalidSequences: false);
        _position += written;
        return status == OperationStatus.Done && written == length;
    }

    /// <summary>A hash checked by <see cref="IsLowerHexHash"/>, as its 32 bytes.</summary>
    public void WriteHash(string lowerHex)
    {
        Convert.FromHexString(lowerHex, _destination.Slice(_position, 32), out _, out var written);
        _position += written;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_destination[_position..]);
        _position += bytes.Length;
    }

    /// <summary>
    /// Base64 as the bytes it stands for, filling the rest of the destination. False unless the text is the one
    /// spelling <see cref="Convert.ToBase64String(byte[])"/> gives those bytes (padding, no white space, zero spare bits),
    /// so reading them back as base64 gives the very same text.
    /// </summary>
    public bool TryWriteBase64Rest(string base64)
    {
        var rest = _destination[_position..];
        // Narrowed to ASCII and decoded by the vectorized UTF-8 decoder: a tenth of Convert.TryFromBase64String's time.
        var ascii = ArrayPool<byte>.Shared.Rent(base64.Length);
        int written;
        try
        {
            if (System.Text.Ascii.FromUtf16(base64, ascii, out var narrowed) != OperationStatus.Done
                || System.Buffers.Text.Base64.DecodeFromUtf8(ascii.AsSpan(0, narrowed), rest, out _, out written) != OperationStatus.Done
                || written != rest.Length)
            {
                return false;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(ascii);
        }
        _position += written;
        if (written == 0)
        {
            return base64.Length == 0;
        }
        // Every group but the last has no spare bits; the last one's spelling decides whether the text was canonical.
        var lastGroup = written % 3 == 0 ? 3 : written % 3;
        Span<char> canonical = stackalloc char[4];
        return Convert.TryToBase64Chars(rest[^lastGroup..], canonical, out _) && base64.AsSpan(base64.Length - 4).SequenceEqual(canonical);
    }

    /// <summary>The bytes a base64 text stands for, or -1 when no canonical base64 has that length.</summary>
    public static int DecodedLengthOf(string base64)
    {
        if (base64.Length % 4 != 0)
        {
            return -1;
        }
        var padding = base64.Length == 0 ? 0 : base64[^1] != '=' ? 0 : base64[^2] != '=' ? 1 : 2;
        return base64.Length / 4 * 3 - padding;
    }
}
