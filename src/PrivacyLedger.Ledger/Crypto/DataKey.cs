namespace PrivacyLedger.Ledger.Crypto;

/// <summary>A subject's data key, in clear (to seal and open) and as stored (wrapped).</summary>
public sealed record DataKey(string SubjectId, byte[] Key, string Wrapped);
