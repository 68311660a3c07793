namespace PrivacyLedger.Ledger.Receipts;

/// <summary>
/// <c>Ledger:SigningKeys</c> and <c>Ledger:ReceiptIssuer</c>: the keys that sign rights-request receipts. Bound
/// from the same <c>Ledger</c> section as <see cref="LedgerOptions"/>, kept apart so receipts stay one feature.
/// </summary>
public sealed class ReceiptSigningOptions
{
    /// <summary>
    /// Versioned keys, oldest first. The one marked <see cref="SigningKeyOptions.Active"/> signs, or else the last;
    /// every key stays published so receipts signed before a rotation still verify.
    /// </summary>
    public List<SigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>Who issues receipts, as written in them (e.g. the controller's domain).</summary>
    public string ReceiptIssuer { get; set; } = "privacy-ledger";
}

/// <summary>One version of the receipt-signing key: an ECDSA P-256 key under its key id.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>The key id written in each receipt's header and in the JWK Set, e.g. <c>receipts-2026-12</c>.</summary>
    public string Kid { get; set; } = "";

    /// <summary>The private key: PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>) or its DER in base64.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>
    /// A retired key whose private half was destroyed: its public key only (SubjectPublicKeyInfo PEM or base64 DER),
    /// published so old receipts still verify.
    /// </summary>
    public string? PublicKey { get; set; }

    /// <summary>Signs new receipts; at most one key is active; without one, the last key signs.</summary>
    public bool Active { get; set; }
}
