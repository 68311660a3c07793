using PrivacyLedger.Ledger.Subjects;
using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

[GenerateSerializer, Alias("request-type")]
public enum RequestType { Access, Portability, Rectification, Erasure, Restriction, Objection, ConsentWithdrawal }

[GenerateSerializer, Alias("request-status")]
public enum RequestStatus { Received, Verified, InProgress, Completed, PartiallyCompleted, Refused, Cancelled }

[GenerateSerializer, Alias("rights-task-status")]
public enum RightsTaskStatus { Pending, Done, Held, Failed, AwaitingConfirmation }

[GenerateSerializer, Alias("request-channel")]
public enum RequestChannel { Email, Letter, Web, Phone, InPerson }

[GenerateSerializer, Alias("verification-method")]
public enum VerificationMethod { PhotoId, StrongElectronicIdentification, SignedLetter, InPerson }

[GenerateSerializer, Alias("refusal-reason")]
public enum RefusalReason { ManifestlyUnfounded, Excessive, IdentityNotVerified, LegalException }

[GenerateSerializer, Alias("notification-status")]
public enum NotificationStatus { Pending, Delivered, Failed, NotConfigured }

/// <summary>What a request asks beyond its type: the rectified contact data, the objection's scope, the consent withdrawn, the restriction's reason.</summary>
[GenerateSerializer, Immutable, Alias("request-details")]
public sealed record RequestDetails
{
    [Id(0)] public ContactData? Contact { get; init; }
    /// <summary>Where a rectification comes from, e.g. <c>population-register</c> (R9).</summary>
    [Id(1)] public string? Source { get; init; }
    [Id(2)] public string? Scope { get; init; }
    [Id(3)] public List<string>? Channels { get; init; }
    /// <summary>The consent withdrawn; none: every consent.</summary>
    [Id(4)] public string? PurposeId { get; init; }
    [Id(5)] public string? Reason { get; init; }
}

[GenerateSerializer, Immutable, Alias("new-request")]
public sealed record NewRequest(RequestType Type, string SubjectId, IReadOnlyList<string>? Registers, DateTimeOffset? ReceivedAt, RequestChannel Channel, RequestDetails? Details);

[GenerateSerializer, Immutable, Alias("verification")]
public sealed record Verification(VerificationMethod Method, string VerifiedBy, DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("extension")]
public sealed record Extension(int Months, string Reason, DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("refusal")]
public sealed record Refusal(RefusalReason Reason, string Explanation, DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("fee")]
public sealed record Fee(bool Applies, string? Reason);

/// <summary>Evidence that an external system carried out its part: who, when, what.</summary>
[GenerateSerializer, Immutable, Alias("task-confirmation")]
public sealed record TaskConfirmation(string ConfirmedBy, DateTimeOffset At, string Evidence);

[GenerateSerializer, Immutable, Alias("rights-task")]
public sealed record RightsTask(string RegisterId, string Action, RightsTaskStatus Status, DateTimeOffset? HeldUntil = null, string? HoldReason = null,
    TaskConfirmation? Confirmation = null, string? Note = null);

/// <summary>An Art. 19 notification to a recipient a register names (R7), delivered through the outbox.</summary>
[GenerateSerializer, Immutable, Alias("notification")]
public sealed record Notification(string Id, string RegisterId, string RecipientId, string RecipientName, string Event, NotificationStatus Status,
    int Attempts, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt);

/// <summary>What the privacy officer and the API see of a request.</summary>
[GenerateSerializer, Immutable, Alias("request-view")]
public sealed record RequestView(
    string RequestId, RequestType Type, string SubjectId, RequestStatus Status, RequestChannel Channel,
    DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool Overdue, Fee Fee, Verification? Verification, Extension? Extension, Refusal? Refusal,
    IReadOnlyList<RightsTask> Tasks, IReadOnlyList<Notification> Notifications, IReadOnlyList<string> Flags, string ComplaintNotice);
