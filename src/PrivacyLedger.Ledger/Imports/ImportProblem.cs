namespace PrivacyLedger.Ledger.Imports;

/// <summary>Why a line was not imported: the field at fault and what is wrong, never the value itself.</summary>
public sealed record ImportProblem(long Line, string Field, string Detail);
