using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Requests;

public enum RequestType { Access, Portability, Rectification, Erasure, Restriction, Objection, ConsentWithdrawal }

public enum RequestStatus { Received, Verified, InProgress, Completed, PartiallyCompleted, Refused, Cancelled }

public enum RightsTaskStatus { Pending, Done, Held, Failed, AwaitingConfirmation }

public enum RequestChannel { Email, Letter, Web, Phone, InPerson }

public enum VerificationMethod { PhotoId, StrongElectronicIdentification, SignedLetter, InPerson }

public enum RefusalReason { ManifestlyUnfounded, Excessive, IdentityNotVerified, LegalException }

public enum NotificationStatus { Pending, Delivered, Failed, NotConfigured }

/// <summary>What a request asks beyond its type: the rectified contact data, the objection's scope, the consent withdrawn, the restriction's reason.</summary>
public sealed record RequestDetails
{
    public ContactData? Contact { get; init; }
    /// <summary>Where a rectification comes from, e.g. <c>population-register</c> (R9).</summary>
    public string? Source { get; init; }
    public string? Scope { get; init; }
    public List<string>? Channels { get; init; }
    /// <summary>The consent withdrawn; none: every consent.</summary>
    public string? PurposeId { get; init; }
    public string? Reason { get; init; }
}

public sealed record NewRequest(RequestType Type, string SubjectId, IReadOnlyList<string>? Registers, DateTimeOffset? ReceivedAt, RequestChannel Channel, RequestDetails? Details);

public sealed record Verification(VerificationMethod Method, string VerifiedBy, DateTimeOffset At);

public sealed record Extension(int Months, string Reason, DateTimeOffset At);

public sealed record Refusal(RefusalReason Reason, string Explanation, DateTimeOffset At);

public sealed record Fee(bool Applies, string? Reason);

/// <summary>Evidence that an external system carried out its part: who, when, what.</summary>
public sealed record TaskConfirmation(string ConfirmedBy, DateTimeOffset At, string Evidence);

public sealed record RightsTask(string RegisterId, string Action, RightsTaskStatus Status, DateTimeOffset? HeldUntil = null, string? HoldReason = null,
    TaskConfirmation? Confirmation = null, string? Note = null);

/// <summary>An Art. 19 notification to a recipient a register names (R7), delivered through the outbox.</summary>
public sealed record Notification(string Id, string RegisterId, string RecipientId, string RecipientName, string Event, NotificationStatus Status,
    int Attempts, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt);

/// <summary>What the privacy officer and the API see of a request.</summary>
public sealed record RequestView(
    string RequestId, RequestType Type, string SubjectId, RequestStatus Status, RequestChannel Channel,
    DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool Overdue, Fee Fee, Verification? Verification, Extension? Extension, Refusal? Refusal,
    IReadOnlyList<RightsTask> Tasks, IReadOnlyList<Notification> Notifications, IReadOnlyList<string> Flags, string ComplaintNotice);

/// <summary>One row of the privacy officer's queue.</summary>
public sealed record RequestQueueEntry(string RequestId, RequestType Type, string SubjectId, RequestStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset DueAt);

/// <summary>The rules of time for requests (R8).</summary>
public static class Deadlines
{
    public const int MaxExtensionMonths = 2;

    /// <summary>One calendar month after receipt; 31 January gives the last day of February.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset receivedAt) => receivedAt.AddMonths(1);

    public static bool IsFinal(RequestStatus status) =>
        status is RequestStatus.Completed or RequestStatus.Refused or RequestStatus.Cancelled;
}

/// <summary>R13: every answer tells the person of the right to complain to the supervisory authority.</summary>
public static class ComplaintNotice
{
    public const string Text =
        "You have the right to lodge a complaint with the supervisory authority, the Office of the Data Protection Ombudsman " +
        "(Tietosuojavaltuutetun toimisto / Dataombudsmannens byrå), www.tietosuoja.fi, if you consider that the processing of your personal data infringes the GDPR.";
}
