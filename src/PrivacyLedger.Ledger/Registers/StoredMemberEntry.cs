using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Registers;

/// <summary>A register member as its ordered set stores it: the external id sealed under the person's data key.</summary>
public sealed record StoredMemberEntry(string SubjectId, Sealed<string>? ExternalId, DateTimeOffset Since, DateTimeOffset? LastActivityAt);
