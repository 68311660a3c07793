namespace PrivacyLedger.Ledger.Requests;

/// <summary>What a recipient is told: which request, what happened in which register. No personal data beyond the subject's id.</summary>
public sealed record NotificationMessage(string NotificationId, string RequestId, string SubjectId, string RegisterId, string RecipientId, string Event, DateTimeOffset At);
