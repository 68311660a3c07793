using System.ComponentModel.DataAnnotations;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Gateway.Contracts;

public sealed record RequestSubjectDto([StringLength(FieldLimits.Id)] string? SubjectId, [MaxLength(FieldLimits.Identifiers)] List<IdentifierDto>? Identifiers);

public sealed record CreateRequestBody(RequestType? Type, RequestSubjectDto? Subject, [MaxLength(FieldLimits.Registers)] List<string>? Registers,
    DateTimeOffset? ReceivedAt, RequestChannel? Channel, RequestDetails? Details);

public sealed record CreatedRequest(string RequestId, RequestStatus Status, DateTimeOffset DueAt);

public sealed record VerificationBody(VerificationMethod? Method, [StringLength(FieldLimits.Name)] string? VerifiedBy);

public sealed record ExtensionBody(int? Months, [StringLength(FieldLimits.Text), DataType(DataType.MultilineText)] string? Reason);

public sealed record RefusalBody(RefusalReason? Reason, [StringLength(FieldLimits.Text), DataType(DataType.MultilineText)] string? Explanation);

public sealed record CancellationBody([StringLength(FieldLimits.Text), DataType(DataType.MultilineText)] string? Reason);

public sealed record ConfirmationBody([StringLength(FieldLimits.Name)] string? ConfirmedBy, [StringLength(FieldLimits.Text), DataType(DataType.MultilineText)] string? Evidence);
