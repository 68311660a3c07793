using System.ComponentModel.DataAnnotations;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Gateway.Contracts;

// The JSON bodies of API v1 (camelCase on the wire), as PRODUCT.md gives them. Each string and list carries its limit
// (FieldLimits, docs/api-limits.md); BodyRules enforces them as the body is read.

public sealed record IdentifierDto([StringLength(FieldLimits.Word)] string? Kind, [StringLength(FieldLimits.IdentifierValue)] string? Value);

public sealed record CategoryDto([StringLength(FieldLimits.Id)] string? Id, DateTimeOffset? CollectedAt);

public sealed record EnrolRequest(
    [MaxLength(FieldLimits.Identifiers)] List<IdentifierDto>? Identifiers,
    [StringLength(FieldLimits.ExternalId)] string? ExternalId,
    ContactData? Contact,
    [MaxLength(FieldLimits.Categories)] List<CategoryDto>? Categories,
    [StringLength(FieldLimits.Source)] string? Source,
    DateTimeOffset? LastActivityAt);

public sealed record EnrolResponse(string SubjectId, bool Created);

public sealed record ConsentRequest(
    [MaxLength(FieldLimits.Channels)] List<string>? Channels,
    [StringLength(FieldLimits.Source)] string? Source,
    [StringLength(FieldLimits.Text), DataType(DataType.MultilineText)] string? Evidence);

public sealed record ObjectionRequest(
    [MaxLength(FieldLimits.Channels)] List<string>? Channels,
    [StringLength(FieldLimits.Source)] string? Source,
    [StringLength(FieldLimits.Text), DataType(DataType.MultilineText)] string? Evidence);

public sealed record WithdrawalRequest([StringLength(FieldLimits.Source)] string? Source);

public sealed record RestrictionRequest([StringLength(FieldLimits.Text), DataType(DataType.MultilineText)] string? Reason);

public sealed record BatchPermissionRequest(
    [StringLength(FieldLimits.Id)] string? Purpose,
    [StringLength(FieldLimits.Word)] string? Channel,
    [StringLength(FieldLimits.Id)] string? Register,
    [MaxLength(FieldLimits.BatchSubjects)] List<string>? SubjectIds);

public sealed record BatchPermissionResult(string SubjectId, bool Allowed, IReadOnlyList<string> Reasons);

public sealed record BatchPermissionResponse(IReadOnlyList<BatchPermissionResult> Results);

public sealed record VerificationResponse(bool Valid, long Events, string Head);

public sealed record MembersResponse(IReadOnlyList<Ledger.Registers.MemberEntry> Items, string? Next);
