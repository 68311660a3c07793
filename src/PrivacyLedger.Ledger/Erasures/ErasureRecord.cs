namespace PrivacyLedger.Ledger.Erasures;

/// <summary>One journalled erasure: the pseudonymous subject id and when the erasure was decided; nothing personal.</summary>
public sealed record ErasureRecord(string SubjectId, DateTimeOffset ErasedAt);
