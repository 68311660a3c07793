namespace PrivacyLedger.Ledger.Chain;

/// <summary>A change about to enter a subject's ledger: what happened, by whom, and its personal data (sealed on entry).</summary>
public sealed record LedgerEntryDraft(DateTimeOffset At, string Type, Actor Actor, string? RegisterId, string? RequestId, object? Data);
