using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Retention;

[GenerateSerializer, Immutable, Alias("retention-outcome")]
public sealed record RetentionOutcome(IReadOnlyList<ExpiredData> Expired);
