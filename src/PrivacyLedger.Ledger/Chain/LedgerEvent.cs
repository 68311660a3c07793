using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrivacyLedger.Ledger.Chain;

/// <summary>
/// One entry of a subject's ledger. <see cref="SealedData"/> is the change's personal data, encrypted under
/// the subject's data key (base64, or null when the change carries none). The hash covers the ciphertext,
/// so the chain verifies before and after the key is destroyed.
/// </summary>
public sealed record LedgerEvent(
    long Seq,
    DateTimeOffset At,
    string Type,
    string Actor,
    string? RegisterId,
    string? RequestId,
    string? SealedData,
    string PrevHash,
    string Hash)
{
    /// <summary>The previous hash of the first event.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private const int MaxLengthDigits = 10; // int.MaxValue

    /// <summary>
    /// SHA-256 over a canonical form: every field, length-prefixed, in a fixed order, times in UTC ISO 8601.
    /// Length prefixes make the form unambiguous whatever the fields contain.
    /// </summary>
    public static string ComputeHash(long seq, DateTimeOffset at, string type, string actor, string? registerId, string? requestId, string? sealedData, string prevHash)
    {
        ReadOnlySpan<string> fields =
        [
            seq.ToString(CultureInfo.InvariantCulture),
            at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
            type, actor, registerId ?? "", requestId ?? "", sealedData ?? "", prevHash,
        ];
        // The canonical form's UTF-8 bytes, written straight into one rented buffer (this runs for every event written).
        var maxBytes = 0;
        foreach (var field in fields)
        {
            maxBytes += MaxLengthDigits + 2 + Encoding.UTF8.GetMaxByteCount(field.Length);
        }
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            var written = 0;
            foreach (var field in fields)
            {
                field.Length.TryFormat(buffer.AsSpan(written), out var digits, provider: CultureInfo.InvariantCulture);
                written += digits;
                buffer[written++] = (byte)':';
                written += Encoding.UTF8.GetBytes(field, buffer.AsSpan(written));
                buffer[written++] = (byte)';';
            }
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public bool HashIsValid() => Hash == ComputeHash(Seq, At, Type, Actor, RegisterId, RequestId, SealedData, PrevHash);
}
