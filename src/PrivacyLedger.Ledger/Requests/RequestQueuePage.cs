namespace PrivacyLedger.Ledger.Requests;

public sealed record RequestQueuePage(IReadOnlyList<RequestQueueEntry> Items, string? Next);
