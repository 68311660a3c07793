using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Identity;

/// <summary>
/// Finds subjects by identifier. Identifiers are indexed by a keyed hash (HMAC-SHA256 under a key derived
/// from the master key, its first 128 bits), never in clear text, and each hash belongs to one subject: the first
/// claim wins, so concurrent enrolments of one new person converge on one subject.
/// </summary>
public sealed class IdentifierIndex(IUniqueIndexStore store, LedgerKeys keys)
{
    private const string IndexName = UniqueIndexes.Identifiers;
    private const string SuppressionIndex = "suppressions";
    private const string DirectMarketing = "direct-marketing";

    /// <summary>
    /// The stored hash is the HMAC's first 16 bytes: truncated HMAC keeps its strength as a keyed hash (RFC 2104 §5), and
    /// 128 bits keep the chance of two identifiers sharing one below 2^-64 for billions of them, at half the index's
    /// key bytes of the full 32 (every person has three or four identifiers, each in a row and in the index's B-tree).
    /// </summary>
    public const int HashBytes = 16;

    /// <summary>Earlier versions stored the full 32-byte HMAC as 64 hex digits.</summary>
    private const int FullHashHexLength = 2 * HMACSHA256.HashSizeInBytes;

    // The HMAC key is prepared once per thread: preparing it costs more than hashing a short identifier.
    private readonly ThreadLocal<IncrementalHash> _hmac = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, keys.IdentifierHashingKey));

    // Identifiers are short (FieldLimits keep them to a few hundred characters); a longer one is hashed from a pooled buffer.
    private const int StackInputBytes = 512;

    /// <summary>
    /// The HMAC of the UTF-8 of <c>{kind's wire name}:{value}</c> (a lone surrogate as U+FFFD, as <see cref="Encoding.UTF8"/>
    /// writes it), as lowercase hex. Encoded straight into a buffer: an import hashes millions of identifiers.
    /// </summary>
    public string Hash(SubjectIdentifier identifier)
    {
        var kind = IdentifierKinds.ToWireName(identifier.Kind);
        var length = kind.Length + 1 + Encoding.UTF8.GetMaxByteCount(identifier.Value.Length);
        byte[]? rented = null;
        var input = length <= StackInputBytes ? stackalloc byte[StackInputBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var written = 0;
        try
        {
            written = Encoding.UTF8.GetBytes(kind, input);
            input[written++] = (byte)':';
            written += Encoding.UTF8.GetBytes(identifier.Value, input[written..]);
            var hmac = _hmac.Value!;
            hmac.AppendData(input[..written]);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            hmac.GetHashAndReset(mac);
            return Convert.ToHexStringLower(mac[..HashBytes]);
        }
        finally
        {
            // The identifier in clear (an identity code, an e-mail address) leaves no copy behind.
            input[..written].Clear();
            if (rented is not null)
            {
                // The identifier in clear: cleared before the array goes back to the pool.
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    /// <summary>
    /// A hash as <see cref="Hash"/> gives it today: one an earlier version stored whole (64 hex digits) is cut to its
    /// first <see cref="HashBytes"/>, as the storage upgrade cut the index's keys, so an old state still matches.
    /// </summary>
    public static string Shorten(string storedHash) =>
        storedHash.Length == FullHashHexLength ? storedHash[..(2 * HashBytes)] : storedHash;

    /// <summary>The subjects that own any of these identifiers, by hash.</summary>
    public Task<IReadOnlyDictionary<string, string>> FindAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken = default) =>
        store.GetAsync(IndexName, hashes, cancellationToken);

    /// <summary>Claims the hashes for <paramref name="subjectId"/> where free; returns every hash's owner afterwards.</summary>
    public Task<IReadOnlyDictionary<string, string>> ClaimAsync(IReadOnlyCollection<string> hashes, string subjectId, CancellationToken cancellationToken = default) =>
        store.ClaimAsync(IndexName, hashes, subjectId, cancellationToken);

    /// <summary>The claim of a hash for a new subject, committed with the subject's first state by a bulk load.</summary>
    public static UniqueClaim ClaimFor(string hash, string subjectId) => new(IndexName, hash, subjectId);

    /// <summary>Whether a bulk load's conflicting claim was on an identifier (and not, say, on a data key).</summary>
    public static bool IsIdentifierClaim(UniqueClaim claim) => claim.Index == IndexName;

    public Task<int> ReleaseAsync(IReadOnlyCollection<string> hashes, string subjectId, CancellationToken cancellationToken = default) =>
        store.ReleaseAsync(IndexName, hashes, subjectId, cancellationToken);

    /// <summary>Releases a hash in the same commit as the subject's state write (<see cref="StateWrite.IndexReleases"/>).</summary>
    public static UniqueKeyRelease Release(string hash, string subjectId) => new(IndexName, hash, subjectId);

    /// <summary>
    /// Keeps the keyed hashes of an erased person who had objected to direct marketing, and nothing else, so
    /// that a later import of the same identifiers cannot resume marketing to them.
    /// </summary>
    public Task SuppressDirectMarketingAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken = default) =>
        store.ClaimAsync(SuppressionIndex, hashes, DirectMarketing, cancellationToken);

    /// <summary>Those of the hashes that are on the direct-marketing suppression list.</summary>
    public async Task<IReadOnlyCollection<string>> FindSuppressedAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken = default) =>
        [.. (await store.GetAsync(SuppressionIndex, hashes, cancellationToken)).Keys];

    public async Task<bool> IsDirectMarketingSuppressedAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken = default) =>
        (await store.GetAsync(SuppressionIndex, hashes, cancellationToken)).Count > 0;
}
