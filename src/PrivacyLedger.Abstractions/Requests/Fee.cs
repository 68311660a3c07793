using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

[GenerateSerializer, Immutable, Alias("fee")]
public sealed record Fee(bool Applies, string? Reason);
