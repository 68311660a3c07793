namespace PrivacyLedger.Ledger.Subjects;

public sealed record RestrictionRecord(string Reason, DateTimeOffset At);
