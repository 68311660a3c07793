using System.Security.Cryptography;
using System.Text;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// Each subject's own data key (AES-256), created on first use and stored only wrapped under the key-wrapping
/// key. Destroying it is crypto-shredding: every ciphertext of that subject, in the ledger and in backups,
/// becomes unreadable while the hash chain over them still verifies.
/// </summary>
public sealed class DataKeyVault(IUniqueIndexStore index, LedgerKeys keys)
{
    private const string IndexName = "data-keys";
    // As the batched store's reads: a campaign chunk's few hundred subjects fit one lookup, and two may be in flight.
    private const int MaxLookupBatchSize = 1_000;
    private const int MaxConcurrentLookups = 2;

    // The key-wrapping key is prepared once per thread: every subject's activation unwraps and every import wraps with it.
    private readonly ThreadLocal<AesGcm> _wrapping = new(() => new AesGcm(keys.KeyWrappingKey, AuthenticatedCipher.TagSize));

    // Subjects that need their key at the same time (a campaign's chunk, activated together) share one round trip.
    private readonly BatchCoalescer<string, string?> _lookups = new(subjectIds => LookUpAsync(index, subjectIds), MaxLookupBatchSize, MaxConcurrentLookups);

    public async Task<byte[]> GetOrCreateAsync(string subjectId, CancellationToken cancellationToken = default) =>
        (await GetOrCreateKeyAsync(subjectId, cancellationToken)).Key;

    /// <summary>The key with its stored (wrapped) form, which <see cref="Destruction"/> needs.</summary>
    public async Task<DataKey> GetOrCreateKeyAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        var existing = await TryGetKeyAsync(subjectId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }
        var created = RandomNumberGenerator.GetBytes(32);
        // First claim wins: a concurrent creator (another node) gets the same key back.
        var owners = await index.ClaimAsync(IndexName, [subjectId], Wrap(subjectId, created), cancellationToken);
        return Unwrap(subjectId, owners[subjectId]);
    }

    /// <summary>
    /// A new key for a subject that has none yet, and the claim that stores it wrapped; for bulk loads, which
    /// commit the claim with the subject's first state.
    /// </summary>
    public (byte[] Key, UniqueClaim Claim) CreateForNewSubject(string subjectId)
    {
        var created = RandomNumberGenerator.GetBytes(32);
        return (created, new UniqueClaim(IndexName, subjectId, Wrap(subjectId, created)));
    }

    public async Task<byte[]?> TryGetAsync(string subjectId, CancellationToken cancellationToken = default) =>
        (await TryGetKeyAsync(subjectId, cancellationToken))?.Key;

    /// <summary>
    /// The subject's key, or null when it has none (never created, or destroyed). Lookups of many subjects at once
    /// are sent as one; each still sees every change committed before it was asked for, a destruction included.
    /// Cancelling stops this caller waiting; the shared lookup, a read others may wait on, runs to its end.
    /// </summary>
    public async Task<DataKey?> TryGetKeyAsync(string subjectId, CancellationToken cancellationToken = default) =>
        await _lookups.SubmitAsync(subjectId).WaitAsync(cancellationToken) is { } wrapped ? Unwrap(subjectId, wrapped) : null;

    /// <summary>Destroys the subject's data key for good; returns false if there was none.</summary>
    public async Task<bool> DestroyAsync(string subjectId, CancellationToken cancellationToken = default) =>
        await _lookups.SubmitAsync(subjectId).WaitAsync(cancellationToken) is { } wrapped
        && await index.ReleaseAsync(IndexName, [subjectId], wrapped, cancellationToken) > 0;

    /// <summary>Destroys the key in the same commit as a state write (<see cref="StateWrite.IndexReleases"/>), so erasure needs no statement of its own.</summary>
    public static UniqueKeyRelease Destruction(DataKey key) => new(IndexName, key.SubjectId, key.Wrapped);

    private static async Task<IReadOnlyList<string?>> LookUpAsync(IUniqueIndexStore index, IReadOnlyList<string> subjectIds)
    {
        var owners = await index.GetAsync(IndexName, subjectIds.ToHashSet(StringComparer.Ordinal));
        return [.. subjectIds.Select(subjectId => owners.GetValueOrDefault(subjectId))];
    }

    private string Wrap(string subjectId, byte[] key) =>
        Convert.ToBase64String(AuthenticatedCipher.Encrypt(_wrapping.Value!, key, Encoding.UTF8.GetBytes(subjectId)));

    private DataKey Unwrap(string subjectId, string wrapped) =>
        new(subjectId, AuthenticatedCipher.Decrypt(_wrapping.Value!, Convert.FromBase64String(wrapped), Encoding.UTF8.GetBytes(subjectId)), wrapped);
}
