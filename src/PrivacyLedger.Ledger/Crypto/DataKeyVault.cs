using System.Security.Cryptography;
using System.Text;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// Each subject's own data key (AES-256), created on first use and stored only wrapped under the key-wrapping
/// key. Destroying it is crypto-shredding: every ciphertext of that subject, in the ledger and in backups,
/// becomes unreadable while the hash chain over them still verifies. New keys are wrapped under the newest master key
/// version with the AES key wrap (<see cref="AesKeyWrap"/>, 40 bytes), its initial value derived from the subject id so a
/// wrapped key unwraps only as its own subject's, as AES-GCM's associated data did; each stored form records its version
/// and form (<see cref="WrappedKey"/>), so reads work across a rotation and the keys wrapped with AES-GCM before.
/// </summary>
public sealed class DataKeyVault(IUniqueIndexStore index, LedgerKeys keys)
{
    // As the batched store's reads: a campaign chunk's few hundred subjects fit one lookup, and two may be in flight.
    private const int MaxLookupBatchSize = 1_000;
    private const int MaxConcurrentLookups = 2;

    // Each version's key-wrapping keys are prepared once per thread: every subject's activation unwraps and every import wraps with them.
    private readonly Dictionary<int, ThreadLocal<AesGcm>> _wrapping = keys.WrappingKeys.ToDictionary(
        version => version.Key, version => new ThreadLocal<AesGcm>(() => new AesGcm(version.Value, AuthenticatedCipher.TagSize)));

