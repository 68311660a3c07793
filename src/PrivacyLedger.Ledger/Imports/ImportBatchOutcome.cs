namespace PrivacyLedger.Ledger.Imports;

/// <summary>
/// What a batch did, per row as <c>POST /v1/registers/{id}/members</c> counts: <see cref="Created"/> rows
/// created a subject, <see cref="Existing"/> rows enrolled someone already known (also a later row of a person
/// created by an earlier row), and every other row is in <see cref="Problems"/>.
/// </summary>
public sealed record ImportBatchOutcome(int Rows, int Created, int Existing, IReadOnlyList<ImportProblem> Problems);
