namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// A key or owner of a fixed-width index (<see cref="UniqueIndexes.IsFixedWidth"/>): 32 lower-case hex characters stored as
/// a uuid whose 16 bytes are the hex's bytes in order, so the stored bytes (and their order) are those of the
/// <see cref="CompactKey"/> form after its tag.
/// </summary>
internal static class FixedWidthKey
{
    public static Guid ToGuid(string hex)
    {
        Span<byte> bytes = stackalloc byte[16];
        // The callers have checked the shape (UniqueIndexes.EnsureFixedWidth); a wrong one still fails here, never silently.
        if (hex.Length != UniqueIndexes.FixedWidthHexLength || Convert.FromHexString(hex, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            throw new ArgumentException("A key or owner of a fixed-width unique index is not 32 hex characters.", nameof(hex));
        }
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The uuid of a key or owner in <see cref="CompactKey"/> form (its tag, then 16 bytes).</summary>
    public static Guid FromCompact(byte[] stored) => new(stored.AsSpan(1), bigEndian: true);

    public static string ToHex(Guid stored)
    {
        Span<byte> bytes = stackalloc byte[16];
        stored.TryWriteBytes(bytes, bigEndian: true, out _);
        return Convert.ToHexStringLower(bytes);
    }
}
