using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>The keys derived from the configured master key (HKDF-SHA256), one per use, so no key serves two purposes.</summary>
public sealed class LedgerKeys
{
    public LedgerKeys(IOptions<LedgerOptions> options)
    {
        var master = MasterKey.Decode(options.Value.MasterKey);
        IdentifierHashingKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: "privacy-ledger/identifier-index/v1"u8.ToArray());
        KeyWrappingKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: "privacy-ledger/data-key-wrapping/v1"u8.ToArray());
    }

    /// <summary>HMAC key of the identifier index: identifiers are looked up by keyed hash, never stored in clear.</summary>
    public byte[] IdentifierHashingKey { get; }

    /// <summary>AES-256-GCM key that wraps each subject's data key at rest.</summary>
    public byte[] KeyWrappingKey { get; }
}
