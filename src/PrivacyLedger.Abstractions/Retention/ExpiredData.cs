using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Retention;

/// <summary>Data a sweep found expired for one person.</summary>
[GenerateSerializer, Immutable, Alias("expired-data")]
public sealed record ExpiredData(string RegisterId, string CategoryId, DateTimeOffset ExpiredAt, bool External);
