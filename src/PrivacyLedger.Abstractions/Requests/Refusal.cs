using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

[GenerateSerializer, Alias("refusal-reason")]
public enum RefusalReason { ManifestlyUnfounded, Excessive, IdentityNotVerified, LegalException }

[GenerateSerializer, Immutable, Alias("refusal")]
public sealed record Refusal(RefusalReason Reason, string Explanation, DateTimeOffset At);
