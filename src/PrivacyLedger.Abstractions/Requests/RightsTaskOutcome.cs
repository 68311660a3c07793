using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

[GenerateSerializer, Immutable, Alias("rights-task-outcome")]
public sealed record RightsTaskOutcome(RightsTaskStatus Status, DateTimeOffset? HeldUntil = null, string? HoldReason = null, string? Note = null);
