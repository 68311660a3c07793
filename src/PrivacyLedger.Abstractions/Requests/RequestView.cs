using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>
/// What the privacy officer and the API see of a request. <see cref="Outcome"/> is set when an erasure completes;
/// <see cref="Answer"/> is what the person is told of it beyond the status (with <see cref="ComplaintNotice"/>, R13).
/// </summary>
[GenerateSerializer, Immutable, Alias("request-view")]
public sealed record RequestView(
    string RequestId, RequestType Type, string SubjectId, RequestStatus Status, RequestChannel Channel,
    DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool Overdue, Fee Fee, Verification? Verification, Extension? Extension, Refusal? Refusal,
    IReadOnlyList<RightsTask> Tasks, IReadOnlyList<Notification> Notifications, IReadOnlyList<string> Flags, string ComplaintNotice,
    RequestOutcome? Outcome = null, string? Answer = null);
