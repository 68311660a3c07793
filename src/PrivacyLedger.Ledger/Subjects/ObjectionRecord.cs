namespace PrivacyLedger.Ledger.Subjects;

/// <summary>An objection; no channels means every channel.</summary>
public sealed record ObjectionRecord(List<string> Channels, string Source, string? Evidence, DateTimeOffset At);
