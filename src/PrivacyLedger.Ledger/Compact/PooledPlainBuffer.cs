using System.Buffers;

namespace PrivacyLedger.Ledger.Compact;

/// <summary>
/// A growing buffer of pooled arrays for a plaintext's JSON on its way to the deserializer: the JSON writer asks for
/// 4 KB at a time, which an <see cref="ArrayBufferWriter{T}"/> would allocate anew on every open. Cleared as it goes
/// back to the pool, as it holds personal data in clear.
/// </summary>
internal sealed class PooledPlainBuffer(int initialCapacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    private int _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

    public void Dispose()
    {
        Return(_buffer, _written);
        _buffer = [];
        _written = 0;
    }

    private byte[] Reserve(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 2 * _buffer.Length));
            WrittenSpan.CopyTo(larger);
            Return(_buffer, _written);
            _buffer = larger;
        }
        return _buffer;
    }

    private static void Return(byte[] buffer, int written)
    {
        buffer.AsSpan(0, written).Clear();
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
