using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Imports;

/// <summary>One enrolment read from an import, and the line it came from (for the problem report).</summary>
public sealed record ImportRow(long Line, Enrolment Enrolment);

/// <summary>Why a line was not imported: the field at fault and what is wrong, never the value itself.</summary>
public sealed record ImportProblem(long Line, string Field, string Detail);

/// <summary>
/// What a batch did, per row as <c>POST /v1/registers/{id}/members</c> counts: <see cref="Created"/> rows
/// created a subject, <see cref="Existing"/> rows enrolled someone already known (also a later row of a person
/// created by an earlier row), and every other row is in <see cref="Problems"/>.
/// </summary>
public sealed record ImportBatchOutcome(int Rows, int Created, int Existing, IReadOnlyList<ImportProblem> Problems);
