using System.Buffers.Binary;
using System.Text;

namespace PrivacyLedger.Ledger.Compact;

/// <summary>Reads what <see cref="CompactWriter"/> wrote; a payload cut short or out of range is rejected, never guessed at.</summary>
public ref struct CompactReader(ReadOnlySpan<byte> source)
{
    private const int MaxLengthBytes = 5; // a uint in LEB128

    private readonly ReadOnlySpan<byte> _source = source;
    private int _position;

    public readonly int Remaining => _source.Length - _position;

    /// <summary>Skips the version byte and reads the flags byte; a flag this version does not know is refused.</summary>
    public byte ReadFlags(byte knownFlags)
    {
        ReadByte();
        var flags = ReadByte();
        return (flags & ~knownFlags) == 0 ? flags : throw Malformed();
    }

    /// <summary>Refuses bytes left over after the last field.</summary>
    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw Malformed();
        }
    }

    public byte ReadByte() => _position < _source.Length ? _source[_position++] : throw Malformed();

    public DateTimeOffset ReadTicks()
    {
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));
        return ticks is >= 0 and <= 3155378975999999999 // DateTime.MaxValue.Ticks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : throw Malformed();
    }

    public int ReadLength()
    {
        uint value = 0;
        for (var shift = 0; shift < 7 * MaxLengthBytes; shift += 7)
        {
            var next = ReadByte();
            value |= (uint)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value <= int.MaxValue ? (int)value : throw Malformed();
            }
        }
        throw Malformed();
    }

    public string ReadString() => Encoding.UTF8.GetString(Take(ReadLength()));

    /// <summary>A hash as the 64 lowercase hex digits the ledger shows and hashes.</summary>
    public string ReadHash() => Convert.ToHexStringLower(Take(32));

    public ReadOnlySpan<byte> ReadRest() => Take(Remaining);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw Malformed();
        }
        var taken = _source.Slice(_position, count);
        _position += count;
        return taken;
    }

    public static InvalidDataException Malformed() => new("A stored payload is malformed.");
}
