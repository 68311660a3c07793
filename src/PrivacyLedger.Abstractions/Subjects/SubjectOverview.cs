using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// A person as the privacy officer's console first shows them: the subject with contact data and identifiers masked,
/// and a page of the ledger's events without their data (type, actor, register, request, hashes).
/// </summary>
[GenerateSerializer, Immutable, Alias("subject-overview")]
public sealed record SubjectOverview(SubjectView Subject, LedgerPage Ledger);
