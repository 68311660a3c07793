using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Retention;

[GenerateSerializer, Immutable, Alias("expired-count")]
public sealed record ExpiredCount(string RegisterId, string CategoryId, int Subjects, bool External);
