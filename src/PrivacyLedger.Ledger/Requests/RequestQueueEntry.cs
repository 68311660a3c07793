namespace PrivacyLedger.Ledger.Requests;

/// <summary>One row of the privacy officer's queue.</summary>
public sealed record RequestQueueEntry(string RequestId, RequestType Type, string SubjectId, RequestStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset DueAt);
