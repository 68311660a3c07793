namespace PrivacyLedger.Ledger.Subjects;

public sealed record ConsentRecord(List<string> Channels, string Source, string? Evidence, DateTimeOffset GrantedAt);
