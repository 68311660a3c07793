namespace PrivacyLedger.Ledger.Requests;

/// <summary>Delivers an Art. 19 notification to a recipient (R7). Returns false when delivery failed and should be retried.</summary>
public interface INotificationSender
{
    /// <summary>False when no delivery channel is configured at all: the notification is kept, listed, for manual follow-up.</summary>
    bool IsConfigured { get; }

    Task<bool> SendAsync(NotificationMessage message, CancellationToken cancellationToken = default);
}

/// <summary>What a recipient is told: which request, what happened in which register. No personal data beyond the subject's id.</summary>
public sealed record NotificationMessage(string NotificationId, string RequestId, string SubjectId, string RegisterId, string RecipientId, string Event, DateTimeOffset At);
