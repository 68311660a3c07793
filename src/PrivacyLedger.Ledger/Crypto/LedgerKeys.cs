using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// The keys derived from the configured master key versions (HKDF-SHA256), one per use, so no key serves two purposes:
/// a key-wrapping key per version, and the identifier index's hashing key from one fixed version.
/// </summary>
public sealed class LedgerKeys
{
    public LedgerKeys(IOptions<LedgerOptions> options)
    {
        var ring = MasterKeyRing.From(options.Value);
        IdentifierKeyVersion = ring.IdentifierVersion;
        // Derived from one pinned version, not the newest: the index holds a keyed hash of every identifier, so a new
        // hashing key would need every identifier in clear to rebuild it, and until then would find nobody.
        IdentifierHashingKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, ring.Keys[ring.IdentifierVersion], 32, info: "privacy-ledger/identifier-index/v1"u8.ToArray());
        WrappingKeys = ring.Keys
            .Where(version => !ring.Retired.Contains(version.Key))
            .ToDictionary(version => version.Key, version => HKDF.DeriveKey(HashAlgorithmName.SHA256, version.Value, 32, info: "privacy-ledger/data-key-wrapping/v1"u8.ToArray()));
        // Its own key for the AES key wrap: one key never serves two algorithms (AES-GCM above, AES-ECB in the key wrap).
        KeyWrapKeys = ring.Keys
            .Where(version => !ring.Retired.Contains(version.Key))
            .ToDictionary(version => version.Key, version => HKDF.DeriveKey(HashAlgorithmName.SHA256, version.Value, 32, info: "privacy-ledger/data-key-wrapping/aes-kw/v1"u8.ToArray()));
        NewestVersion = ring.Newest;
    }

    /// <summary>HMAC key of the identifier index: identifiers are looked up by keyed hash, never stored in clear.</summary>
    public byte[] IdentifierHashingKey { get; }

    /// <summary>The master key version <see cref="IdentifierHashingKey"/> derives from (<c>Ledger:IdentifierKeyVersion</c>).</summary>
    public int IdentifierKeyVersion { get; }

    /// <summary>The newest version's AES-GCM key-wrapping key, which wrapped new data keys before the AES key wrap.</summary>
    public byte[] KeyWrappingKey => WrappingKeys[NewestVersion];

    /// <summary>The AES-GCM key-wrapping key of every version that is not retired, by version: each unwraps what it wrapped.</summary>
    public IReadOnlyDictionary<int, byte[]> WrappingKeys { get; }

    /// <summary>The AES-256 key of the AES key wrap (<see cref="AesKeyWrap"/>) of every version that is not retired, by version.</summary>
    public IReadOnlyDictionary<int, byte[]> KeyWrapKeys { get; }

    /// <summary>The version new data keys are wrapped under, and the re-wrap moves older ones to.</summary>
    public int NewestVersion { get; }
}
