using System.Security.Cryptography;
using System.Text;
using PrivacyLedger.Runtime.Storage;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// Each subject's own data key (AES-256), created on first use and stored only wrapped under the key-wrapping
/// key. Destroying it is crypto-shredding: every ciphertext of that subject, in the ledger and in backups,
/// becomes unreadable while the hash chain over them still verifies.
/// </summary>
public sealed class DataKeyVault(IUniqueIndexStore index, LedgerKeys keys)
{
    private const string IndexName = "data-keys";

    public async Task<byte[]> GetOrCreateAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        var existing = await TryGetAsync(subjectId, cancellationToken);
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

    public async Task<byte[]?> TryGetAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        var owners = await index.GetAsync(IndexName, [subjectId], cancellationToken);
        return owners.TryGetValue(subjectId, out var wrapped) ? Unwrap(subjectId, wrapped) : null;
    }

    /// <summary>Destroys the subject's data key for good; returns false if there was none.</summary>
    public async Task<bool> DestroyAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        var owners = await index.GetAsync(IndexName, [subjectId], cancellationToken);
        return owners.TryGetValue(subjectId, out var wrapped) && await index.ReleaseAsync(IndexName, [subjectId], wrapped, cancellationToken) > 0;
    }

    private string Wrap(string subjectId, byte[] key) =>
        Convert.ToBase64String(AuthenticatedCipher.Encrypt(keys.KeyWrappingKey, key, Encoding.UTF8.GetBytes(subjectId)));

    private byte[] Unwrap(string subjectId, string wrapped) =>
        AuthenticatedCipher.Decrypt(keys.KeyWrappingKey, Convert.FromBase64String(wrapped), Encoding.UTF8.GetBytes(subjectId));
}
