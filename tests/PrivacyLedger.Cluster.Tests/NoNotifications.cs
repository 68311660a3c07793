using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Cluster.Tests;

/// <summary>No recipients' webhook: notifications are listed as not configured, as on a gateway without one.</summary>
internal sealed class NoNotifications : INotificationSender
{
    public bool IsConfigured => false;

    public Task<bool> SendAsync(NotificationMessage message, CancellationToken cancellationToken = default) => Task.FromResult(false);
}
