using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>Each register's outcome, whether the person is now erased, and whether a retention condition stopped it all.</summary>
[GenerateSerializer, Immutable, Alias("erasure-outcome")]
public sealed record ErasureOutcome(IReadOnlyList<RegisterErasure> Registers, bool SubjectErased, bool RetentionNotExpired = false);

[GenerateSerializer, Immutable, Alias("register-erasure")]
public sealed record RegisterErasure(string RegisterId, RightsTaskOutcome Outcome);
