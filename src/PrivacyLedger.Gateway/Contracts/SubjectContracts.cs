using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Gateway.Contracts;

// The JSON bodies of API v1 (camelCase on the wire), as PRODUCT.md gives them.

public sealed record IdentifierDto(string? Kind, string? Value);

public sealed record CategoryDto(string? Id, DateTimeOffset? CollectedAt);

public sealed record EnrolRequest(
    List<IdentifierDto>? Identifiers,
    string? ExternalId,
    ContactData? Contact,
    List<CategoryDto>? Categories,
    string? Source,
    DateTimeOffset? LastActivityAt);

public sealed record EnrolResponse(string SubjectId, bool Created);

public sealed record ConsentRequest(List<string>? Channels, string? Source, string? Evidence);

public sealed record ObjectionRequest(List<string>? Channels, string? Source, string? Evidence);

public sealed record WithdrawalRequest(string? Source);

public sealed record RestrictionRequest(string? Reason);

public sealed record BatchPermissionRequest(string? Purpose, string? Channel, string? Register, List<string>? SubjectIds);

public sealed record BatchPermissionResult(string SubjectId, bool Allowed, IReadOnlyList<string> Reasons);

public sealed record BatchPermissionResponse(IReadOnlyList<BatchPermissionResult> Results);

public sealed record VerificationResponse(bool Valid, long Events, string Head);

public sealed record MembersResponse(IReadOnlyList<Ledger.Registers.MemberEntry> Items, string? Next);
