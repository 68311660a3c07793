namespace PrivacyLedger.Ledger.Requests;

/// <summary>Delivers an Art. 19 notification to a recipient (R7). Returns false when delivery failed and should be retried.</summary>
public interface INotificationSender
{
    /// <summary>False when no delivery channel is configured at all: the notification is kept, listed, for manual follow-up.</summary>
    bool IsConfigured { get; }

    Task<bool> SendAsync(NotificationMessage message, CancellationToken cancellationToken = default);
}
