namespace PrivacyLedger.Ledger.Registers;

public sealed record MemberEntry(string SubjectId, string? ExternalId, DateTimeOffset Since, DateTimeOffset? LastActivityAt);

public sealed record MemberPage(IReadOnlyList<MemberEntry> Items, string? Next);
