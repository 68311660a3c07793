namespace PrivacyLedger.Storage;

/// <summary>Reads what <see cref="StateWriter"/> wrote, field by field in the same order.</summary>
/// <exception cref="InvalidDataException">From every method: the stored bytes end early or are malformed.</exception>
public ref struct StateReader
{
    private readonly ReadOnlySpan<byte> _payload;
    private int _position;

    public StateReader(ReadOnlySpan<byte> payload, byte format)
    {
        if (payload.IsEmpty || payload[0] != format)
        {
            throw new InvalidDataException($"Stored state is not in compact format {format}.");
        }
        _payload = payload;
        _position = 1;
    }

    /// <summary>Throws unless every byte was read: a stored form with more in it than this version knows is not read half.</summary>
    public readonly void EnsureEnd()
    {
        if (_position != _payload.Length)
        {
            throw Malformed();
        }
    }

    public byte Byte() => _position < _payload.Length ? _payload[_position++] : throw Malformed();

    public ulong VarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var next = Byte();
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }
        throw Malformed();
    }

    public long VarInt() => UnZigZag(VarUInt());

    /// <summary>A count written by <see cref="StateWriter.Count"/>: null, or the number of items to follow.</summary>
    public int? Count()
    {
        var stored = VarUInt();
        return stored == 0 ? null : stored - 1 <= (ulong)(_payload.Length - _position) ? (int)(stored - 1) : throw Malformed();
    }

    public byte[]? Bytes()
    {
        var length = Count();
        return length is { } n ? Take(n).ToArray() : null;
    }

    public string? Text()
    {
        var header = VarUInt();
        if (header == 0)
        {
            return null;
        }
        var (length, form) = ((header - 1) / 3, (TextForm)((header - 1) % 3));
        if (length > (ulong)(_payload.Length - _position))
        {
            throw Malformed();
        }
        var bytes = Take((int)length);
        return form switch
        {
            TextForm.Hex => Convert.ToHexStringLower(bytes),
            TextForm.Base64 => Convert.ToBase64String(bytes),
            _ => StateWriter.StrictUtf8.GetString(bytes),
        };
    }

    public DateTimeOffset? Time(long baseTicks = 0)
    {
        var stored = VarUInt();
        if (stored == 0)
        {
            return null;
        }
        var utcTicks = UnZigZag((stored - 1) >> 1) + baseTicks;
        var offsetMinutes = ((stored - 1) & 1) == 0 ? 0 : VarInt();
        try
        {
            var offset = TimeSpan.FromMinutes(offsetMinutes);
            return new DateTimeOffset(utcTicks + offset.Ticks, offset);
        }
        catch (ArgumentException)
        {
            throw Malformed();
        }
    }

    public DateTimeOffset RequiredTime(long baseTicks = 0) => Time(baseTicks) ?? throw Malformed();

    /// <summary>The next <paramref name="length"/> bytes as they are, for a caller that reads its own forms (sealed plaintexts).</summary>
    public ReadOnlySpan<byte> Span(int length) => Take(length);

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _payload.Length - _position)
        {
            throw Malformed();
        }
        var taken = _payload.Slice(_position, length);
        _position += length;
        return taken;
    }

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private readonly InvalidDataException Malformed() => new($"Stored state is malformed at byte {_position}.");
}
