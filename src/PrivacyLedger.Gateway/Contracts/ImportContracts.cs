using System.ComponentModel.DataAnnotations;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Imports;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Gateway.Contracts;

/// <summary>One line of <c>POST /v1/imports</c>: the enrolment body of <c>POST /v1/registers/{id}/members</c> and the register.</summary>
public sealed record ImportLine(
    [StringLength(FieldLimits.Id)] string? RegisterId,
    [MaxLength(FieldLimits.Identifiers)] List<IdentifierDto>? Identifiers,
    [StringLength(FieldLimits.ExternalId)] string? ExternalId,
    ContactData? Contact,
    [MaxLength(FieldLimits.Categories)] List<CategoryDto>? Categories,
    [StringLength(FieldLimits.Source)] string? Source,
    DateTimeOffset? LastActivityAt)
{
    public EnrolRequest ToEnrolRequest() => new(Identifiers, ExternalId, Contact, Categories, Source, LastActivityAt);
}

/// <summary>
/// What an import did, per line: <c>created</c> lines created a subject, <c>existing</c> lines enrolled someone
/// already known, <c>failed</c> lines are explained in <c>errors</c> (the first 1,000, in line order).
/// </summary>
public sealed record ImportResponse(long Rows, long Created, long Existing, long Failed, IReadOnlyList<ImportProblem> Errors, bool ErrorsTruncated);
