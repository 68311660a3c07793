using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

[GenerateSerializer, Alias("notification-status")]
public enum NotificationStatus { Pending, Delivered, Failed, NotConfigured }

/// <summary>An Art. 19 notification to a recipient a register names (R7), delivered through the outbox.</summary>
[GenerateSerializer, Immutable, Alias("notification")]
public sealed record Notification(string Id, string RegisterId, string RecipientId, string RecipientName, string Event, NotificationStatus Status,
    int Attempts, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt);
