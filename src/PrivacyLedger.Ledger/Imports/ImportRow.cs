using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Imports;

/// <summary>One enrolment read from an import, and the line it came from (for the problem report).</summary>
public sealed record ImportRow(long Line, Enrolment Enrolment);
