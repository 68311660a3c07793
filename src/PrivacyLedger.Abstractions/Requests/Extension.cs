using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

[GenerateSerializer, Immutable, Alias("extension")]
public sealed record Extension(int Months, string Reason, DateTimeOffset At);
