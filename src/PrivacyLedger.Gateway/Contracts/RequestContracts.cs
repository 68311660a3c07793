using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Gateway.Contracts;

public sealed record RequestSubjectDto(string? SubjectId, List<IdentifierDto>? Identifiers);

public sealed record CreateRequestBody(RequestType? Type, RequestSubjectDto? Subject, List<string>? Registers, DateTimeOffset? ReceivedAt,
    RequestChannel? Channel, RequestDetails? Details);

public sealed record CreatedRequest(string RequestId, RequestStatus Status, DateTimeOffset DueAt);

public sealed record VerificationBody(VerificationMethod? Method, string? VerifiedBy);

public sealed record ExtensionBody(int? Months, string? Reason);

public sealed record RefusalBody(RefusalReason? Reason, string? Explanation);

public sealed record CancellationBody(string? Reason);

public sealed record ConfirmationBody(string? ConfirmedBy, string? Evidence);
