using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// Bytes from the system's CSPRNG (<see cref="RandomNumberGenerator"/>), drawn a buffer at a time and handed out in
/// slices: each call into the CSPRNG costs about 2 µs of OpenSSL's per-call overhead whatever its size, and an import
/// draws a data key per person and a nonce per seal. Every byte is handed out once: it is cleared from the buffer as it
/// is drawn (a data key is secret), and the rest when this is disposed. Not thread-safe: one per worker, owned by what
/// creates it (an import's range of people), never shared through static state.
/// </summary>
public sealed class RandomSupply(int bufferBytes = RandomSupply.DefaultBufferBytes) : IDisposable
{
    /// <summary>Enough for a few hundred nonces per call into the CSPRNG.</summary>
    public const int DefaultBufferBytes = 4096;

    private readonly byte[] _buffer = new byte[bufferBytes];

    // Starts empty: the first draw fills the buffer.
    private int _next = bufferBytes;

    private bool _disposed;

    /// <summary>Fills <paramref name="destination"/> with random bytes never handed out before.</summary>
    /// <exception cref="ObjectDisposedException">Disposed: its buffer was cleared and is not refilled.</exception>
    public void Fill(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.Length > _buffer.Length)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }
        if (destination.Length > _buffer.Length - _next)
        {
            // The bytes left over are overwritten, never handed out.
            RandomNumberGenerator.Fill(_buffer);
            _next = 0;
        }
        var drawn = _buffer.AsSpan(_next, destination.Length);
        drawn.CopyTo(destination);
        CryptographicOperations.ZeroMemory(drawn);
        _next += destination.Length;
    }

    /// <summary>A new array of <paramref name="count"/> random bytes (a data key).</summary>
    public byte[] GetBytes(int count)
    {
        var bytes = new byte[count];
        Fill(bytes);
        return bytes;
    }

    /// <summary>
    /// A version 7 UUID as <see cref="Guid.CreateVersion7(DateTimeOffset)"/> makes one (RFC 9562: 48 bits of Unix time in
    /// milliseconds, the version, the variant, 74 random bits), its random bits from here: that one reads the system's
    /// random source on every call, which costs an import about as much per person as a call into the CSPRNG.
    /// </summary>
    public Guid CreateVersion7(DateTimeOffset timestamp)
    {
        var milliseconds = timestamp.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(timestamp));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(milliseconds, 0xFFFF_FFFF_FFFFL, nameof(timestamp));
        Span<byte> time = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(time, milliseconds);
        Span<byte> bytes = stackalloc byte[16];
        time[2..].CopyTo(bytes);
        Fill(bytes[6..]);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_buffer);
        _next = _buffer.Length;
        _disposed = true;
    }
}