    private readonly Dictionary<int, ThreadLocal<AesKeyWrap>> _keyWrap = keys.KeyWrapKeys.ToDictionary(
        version => version.Key, version => new ThreadLocal<AesKeyWrap>(() => new AesKeyWrap(version.Value)));

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
        var owners = await index.ClaimAsync(UniqueIndexes.DataKeys, [subjectId], Wrap(subjectId, created), cancellationToken);
        return Unwrap(subjectId, owners[subjectId]);
    }

    /// <summary>
    /// New keys for subjects that have none yet, and the claims that store them wrapped; for bulk loads, which commit the
    /// claims with the subjects' first states. The keys come from <paramref name="randomness"/> (the CSPRNG, a buffer at a
    /// time) and are wrapped together (<see cref="AesKeyWrap.WrapAll"/>): each is exactly what wrapping it alone stores.
    /// </summary>
    public (byte[] Key, UniqueClaim Claim)[] CreateForNewSubjects(IReadOnlyList<string> subjectIds, RandomSupply randomness)
    {
        var created = new byte[subjectIds.Count][];
        var initialValues = new ulong[subjectIds.Count];
        for (var i = 0; i < created.Length; i++)
        {
            created[i] = randomness.GetBytes(32);
            initialValues[i] = InitialValueFor(subjectIds[i]);
        }
        var wrapped = _keyWrap[keys.NewestVersion].Value!.WrapAll(created, initialValues);
        var result = new (byte[] Key, UniqueClaim Claim)[created.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (created[i], new UniqueClaim(UniqueIndexes.DataKeys, subjectIds[i], WrappedKey.FormatKeyWrap(keys.NewestVersion, wrapped[i])));
        }
        return result;
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

    /// <summary>
    /// The keys of many subjects in one lookup, by subject id; a subject without one (never created, or destroyed) is
    /// absent. For a caller that needs a page's keys together (a register's member listing): one round trip of its own.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, DataKey>> TryGetManyAsync(IEnumerable<string> subjectIds, CancellationToken cancellationToken = default)
    {
        var distinct = subjectIds.ToHashSet(StringComparer.Ordinal);
        if (distinct.Count == 0)
        {
            return new Dictionary<string, DataKey>();
        }
        var owners = await index.GetAsync(UniqueIndexes.DataKeys, distinct, cancellationToken);
        return owners.ToDictionary(owner => owner.Key, owner => Unwrap(owner.Key, owner.Value), StringComparer.Ordinal);
    }

    /// <summary>
    /// Destroys the subject's data key for good, whatever its wrapped form is by then (the re-wrap may have changed it
    /// since anyone read it); returns false if there was none.
    /// </summary>
    public async Task<bool> DestroyAsync(string subjectId, CancellationToken cancellationToken = default) =>
        await index.ReleaseAsync(UniqueIndexes.DataKeys, [subjectId], owner: null, cancellationToken) > 0;

    /// <summary>
    /// Destroys the key in the same commit as a state write (<see cref="StateWrite.IndexReleases"/>), so erasure needs no
    /// statement of its own. By subject, not by the wrapped form read: a re-wrap committed in between must not keep it alive.
    /// </summary>
    public static UniqueKeyRelease Destruction(DataKey key) => Destruction(key.SubjectId);

    /// <inheritdoc cref="Destruction(DataKey)"/>
    public static UniqueKeyRelease Destruction(string subjectId) => new(UniqueIndexes.DataKeys, subjectId, Owner: null);

    /// <summary>The version new data keys are wrapped under.</summary>
    public int NewestVersion => keys.NewestVersion;

    /// <summary>
    /// The wrapped form re-wrapped under the newest version with the AES key wrap, or null when it needs none: already so
    /// (or under a newer version, written by a node with newer settings), or under a version this node has no key for.
    /// </summary>
    public string? Rewrap(string subjectId, string wrapped)
    {
        var version = WrappedKey.VersionOf(wrapped);
        if (version > keys.NewestVersion || (version == keys.NewestVersion && WrappedKey.IsKeyWrap(wrapped)) || !_wrapping.ContainsKey(version))
        {
            return null;
        }
        return Wrap(subjectId, Unwrap(subjectId, wrapped).Key);
    }

    /// <summary>
    /// How many data keys are stored under each master key version (<see cref="WrappedKey.UnknownVersion"/>: unrecognisable),
    /// and how many of them the re-wrap is to move: those under an older version than the newest, and those under the
    /// newest still in the AES-GCM form. Counted from the stored forms' tags in one pass over the table, so no key is read.
    /// </summary>
    public async Task<DataKeyCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var byVersion = new SortedDictionary<int, long>();
        var toRewrap = 0L;
        foreach (var (tag, count) in await index.CountByOwnerTagAsync(UniqueIndexes.DataKeys, cancellationToken))
        {
            var version = WrappedKey.VersionOfTag(tag);
            byVersion[version] = byVersion.GetValueOrDefault(version) + count;
            if (version != WrappedKey.UnknownVersion && (version < keys.NewestVersion || (version == keys.NewestVersion && !WrappedKey.IsKeyWrapTag(tag))))
            {
                toRewrap += count;
            }
        }
        return new DataKeyCounts(byVersion, toRewrap);
    }

    private static async Task<IReadOnlyList<string?>> LookUpAsync(IUniqueIndexStore index, IReadOnlyList<string> subjectIds)
    {
        var owners = await index.GetAsync(UniqueIndexes.DataKeys, subjectIds.ToHashSet(StringComparer.Ordinal));
        return [.. subjectIds.Select(subjectId => owners.GetValueOrDefault(subjectId))];
    }

    private string Wrap(string subjectId, byte[] key) =>
        WrappedKey.FormatKeyWrap(keys.NewestVersion, _keyWrap[keys.NewestVersion].Value!.Wrap(key, InitialValueFor(subjectId)));

    private DataKey Unwrap(string subjectId, string wrapped)
    {
        var version = WrappedKey.VersionOf(wrapped);
        if (!_wrapping.TryGetValue(version, out var wrapping))
        {
            // Start-up refuses settings without a version that stored keys use; this is a key written since by newer settings.
            throw new InvalidOperationException($"A data key is wrapped under master key version {version}, which is not configured here (Ledger:MasterKeys).");
        }
        var key = WrappedKey.IsKeyWrap(wrapped)
            ? _keyWrap[version].Value!.Unwrap(WrappedKey.SealedBytes(wrapped), InitialValueFor(subjectId))
            : AuthenticatedCipher.Decrypt(wrapping.Value!, WrappedKey.SealedBytes(wrapped), Encoding.UTF8.GetBytes(subjectId));
        return new(subjectId, key, wrapped);
    }

    /// <summary>
    /// The key wrap's initial value for a subject (RFC 3394, 2.2.3.2, an alternative initial value): the first 64 bits of
    /// SHA-256 over a fixed label and the subject id, so a wrapped key copied to another subject's row fails to unwrap.
    /// </summary>
    internal static ulong InitialValueFor(string subjectId)
    {
        // Label and id written into one buffer, not an interpolated string and its UTF-8 copy: every import wraps and
        // every cold activation unwraps. Subject ids are short; a long one (never made here) takes the heap.
        var length = InitialValueLabel.Length + Encoding.UTF8.GetMaxByteCount(subjectId.Length);
        var input = length <= 256 ? stackalloc byte[length] : new byte[length];
        InitialValueLabel.CopyTo(input);
        var written = InitialValueLabel.Length + Encoding.UTF8.GetBytes(subjectId, input[InitialValueLabel.Length..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..written], hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    private static ReadOnlySpan<byte> InitialValueLabel => "privacy-ledger/data-key/"u8;
}
