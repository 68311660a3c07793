namespace PrivacyLedger.Ledger.Subjects;

public sealed record Membership(string? ExternalId, DateTimeOffset Since, DateTimeOffset? LastActivityAt, string? Source, Dictionary<string, CategoryRecord> Categories);

public sealed record CategoryRecord(DateTimeOffset CollectedAt);
